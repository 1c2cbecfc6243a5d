// `flowlab-cli check FILE [--against CHALLENGE]`: grades a design (run::check_design) and
// prints the verdict; exit 0 when every goal is met by a fair design, else 3.

#include <boost/json/object.hpp>

#include "commands.hpp"
#include "flowlab/model/schema.hpp"
#include "flowlab/run/challenge.hpp"
#include "number_format.hpp"
#include "output.hpp"
#include "report_format.hpp"
#include "scenario_input.hpp"
#include "text_table.hpp"

namespace flowlab::cli {

namespace {

std::string bound_text(const model::Goal& g) {
    return g.min ? ">= " + model::format_number(*g.min) : "<= " + model::format_number(*g.max);
}

std::string budget_text(std::int64_t used, const std::optional<std::int64_t>& allowed) {
    return std::to_string(used) + (allowed ? " of " + std::to_string(*allowed) : " (no limit)");
}

std::string format_table(const run::CheckResult& r, const std::string& file,
                         const std::optional<std::string>& against) {
    std::string out = "Check of " + file + (against ? " against " + *against : "") + " (seed " +
                      std::to_string(r.seed) + ", " + std::to_string(r.replications) +
                      (r.replications == 1 ? " replication" : " replications") + ")\n";
    out += r.fair ? "\nFair: yes\n" : "\nFair: no\n";
    for (const auto& u : r.unfair) out += "  " + u + "\n";
    out += "\nGoals (each judged on the mean over the replications)\n";
    TextTable table({"metric", "goal", "mean", "+- 95%", "verdict"});
    for (const auto& g : r.goals)
        table.add_row({g.goal.metric, bound_text(g.goal), g.mean ? exact_text(*g.mean) : "missing",
                       g.ci95 ? exact_text(*g.ci95) : "", g.passed ? "met" : "NOT MET"});
    out += table.render();
    out += "\nBudget: service threads " + budget_text(r.used.threads, r.allowed.threads) +
           ", consumer instances " +
           budget_text(r.used.consumer_instances, r.allowed.consumer_instances) + "\n";
    out += r.passed() ? "\nPASSED\n"
                      : (r.fair ? "\nNOT PASSED: some goal is not met\n"
                                : "\nNOT PASSED: not a fair answer to the challenge\n");
    return out;
}

}  // namespace

int command_check(const CommandLine& cl) {
    const std::string& file = cl.files.front();
    const model::Scenario design = load_or_exit(file);
    const model::Scenario challenge = cl.against ? load_or_exit(*cl.against) : design;
    if (!challenge.challenge)
        input_error(cl.against
                        ? *cl.against + ": not a challenge: the file has no 'challenge' block"
                        : file +
                              ": no 'challenge' block to check against: add one, or "
                              "give --against CHALLENGE.json");
    check_writable(cl.out);
    run::CheckResult result;
    try {
        result = run::check_design(design, challenge, {cl.seed, cl.replications.value_or(5), 2});
    } catch (const std::exception& e) {
        run_error("flowlab-cli: the run of '" + file + "' failed: " + e.what());
    }
    if (cl.format.value_or(Format::table) == Format::json)
        emit(format_report_json(run::check_json(result, file, cl.against)), cl.out);
    else
        emit(format_table(result, file, cl.against), cl.out);
    if (!result.passed()) throw CliExit(3, "");
    return 0;
}

}  // namespace flowlab::cli
