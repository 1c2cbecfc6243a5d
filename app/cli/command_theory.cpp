// `flowlab-cli theory FILE`: the analytic predictions alone, without running anything.

#include <boost/json/object.hpp>

#include "commands.hpp"
#include "flowlab/theory/predict.hpp"
#include "output.hpp"
#include "report_format.hpp"
#include "scenario_input.hpp"

namespace flowlab::cli {

int command_theory(const CommandLine& cl) {
    const model::Scenario scenario = load_or_exit(cl.files.front());
    boost::json::object theory;
    try {
        theory = theory::predict(scenario);
    } catch (const std::exception& e) {
        run_error("flowlab-cli: the predictions for '" + cl.files.front() +
                  "' failed: " + e.what());
    }
    if (cl.format.value_or(Format::table) == Format::json) {
        emit(format_report_json(theory), cl.out);
        return 0;
    }
    std::string sole_client;
    int clients = 0;
    for (const auto& n : scenario.nodes) {
        if (n.kind != model::NodeKind::client) continue;
        ++clients;
        sole_client = n.id;
    }
    if (clients != 1) sole_client.clear();
    emit(
        "Scenario: " + scenario.name + "\n\n" + format_theory_section(theory, nullptr, sole_client),
        cl.out);
    return 0;
}

}  // namespace flowlab::cli
