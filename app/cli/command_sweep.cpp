// `flowlab-cli sweep FILE --set PATH=V1,V2,...`: the same scenario once per value (and
// replication). Each changed scenario goes through the file parser, so a bad value gets
// the same located message a bad file would; nothing runs until every value is valid.

#include <boost/json/parse.hpp>

#include "commands.hpp"
#include "flowlab/run/batch_runner.hpp"
#include "flowlab/run/metric_path.hpp"
#include "flowlab/run/report_json.hpp"
#include "json_path_set.hpp"
#include "output.hpp"
#include "scenario_input.hpp"
#include "sweep_format.hpp"

namespace flowlab::cli {

namespace json = boost::json;

namespace {

/// The file as a Boost.JSON document for --set, from the text parse_or_exit accepted (read
/// once: a pipe cannot be read twice).
json::value file_json(const std::string& file, const std::string& text) {
    boost::system::error_code ec;
    json::value doc = json::parse(text, ec);
    // parse_or_exit accepted the text, so this only fails on JSON our reader accepts
    // and Boost does not; say so rather than guess.
    if (ec) input_error(file + ": cannot be re-read for --set: " + ec.message());
    return doc;
}

}  // namespace

int command_sweep(const CommandLine& cl) {
    const std::string& file = cl.files.front();
    const std::string text = read_or_exit(file);
    const model::Scenario loaded = parse_or_exit(text, file);  // problems located in the file
    const SetSpec spec = parse_set_spec(*cl.set);
    if (spec.path == "seed" && cl.seed)
        throw CliExit(2, "--seed and --set seed=... both set the seed", "sweep");
    const json::value doc = file_json(file, text);

    std::vector<model::Scenario> scenarios;
    std::string problems;
    for (std::size_t i = 0; i < spec.values.size(); ++i) {
        json::value changed = doc;
        set_json_path(changed, loaded, spec.path, spec.values[i]);
        const std::string name = file + " (with --set " + spec.path + "=" + spec.texts[i] + ")";
        model::ParseResult result = run::parse_scenario_checked(run::to_json_text(changed), name);
        if (result.ok()) {
            check_overrides_or_exit(*result.scenario, cl);
            scenarios.push_back(std::move(*result.scenario));
            continue;
        }
        // Positions would point into the generated one-line text, which the user never
        // sees; the JSON path and the file name with the --set are the location.
        for (auto& d : result.errors) d.line = d.column = 0;
        problems += result.errors.empty() ? name + ": not a valid scenario\n"
                                          : diagnostics_text(result.errors);
    }
    if (!problems.empty()) {
        problems.pop_back();
        input_error(problems);
    }
    check_writable(cl.out);

    SweepResult sweep{spec.path, spec.texts, spec.values, cl.replications.value_or(1), {}};
    std::vector<run::BatchJob> jobs;
    for (std::size_t v = 0; v < scenarios.size(); ++v) {
        const std::uint64_t base = cl.seed.value_or(scenarios[v].seed);
        for (int r = 0; r < sweep.replications; ++r) {
            // Replication r uses base seed + r (wrapping at 2^64): reproducible from the row.
            const std::uint64_t seed = base + static_cast<std::uint64_t>(r);
            jobs.push_back(
                {scenarios[v], runtime::SimulationOptions{seed, cl.duration_s, cl.requests}});
            sweep.runs.push_back({v, r, seed, {}});
        }
    }
    std::vector<json::object> reports;
    try {
        reports = run::run_many(jobs, 2);  // the lab machines have two cores
    } catch (const std::exception& e) {
        run_error("flowlab-cli: a sweep run of '" + file + "' failed: " + e.what());
    }
    for (std::size_t i = 0; i < reports.size(); ++i) {
        reports[i].erase("perf");  // wall-clock figures would make the output differ run to run
        sweep.runs[i].report = std::move(reports[i]);
    }
    emit(cl.format.value_or(Format::csv) == Format::json ? format_sweep_json(sweep)
                                                         : format_sweep_csv(sweep),
         cl.out);
    return 0;
}

}  // namespace flowlab::cli
