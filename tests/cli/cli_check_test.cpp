// `check`: grading a design against challenge goals. Exit 0 when a fair design meets
// every goal, 3 when a goal is missed or the design is not a fair answer (each difference
// located), 2 for bad input; flowlab-check/1 JSON with mean and 95% half-width per goal.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "cli_runner.hpp"
#include "flowlab/run/report_json.hpp"

namespace flowlab::cli_test {
namespace {

namespace json = boost::json;

const std::string challenge =
    std::string(FLOWLAB_SCENARIOS_DIR) + "/challenges/01-downstream-outage.json";
const std::string solution =
    std::string(FLOWLAB_TEST_DATA_DIR) + "/challenges/01-downstream-outage-solution.json";

/// The reference solution changed by `edit`, written to `dir`.
template <class Edit>
std::string edited_solution(const TempDir& dir, Edit edit) {
    json::value doc = json::parse(read_text(solution));
    edit(doc.as_object());
    const std::string path = (dir.path / "edited.json").string();
    write_text(path, run::to_json_text(doc));
    return path;
}

TEST(CliCheck, TheChallengeAsGivenFailsWithExit3) {
    const CliResult r = run_cli({"check", challenge, "--replications", "2", "--format", "json"});
    EXPECT_EQ(r.exit_code, 3) << r.err;
    const json::object doc = parse_report(r.out);
    EXPECT_EQ(doc.at("format"), "flowlab-check/1");
    EXPECT_EQ(doc.at("passed"), false);
    EXPECT_EQ(doc.at("fair"), true);
    EXPECT_EQ(number(doc.at("replications")), 2);
    EXPECT_EQ(number(doc.at("seed")), 101);  // the challenge's own seed
    const json::array& goals = doc.at("goals").as_array();
    ASSERT_EQ(goals.size(), 2u);
    EXPECT_EQ(goals[0].at("metric"), "clients.web.availability");
    EXPECT_EQ(number(goals[0].at("min")), 0.995);
    EXPECT_LT(number(goals[0].at("mean")), 0.995);
    EXPECT_TRUE(goals[0].at("ci95").is_number());
    EXPECT_EQ(goals[0].at("passed"), false);
    EXPECT_TRUE(doc.at("unfair").as_array().empty());
}

TEST(CliCheck, TheReferenceSolutionPassesAgainstTheChallenge) {
    const CliResult r = run_cli({"check", solution, "--against", challenge, "--replications", "2"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("Fair: yes"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("PASSED"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("clients.web.availability"), std::string::npos) << r.out;
}

TEST(CliCheck, OneReplicationHasNoInterval) {
    const CliResult r = run_cli(
        {"check", solution, "--against", challenge, "--replications", "1", "--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(parse_report(r.out).at("goals").as_array()[0].at("ci95").is_null());
}

TEST(CliCheck, DeletingTheFaultIsUnfair) {
    TempDir dir;
    const std::string cheat = edited_solution(dir, [](json::object& s) { s.erase("faults"); });
    const CliResult r = run_cli(
        {"check", cheat, "--against", challenge, "--replications", "1", "--format", "json"});
    EXPECT_EQ(r.exit_code, 3);
    const json::object doc = parse_report(r.out);
    EXPECT_EQ(doc.at("fair"), false);
    EXPECT_EQ(doc.at("passed"), false);
    EXPECT_EQ(
        doc.at("unfair").as_array(),
        json::array{"faults[0]: scheduled fault removed or changed (hang on 'payments' at 10 s)"});
}

TEST(CliCheck, LoweringTheClientRateIsUnfair) {
    TempDir dir;
    const std::string cheat = edited_solution(
        dir, [](json::object& s) { s.at("nodes").as_array()[0].as_object()["rate_per_s"] = 10; });
    const CliResult r = run_cli({"check", cheat, "--against", challenge, "--replications", "1"});
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_NE(r.out.find("Fair: no\n  nodes.web.rate_per_s: locked node changed"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("not a fair answer"), std::string::npos) << r.out;
}

TEST(CliCheck, EditingALockedNodeIsUnfair) {
    TempDir dir;
    const std::string cheat = edited_solution(dir, [](json::object& s) {
        s.at("nodes").as_array()[2].as_object()["threads"] = 4;  // payments
    });
    const CliResult r = run_cli(
        {"check", cheat, "--against", challenge, "--replications", "1", "--format", "json"});
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_EQ(parse_report(r.out).at("unfair").as_array(),
              json::array{"nodes.payments.threads: locked node changed"});
}

TEST(CliCheck, ExceedingTheBudgetIsUnfair) {
    TempDir dir;
    const std::string cheat = edited_solution(dir, [](json::object& s) {
        s.at("nodes").as_array()[1].as_object()["threads"] = 200;  // api
    });
    const CliResult r = run_cli(
        {"check", cheat, "--against", challenge, "--replications", "1", "--format", "json"});
    EXPECT_EQ(r.exit_code, 3);
    const json::object doc = parse_report(r.out);
    EXPECT_EQ(doc.at("unfair").as_array(),
              json::array{"budget.threads: 216 service threads, the budget allows 80"});
    EXPECT_EQ(number(doc.at("budget").at("threads").at("used")), 216);
    EXPECT_EQ(number(doc.at("budget").at("threads").at("allowed")), 80);
}

TEST(CliCheck, ChangingTheGoalsIsUnfair) {
    TempDir dir;
    const std::string cheat = edited_solution(dir, [](json::object& s) {
        s.at("challenge").at("goals").as_array()[0].as_object()["min"] = 0.5;
    });
    // Graded by its own (lowered) goals it passes; against the challenge it is unfair.
    EXPECT_EQ(run_cli({"check", cheat, "--replications", "1"}).exit_code, 0);
    const CliResult r = run_cli(
        {"check", cheat, "--against", challenge, "--replications", "1", "--format", "json"});
    EXPECT_EQ(r.exit_code, 3);
    const json::object doc = parse_report(r.out);
    EXPECT_EQ(doc.at("unfair").as_array(), json::array{"challenge.goals: goals changed"});
    // The goals judged are the challenge's, not the edited ones.
    EXPECT_EQ(number(doc.at("goals").as_array()[0].at("min")), 0.995);
}

TEST(CliCheck, AGoalMetricTheDesignLacksFails) {
    // Goals name the challenge's nodes: a design that drops one cannot meet its goal.
    const std::string poison =
        std::string(FLOWLAB_SCENARIOS_DIR) + "/challenges/04-poison-pill.json";
    TempDir dir;
    json::value doc = json::parse(read_text(poison));
    json::object& topic = doc.at("nodes").as_array()[2].as_object();
    ASSERT_EQ(topic.at("id"), "payment-events");
    topic["partitions"] = 2;  // partitions 2 and 3 are gone from the report
    // Its own copy of the goals would name figures it lacks (a load error): leave it out,
    // the challenge's goals apply.
    doc.as_object().erase("challenge");
    const std::string path = (dir.path / "two.json").string();
    write_text(path, run::to_json_text(doc));
    const CliResult r = run_cli({"check", path, "--against", poison, "--replications", "1",
                                 "--format", "json", "--out", (dir.path / "out.json").string()});
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_TRUE(r.out.empty());
    const json::object out = parse_report(read_text(dir.path / "out.json"));
    EXPECT_EQ(out.at("unfair").as_array(),
              json::array{"nodes.payment-events.partitions: locked node changed"});
    const json::array& goals = out.at("goals").as_array();
    ASSERT_EQ(goals.size(), 5u);
    EXPECT_EQ(goals[3].at("metric"), "nodes.payment-events.partitions.3.lag_end");
    EXPECT_TRUE(goals[3].at("mean").is_null());
    EXPECT_EQ(goals[3].at("passed"), false);
}

TEST(CliCheck, BadInputExits2) {
    TempDir dir;
    const std::string plain = std::string(FLOWLAB_SCENARIOS_DIR) + "/06-retry-storm.json";
    CliResult r = run_cli({"check", plain});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("no 'challenge' block"), std::string::npos) << r.err;
    r = run_cli({"check", solution, "--against", plain});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find(plain + ": not a challenge"), std::string::npos) << r.err;

    const std::string bad = edited_solution(dir, [](json::object& s) {
        s.at("challenge").at("goals").as_array()[0].as_object()["metric"] = "clients.web.avail";
    });
    r = run_cli({"check", bad});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("challenge.goals[0].metric: 'clients.web.avail' names no figure"),
              std::string::npos)
        << r.err;
    EXPECT_TRUE(r.out.empty());
    r = run_cli({"check", solution, "--format", "csv"});
    EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
}  // namespace flowlab::cli_test
