// `flowlab-cli run FILE`: one simulation, its report in the chosen format.

#include <boost/json/object.hpp>

#include "commands.hpp"
#include "flowlab/run/batch_runner.hpp"
#include "output.hpp"
#include "report_format.hpp"
#include "scenario_input.hpp"

namespace flowlab::cli {

int command_run(const CommandLine& cl) {
    const std::string& file = cl.files.front();
    const model::Scenario scenario = load_or_exit(file);
    check_overrides_or_exit(scenario, cl);
    check_writable(cl.out);

    boost::json::object report;
    try {
        const runtime::SimulationOptions options{cl.seed, cl.duration_s, cl.requests};
        report = cl.until_s ? run::report_at(scenario, *cl.until_s, options)
                            : run::run_batch(scenario, options);
    } catch (const std::exception& e) {
        run_error("flowlab-cli: the run of '" + file + "' failed: " + e.what());
    }

    std::string text;
    switch (cl.format.value_or(Format::table)) {
        case Format::json: text = format_report_json(report); break;
        case Format::csv: text = format_report_csv(report); break;
        case Format::table: text = format_report_table(report); break;
    }
    emit(text, cl.out);
    return 0;
}

}  // namespace flowlab::cli
