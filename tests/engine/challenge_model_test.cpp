// The `challenge` block of flowlab/1: parsed, validated with located errors (goal
// metrics through run::check_metric_paths), and saved back unchanged.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "flowlab/model/parse.hpp"
#include "flowlab/model/save.hpp"
#include "flowlab/run/metric_path.hpp"

namespace flowlab::model {
namespace {

/// A valid scenario with `challenge` as its challenge block.
std::string with_challenge(const std::string& challenge) {
    return "{\n"
           "  \"format\": \"flowlab/1\",\n"
           "  \"run\": {\"duration_s\": 2},\n"
           "  \"nodes\": [\n"
           "    {\"id\": \"web\", \"kind\": \"client\", \"rate_per_s\": 5},\n"
           "    {\"id\": \"api\", \"kind\": \"service\"}\n"
           "  ],\n"
           "  \"edges\": [{\"from\": \"web\", \"to\": \"api\", \"mode\": \"sync\"}],\n"
           "  \"challenge\": " +
           challenge + "\n}\n";
}

const std::string full_block = R"({
    "brief": "Keep it up.",
    "goals": [{"metric": "clients.web.availability", "min": 0.995},
              {"metric": "clients.web.latency_ms.p99", "max": 300}],
    "locked": ["web", "api"],
    "budget": {"threads": 96, "consumer_instances": 8},
    "hints": ["one", "two"]})";

std::vector<std::string> messages(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& d : run::parse_scenario_checked(text, "c.json").errors)
        out.push_back(d.to_string());
    return out;
}

std::string only_message(const std::string& text) {
    const auto all = messages(text);
    EXPECT_EQ(all.size(), 1u) << ::testing::PrintToString(all);
    return all.empty() ? "" : all.front();
}

TEST(ChallengeModel, EveryKeyIsRead) {
    const auto r = run::parse_scenario_checked(with_challenge(full_block));
    ASSERT_TRUE(r.ok()) << r.errors.front().to_string();
    ASSERT_TRUE(r.scenario->challenge);
    const Challenge& c = *r.scenario->challenge;
    EXPECT_EQ(c.brief, "Keep it up.");
    ASSERT_EQ(c.goals.size(), 2u);
    EXPECT_EQ(c.goals[0].metric, "clients.web.availability");
    EXPECT_EQ(c.goals[0].min, 0.995);
    EXPECT_FALSE(c.goals[0].max);
    EXPECT_EQ(c.goals[1].max, 300.0);
    EXPECT_EQ(c.locked, (std::vector<std::string>{"web", "api"}));
    EXPECT_EQ(c.budget.threads, 96);
    EXPECT_EQ(c.budget.consumer_instances, 8);
    EXPECT_EQ(c.hints, (std::vector<std::string>{"one", "two"}));
}

TEST(ChallengeModel, SavedAndReadBackUnchanged) {
    const auto r = parse_scenario(with_challenge(full_block));
    ASSERT_TRUE(r.ok());
    const std::string saved = to_json_text(*r.scenario);
    const auto back = parse_scenario(saved);
    ASSERT_TRUE(back.ok()) << saved;
    EXPECT_EQ(*back.scenario, *r.scenario);
    // Saving again gives the same bytes: the writer's order is fixed.
    EXPECT_EQ(to_json_text(*back.scenario), saved);
}

TEST(ChallengeModel, UnknownKeysAreLocated) {
    EXPECT_EQ(
        only_message(with_challenge(
            R"({"brief": "b", "goals": [{"metric": "clients.web.ok", "min": 1}], "brieff": 1})")),
        "c.json:9:82: challenge.brieff: unknown key (did you mean 'brief'?)");
    // A misspelt bound is unknown, and the goal is left without one: both are said.
    EXPECT_EQ(messages(with_challenge(
                  R"({"brief": "b", "goals": [{"metric": "clients.web.ok", "mni": 1}]})")),
              (std::vector<std::string>{
                  "c.json:9:41: challenge.goals[0]: a goal needs a bound: 'min' (at least) or "
                  "'max' (at most)",
                  "c.json:9:70: challenge.goals[0].mni: unknown key in a goal (did you mean "
                  "'min'?)"}));
}

TEST(ChallengeModel, BadGoalsAreLocated) {
    EXPECT_EQ(only_message(with_challenge(R"({"brief": "b", "goals": []})")),
              "c.json:9:40: challenge.goals: a challenge needs at least one goal");
    EXPECT_EQ(
        only_message(with_challenge(
            R"({"brief": "b", "goals": [{"metric": "clients.web.ok", "min": 1, "max": 2}]})")),
        "c.json:9:41: challenge.goals[0]: give either 'min' or 'max', not both (write two goals "
        "for a range)");
    EXPECT_EQ(only_message(with_challenge(
                  R"({"brief": "b", "goals": [{"metric": "clients.web.ok", "min": "high"}]})")),
              "c.json:9:77: challenge.goals[0].min: must be a number, got \"high\"");
    EXPECT_EQ(
        only_message(with_challenge(R"({"goals": [{"metric": "clients.web.ok", "min": 1}]})")),
        "c.json:9:16: challenge: missing required key 'brief'");
}

TEST(ChallengeModel, GoalMetricsMustNameReportFigures) {
    EXPECT_EQ(
        only_message(with_challenge(
            R"({"brief": "b", "goals": [{"metric": "clients.web.availabilty", "min": 0.9}]})")),
        "c.json:9:52: challenge.goals[0].metric: 'clients.web.availabilty' names no figure of this "
        "scenario's report");
    EXPECT_EQ(only_message(with_challenge(
                  R"({"brief": "b", "goals": [{"metric": "clients.web.latency_ms", "max": 1}]})")),
              "c.json:9:52: challenge.goals[0].metric: 'clients.web.latency_ms' is not a number in "
              "the report (it is an object or a text)");
}

TEST(ChallengeModel, LockedIdsAndBudgetAreChecked) {
    EXPECT_EQ(
        only_message(with_challenge(
            R"({"brief": "b", "goals": [{"metric": "clients.web.ok", "min": 1}], "locked": ["apx"]})")),
        "c.json:9:93: challenge.locked[0]: no node with id 'apx' (did you mean 'api'?)");
    EXPECT_EQ(
        only_message(with_challenge(
            R"({"brief": "b", "goals": [{"metric": "clients.web.ok", "min": 1}], "locked": ["api", "api"]})")),
        "c.json:9:100: challenge.locked[1]: 'api' is locked twice");
    EXPECT_EQ(
        only_message(with_challenge(
            R"({"brief": "b", "goals": [{"metric": "clients.web.ok", "min": 1}], "budget": {"threads": -1}})")),
        "c.json:9:104: challenge.budget.threads: must be an integer between 0 and 1000000000, "
        "got -1");
    EXPECT_EQ(
        only_message(with_challenge(
            R"({"brief": "b", "goals": [{"metric": "clients.web.ok", "min": 1}], "budget": {"cpus": 4}})")),
        "c.json:9:93: challenge.budget.cpus: unknown key in the budget");
}

}  // namespace
}  // namespace flowlab::model
