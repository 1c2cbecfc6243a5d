// A scenario with a recording: `run` applies its live inputs at their times (the report of
// a recorded demo is reproducible, and equals `--until` at the same time), and a recording
// that does not fit the scenario is bad input, located.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "cli_runner.hpp"
#include "flowlab/run/report_json.hpp"

namespace flowlab::cli_test {
namespace {

namespace json = boost::json;

const std::string checkout = std::string(FLOWLAB_SCENARIOS_DIR) + "/08-cascading-checkout.json";

/// Lesson 08 with `recording` (JSON text), in `dir`.
std::string with_recording(const TempDir& dir, const std::string& recording) {
    json::value doc = json::parse(read_text(checkout));
    doc.as_object()["recording"] = json::parse(recording);
    const std::string path = (dir.path / "recorded.json").string();
    write_text(path, run::to_json_text(doc));
    return path;
}

std::string report_without_perf(const std::vector<std::string>& args) {
    const CliResult r = run_cli(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    json::object report = parse_report(r.out);
    report.erase("perf");
    return json::serialize(report);
}

TEST(CliRecording, RunAppliesTheRecordedInputs) {
    TempDir dir;
    // More gateway threads at 5 s, and the ledger hangs for 5 s more from 10 s.
    const std::string file =
        with_recording(dir, R"([{"at_s": 5, "set": {"nodes.gateway.threads": 64}},
                 {"at_s": 10, "fault": {"target": "ledger", "fault": "hang", "for_s": 5}}])");
    const std::string recorded = report_without_perf({"run", file, "--format", "json"});
    const std::string plain = report_without_perf({"run", checkout, "--format", "json"});
    EXPECT_NE(recorded, plain);
    // Deterministic, and the same run as the live one at every time.
    EXPECT_EQ(recorded, report_without_perf({"run", file, "--format", "json"}));
    EXPECT_EQ(report_without_perf({"run", file, "--format", "json", "--until", "4"}),
              report_without_perf({"run", checkout, "--format", "json", "--until", "4"}));
    EXPECT_NE(report_without_perf({"run", file, "--format", "json", "--until", "12"}),
              report_without_perf({"run", checkout, "--format", "json", "--until", "12"}));
}

TEST(CliRecording, ARecordingThatDoesNotFitIsBadInput) {
    TempDir dir;
    const std::string file =
        with_recording(dir, R"([{"at_s": 5, "set": {"nodes.gatewy.threads": 64}}])");
    const CliResult r = run_cli({"run", file});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find(file + ":"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(R"(recording[0].set["nodes.gatewy.threads"]: not a parameter)"),
              std::string::npos)
        << r.err;
}

}  // namespace
}  // namespace flowlab::cli_test
