#include "document/scenario_file.hpp"

#include "flowlab/model/parse.hpp"
#include "flowlab/model/save.hpp"
#include "flowlab/run/metric_path.hpp"

namespace flowlab::ui {

ScenarioLoad loadScenarioFile(const QString& path) {
    ScenarioLoad load;
    model::ParseResult parsed = run::load_scenario_checked(path.toStdString());
    for (const auto& d : parsed.errors) load.errors << QString::fromStdString(d.to_string());
    if (parsed.ok()) load.scenario = std::move(parsed.scenario);
    return load;
}

QString saveScenarioFile(const model::Scenario& scenario, const QString& path) {
    // The engine's writer, as the CLI's --out: through symlinks, keeping permissions, and
    // clearing temporaries a killed save left behind.
    return QString::fromStdString(model::save_scenario_file(scenario, path.toStdString()));
}

QString withJsonSuffix(const QString& path) {
    return path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)
               ? path
               : path + QLatin1String(".json");
}

}  // namespace flowlab::ui
