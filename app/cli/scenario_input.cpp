#include "scenario_input.hpp"

#include "cli_args.hpp"
#include "flowlab/run/metric_path.hpp"

namespace flowlab::cli {

std::string diagnostics_text(const std::vector<model::Diagnostic>& errors) {
    std::string text;
    for (const auto& d : errors) text += d.to_string() + "\n";
    return text;
}

namespace {
model::Scenario valid_or_exit(model::ParseResult result, const std::string& file) {
    if (result.ok()) return std::move(*result.scenario);
    // A parser that rejects without saying why would leave the user with nothing.
    if (result.errors.empty()) input_error(file + ": not a valid scenario");
    std::string text = diagnostics_text(result.errors);
    text.pop_back();
    input_error(text);
}
}  // namespace

std::string read_or_exit(const std::string& path) {
    model::ScenarioText read = model::read_scenario_text(path);
    if (read.error) input_error(read.error->to_string());
    return std::move(read.text);
}

model::Scenario load_or_exit(const std::string& path) {
    return valid_or_exit(run::load_scenario_checked(path), path);
}

void check_overrides_or_exit(const model::Scenario& scenario, const CommandLine& cl) {
    if (!cl.duration_s && !cl.requests) return;
    model::Scenario changed = scenario;
    if (cl.duration_s) {
        changed.run.duration_s = cl.duration_s;
        changed.run.requests.reset();
    } else {
        changed.run.requests = cl.requests;
        changed.run.duration_s.reset();
    }
    const auto problems = model::validate(changed);
    if (problems.empty()) return;
    const std::string option = cl.duration_s ? "--duration" : "--requests";
    std::string text;
    for (const auto& d : problems)
        text += (text.empty() ? "" : "\n") + std::string("flowlab-cli: ") + option + ": " +
                d.to_string();
    input_error(text);
}

model::Scenario parse_or_exit(std::string_view text, const std::string& file) {
    return valid_or_exit(run::parse_scenario_checked(text, file), file);
}

}  // namespace flowlab::cli
