// Every shipped challenge (scenarios/challenges) is a broken design: checked as given it
// misses a goal; its reference solution (tests/data/challenges) is a fair answer that
// meets every goal. Three replications each, the challenge's own seeds.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "flowlab/model/save.hpp"
#include "flowlab/run/challenge.hpp"
#include "flowlab/run/metric_path.hpp"

namespace flowlab::run {
namespace {

namespace fs = std::filesystem;

const std::string challenge_dir = std::string(FLOWLAB_SCENARIOS_DIR) + "/challenges";
const std::string solution_dir = std::string(FLOWLAB_TEST_DATA_DIR) + "/challenges";

std::vector<std::string> shipped_challenges() {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(challenge_dir))
        if (e.path().extension() == ".json") names.push_back(e.path().stem().string());
    std::sort(names.begin(), names.end());
    return names;
}

model::Scenario load(const std::string& path) {
    auto r = load_scenario_checked(path);
    EXPECT_TRUE(r.ok()) << (r.errors.empty() ? path : r.errors.front().to_string());
    return r.ok() ? *r.scenario : model::Scenario{};
}

std::string verdict_text(const CheckResult& r) {
    std::string text;
    for (const auto& u : r.unfair) text += "unfair: " + u + "\n";
    for (const auto& g : r.goals)
        text += g.goal.metric + " mean " + (g.mean ? std::to_string(*g.mean) : "missing") +
                (g.passed ? " met\n" : " NOT met\n");
    return text;
}

constexpr int replications = 3;

TEST(ShippedChallenges, AtLeastTenEachWithItsSolution) {
    const auto names = shipped_challenges();
    EXPECT_GE(names.size(), 10u);
    for (const auto& name : names)
        EXPECT_TRUE(fs::exists(solution_dir + "/" + name + "-solution.json")) << name;
}

class ShippedChallenge : public ::testing::TestWithParam<std::string> {};

TEST_P(ShippedChallenge, IsALessonWithAChallengeThatSavesUnchanged) {
    const model::Scenario c = load(challenge_dir + "/" + GetParam() + ".json");
    ASSERT_TRUE(c.challenge);
    EXPECT_FALSE(c.challenge->brief.empty());
    EXPECT_GE(c.challenge->hints.size(), 2u);
    ASSERT_TRUE(c.lesson);
    EXPECT_FALSE(c.lesson->goal.empty());
    EXPECT_FALSE(c.lesson->explain.empty());
    const auto back = model::parse_scenario(model::to_json_text(c));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back.scenario, c);
}

TEST_P(ShippedChallenge, FailsAsGiven) {
    const model::Scenario c = load(challenge_dir + "/" + GetParam() + ".json");
    ASSERT_TRUE(c.challenge);
    const CheckResult r = check_design(c, c, {{}, replications, 2});
    EXPECT_TRUE(r.fair) << verdict_text(r);
    EXPECT_FALSE(r.passed()) << verdict_text(r);
}

TEST_P(ShippedChallenge, ReferenceSolutionPassesFairly) {
    const model::Scenario c = load(challenge_dir + "/" + GetParam() + ".json");
    const model::Scenario s = load(solution_dir + "/" + GetParam() + "-solution.json");
    ASSERT_TRUE(c.challenge);
    const CheckResult r = check_design(s, c, {{}, replications, 2});
    EXPECT_TRUE(r.fair) << verdict_text(r);
    EXPECT_TRUE(r.passed()) << verdict_text(r);
}

INSTANTIATE_TEST_SUITE_P(All, ShippedChallenge, ::testing::ValuesIn(shipped_challenges()),
                         [](const auto& param_info) {
                             std::string name = param_info.param;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return "c" + name;
                         });

}  // namespace
}  // namespace flowlab::run
