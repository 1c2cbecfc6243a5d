// `run --until S`: the report of the run so far at virtual time S, which is what the app
// shows live at S; past the end of the run it is the final report.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "cli_runner.hpp"

namespace flowlab::cli_test {
namespace {

namespace json = boost::json;

double requests_of(const json::object& report) {
    return number(report.at("clients").at("web").at("requests"));
}

TEST(CliUntil, TheReportIsTakenAtTheGivenVirtualTime) {
    // small.json has 2 s of arrivals at 200/s; stop half way.
    const CliResult r = run_cli({"run", small_scenario, "--until", "1", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json::object report = parse_report(r.out);
    EXPECT_EQ(number(report.at("sim_time_s")), 1.0);
    EXPECT_EQ(number(report.at("measured_s")), 1.0);
    // A report of a run in progress has no wall-clock section.
    EXPECT_FALSE(report.contains("perf"));

    const CliResult full = run_cli({"run", small_scenario, "--format", "json"});
    ASSERT_EQ(full.exit_code, 0) << full.err;
    const json::object end = parse_report(full.out);
    // Half the arrivals so far: Poisson 200/s for 1 s against 2 s, so 200 +- 5 x 14 of 400.
    EXPECT_LT(requests_of(report), requests_of(end));
    EXPECT_NEAR(requests_of(report), 200.0, 5 * std::sqrt(200.0));
    // The same seed, so the first second is the same run: nothing seen so far is unseen later.
    EXPECT_LE(number(report.at("clients").at("web").at("ok")),
              number(end.at("clients").at("web").at("ok")));
}

TEST(CliUntil, ASnapshotIsByteIdenticalForTheSameFileSeedAndTime) {
    const CliResult a = run_cli({"run", small_scenario, "--until", "1.5", "--format", "json"});
    const CliResult b = run_cli({"run", small_scenario, "--format", "json", "--until", "1.5"});
    ASSERT_EQ(a.exit_code, 0) << a.err;
    ASSERT_EQ(b.exit_code, 0) << b.err;
    EXPECT_EQ(a.out, b.out);
    const CliResult later = run_cli({"run", small_scenario, "--until", "1.6", "--format", "json"});
    ASSERT_EQ(later.exit_code, 0) << later.err;
    EXPECT_NE(later.out, a.out);
}

TEST(CliUntil, EqualsSignFormAndFractionsWork) {
    const CliResult r = run_cli({"run", small_scenario, "--until=0.25", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(number(parse_report(r.out).at("sim_time_s")), 0.25);
}

TEST(CliUntil, ZeroIsTheStartOfTheRun) {
    const CliResult r = run_cli({"run", small_scenario, "--until", "0", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json::object report = parse_report(r.out);
    EXPECT_EQ(number(report.at("sim_time_s")), 0.0);
    EXPECT_EQ(requests_of(report), 0.0);
}

TEST(CliUntil, PastTheEndGivesTheFinalReportWithoutPerf) {
    const CliResult full = run_cli({"run", small_scenario, "--format", "json"});
    ASSERT_EQ(full.exit_code, 0) << full.err;
    json::object expected = parse_report(full.out);
    ASSERT_TRUE(expected.contains("perf"));
    expected.erase("perf");
    // The run (2 s of arrivals and a short drain) ends long before any of these.
    for (const char* until : {"1000", "1e300"}) {
        SCOPED_TRACE(until);
        const CliResult r = run_cli({"run", small_scenario, "--until", until, "--format", "json"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(parse_report(r.out), expected);
        EXPECT_LT(number(parse_report(r.out).at("sim_time_s")), 1000.0);
    }
}

TEST(CliUntil, ALessonCutByItsDrainLimitEndsTheSameWay) {
    // Lesson 11 ends when the drain limit stops a message retried for ever: --until past
    // the end must agree with the plain run there too.
    const std::string lesson = std::string(FLOWLAB_SCENARIOS_DIR) + "/11-poison-pill-no-dlq.json";
    const CliResult full = run_cli({"run", lesson, "--format", "json"});
    const CliResult until = run_cli({"run", lesson, "--until", "500", "--format", "json"});
    ASSERT_EQ(full.exit_code, 0) << full.err;
    ASSERT_EQ(until.exit_code, 0) << until.err;
    EXPECT_EQ(until.out, without_perf(full.out));
}

TEST(CliUntil, ABadValueIsBadInput) {
    const std::string& f = small_scenario;
    const std::vector<std::vector<std::string>> cases = {
        {"run", f, "--until", "soon"}, {"run", f, "--until", "-1"},    {"run", f, "--until", "nan"},
        {"run", f, "--until", "inf"},  {"run", f, "--until", "1e999"}, {"run", f, "--until", "2s"},
        {"run", f, "--until", ""},
    };
    for (const auto& args : cases) {
        SCOPED_TRACE(args.back());
        const CliResult r = run_cli(args);
        EXPECT_EQ(r.exit_code, 2);
        EXPECT_NE(r.err.find("--until must be a number of seconds >= 0, got '" + args.back() + "'"),
                  std::string::npos)
            << r.err;
        EXPECT_NE(r.err.find("usage:"), std::string::npos) << r.err;
        EXPECT_EQ(r.out, "");
    }
    const CliResult missing = run_cli({"run", f, "--until"});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("--until needs a value"), std::string::npos) << missing.err;
    const CliResult twice = run_cli({"run", f, "--until", "1", "--until", "2"});
    EXPECT_EQ(twice.exit_code, 2);
    EXPECT_NE(twice.err.find("--until given twice"), std::string::npos) << twice.err;
    const CliResult elsewhere =
        run_cli({"sweep", f, "--set", "nodes.db.connections=2", "--until", "1"});
    EXPECT_EQ(elsewhere.exit_code, 2);
    EXPECT_NE(elsewhere.err.find("'--until' does not apply to 'sweep'"), std::string::npos)
        << elsewhere.err;
}

}  // namespace
}  // namespace flowlab::cli_test
