#include "document/scenario_file.hpp"

#include <QCoreApplication>
#include <QSaveFile>

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
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return QCoreApplication::translate("ScenarioFile", "Cannot write %1: %2")
            .arg(path, file.errorString());
    }
    const std::string text = model::to_json_text(scenario);
    if (file.write(text.data(), static_cast<qint64>(text.size())) !=
            static_cast<qint64>(text.size()) ||
        !file.commit()) {
        return QCoreApplication::translate("ScenarioFile", "Cannot save %1: %2")
            .arg(path, file.errorString());
    }
    return {};
}

QString withJsonSuffix(const QString& path) {
    return path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)
               ? path
               : path + QLatin1String(".json");
}

}  // namespace flowlab::ui
