// Grading a design: goals judged on the mean with a Student-t interval, the fairness
// rules (each way of cheating is caught and located), the budget, and the arrival
// fingerprints behind `compare`'s same_arrivals.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include <algorithm>
#include <cmath>
#include <string>

#include "flowlab/metrics/confidence.hpp"
#include "flowlab/model/parse.hpp"
#include "flowlab/run/challenge.hpp"
#include "flowlab/run/metric_path.hpp"
#include "flowlab/runtime/simulation.hpp"

namespace flowlab::run {
namespace {

namespace json = boost::json;

model::Scenario load(const std::string& path) {
    auto r = load_scenario_checked(path);
    EXPECT_TRUE(r.ok()) << (r.errors.empty() ? path : r.errors.front().to_string());
    return r.ok() ? *r.scenario : model::Scenario{};
}

model::Scenario outage_challenge() {
    return load(std::string(FLOWLAB_SCENARIOS_DIR) + "/challenges/01-downstream-outage.json");
}

json::object report_with(double availability) {
    return json::object{
        {"clients", json::object{{"web", json::object{{"availability", availability}}}}}};
}

bool has(const std::vector<std::string>& problems, const std::string& line) {
    return std::find(problems.begin(), problems.end(), line) != problems.end();
}

TEST(ChallengeGrading, StudentTQuantilesMatchTheTable) {
    // Two-sided 95% quantiles of Student's t from any statistics table.
    EXPECT_NEAR(metrics::t_975(2), 12.7062, 1e-4);
    EXPECT_NEAR(metrics::t_975(5), 2.7764, 1e-4);
    EXPECT_NEAR(metrics::t_975(31), 2.0423, 1e-4);
}

TEST(ChallengeGrading, GoalsAreJudgedOnTheMeanWithItsInterval) {
    // 0.99, 0.995, 1.0: mean 0.995, s = 0.005, half-width t(0.975, 2) * s / sqrt(3).
    const std::vector<json::object> reports{report_with(0.99), report_with(0.995),
                                            report_with(1.0)};
    const auto verdicts = judge_goals(
        {{"clients.web.availability", 0.995, {}}, {"clients.web.availability", {}, 0.994}},
        reports);
    ASSERT_EQ(verdicts.size(), 2u);
    ASSERT_TRUE(verdicts[0].mean && verdicts[0].ci95);
    EXPECT_NEAR(*verdicts[0].mean, 0.995, 1e-12);
    EXPECT_NEAR(*verdicts[0].ci95, 4.302653 * 0.005 / std::sqrt(3.0), 1e-6);
    EXPECT_TRUE(verdicts[0].passed);   // min 0.995: the mean is exactly on the bound
    EXPECT_FALSE(verdicts[1].passed);  // max 0.994: above it
}

TEST(ChallengeGrading, AMetricTheDesignLacksFailsItsGoal) {
    const auto verdicts = judge_goals({{"nodes.gone.ok", 1.0, {}}}, {report_with(1.0)});
    ASSERT_EQ(verdicts.size(), 1u);
    EXPECT_FALSE(verdicts[0].mean);
    EXPECT_FALSE(verdicts[0].passed);
}

TEST(ChallengeGrading, TheChallengeAsGivenIsFairToItself) {
    const model::Scenario c = outage_challenge();
    EXPECT_TRUE(fairness_problems(c, c).empty());
}

TEST(ChallengeGrading, DeletingTheFaultIsCaught) {
    const model::Scenario c = outage_challenge();
    model::Scenario s = c;
    s.faults.clear();
    EXPECT_EQ(fairness_problems(c, s),
              std::vector<std::string>{
                  "faults[0]: scheduled fault removed or changed (hang on 'payments' at 10 s)"});
    s = c;
    s.faults[0].for_s = 1;                          // a shorter outage is another fault
    EXPECT_EQ(fairness_problems(c, s).size(), 2u);  // the original is gone, a new one added
}

TEST(ChallengeGrading, LoweringTheClientRateIsCaught) {
    const model::Scenario c = outage_challenge();
    model::Scenario s = c;
    s.find_node("web")->rate_per_s = 10;
    EXPECT_EQ(fairness_problems(c, s),
              std::vector<std::string>{"nodes.web.rate_per_s: locked node changed"});
}

TEST(ChallengeGrading, AnUnlockedClientStillMayNotChange) {
    model::Scenario c = outage_challenge();
    c.challenge->locked = {"payments"};
    model::Scenario s = c;
    s.find_node("web")->timeout_ms = 100;
    s.edges[0].latency = model::Distribution::constant(5);
    s.nodes.push_back(model::make_node(model::NodeKind::client, "bots"));
    const auto problems = fairness_problems(c, s);
    EXPECT_TRUE(has(problems, "nodes.web.timeout_ms: client changed"));
    EXPECT_TRUE(has(problems, "edges.web->api.latency_ms: call of client changed"));
    EXPECT_TRUE(has(problems, "nodes.bots: client added (the load is the challenge's)"));
    EXPECT_EQ(problems.size(), 3u);
}

TEST(ChallengeGrading, EditingALockedNodeIsCaught) {
    const model::Scenario c = outage_challenge();
    model::Scenario s = c;
    s.find_node("payments")->threads = 15;
    s.find_node("payments")->label = "Renamed is fine";
    EXPECT_EQ(fairness_problems(c, s),
              std::vector<std::string>{"nodes.payments.threads: locked node changed"});
    s = c;
    s.nodes.erase(s.nodes.begin() + 2);  // payments
    s.edges.pop_back();
    s.faults.clear();
    EXPECT_TRUE(has(fairness_problems(c, s), "nodes.payments: locked node deleted"));
}

TEST(ChallengeGrading, ExceedingTheBudgetIsCaught) {
    const model::Scenario c = outage_challenge();
    model::Scenario s = c;
    s.find_node("api")->threads = 65;  // 65 + 16 = 81 > 80
    EXPECT_EQ(budget_use(s).threads, 81);
    EXPECT_EQ(fairness_problems(c, s),
              std::vector<std::string>{"budget.threads: 81 service threads, the budget allows 80"});
}

TEST(ChallengeGrading, ConsumerInstancesCountAutoscaleAtItsMost) {
    const model::Scenario c =
        load(std::string(FLOWLAB_SCENARIOS_DIR) + "/challenges/02-consumer-behind.json");
    EXPECT_EQ(budget_use(c).consumer_instances, 2);
    model::Scenario s = c;
    s.find_node("thumbnailer")->autoscale = model::Autoscale{13, 20};
    EXPECT_EQ(budget_use(s).consumer_instances, 13);
    EXPECT_EQ(fairness_problems(c, s),
              std::vector<std::string>{
                  "budget.consumer_instances: 13 consumer instances, the budget allows 12"});
}

TEST(ChallengeGrading, ChangingTheGoalsRunOrSeedIsCaught) {
    const model::Scenario c = outage_challenge();
    model::Scenario s = c;
    s.challenge->goals[0].min = 0.5;
    s.challenge->budget.threads = 1000;
    s.run.duration_s = 5;
    s.seed = 9;
    const auto problems = fairness_problems(c, s);
    EXPECT_TRUE(has(problems, "challenge.goals: goals changed"));
    EXPECT_TRUE(has(problems, "challenge.budget: budget changed"));
    EXPECT_TRUE(has(problems, "run.duration_s: run setting changed"));
    EXPECT_TRUE(has(problems, "seed: changed (the challenge runs with seed 101)"));
    EXPECT_EQ(problems.size(), 4u);
}

TEST(ChallengeGrading, CheckRunsSeedsNOnward) {
    const model::Scenario c = outage_challenge();
    const CheckResult r = check_design(c, c, {std::uint64_t{5}, 2, 2});
    EXPECT_EQ(r.seed, 5u);
    ASSERT_EQ(r.goals.size(), 2u);
    // The goal's mean is the mean of the two runs with seeds 5 and 6.
    double sum = 0;
    for (std::uint64_t seed : {5u, 6u}) {
        runtime::Simulation sim(c, {seed, {}, {}});
        sim.run_to_end();
        sum += *metric_value(sim.report(), "clients.web.availability");
    }
    EXPECT_NEAR(*r.goals[0].mean, sum / 2, 1e-5);
}

TEST(ArrivalFingerprint, SameClientSameArrivalsAcrossDesigns) {
    // Lessons 06 and 07 differ only in api -> payments: the web client is the same.
    const model::Scenario a = load(std::string(FLOWLAB_SCENARIOS_DIR) + "/06-retry-storm.json");
    const model::Scenario b = load(std::string(FLOWLAB_SCENARIOS_DIR) + "/07-circuit-breaker.json");
    runtime::Simulation sa(a, {std::uint64_t{3}, 5.0, {}}), sb(b, {std::uint64_t{3}, 5.0, {}});
    sa.run_to_end();
    sb.run_to_end();
    const auto fa = sa.arrival_fingerprints().at("web"), fb = sb.arrival_fingerprints().at("web");
    EXPECT_EQ(fa, fb);
    EXPECT_EQ(fa.count, *metric_value(sa.report(), "clients.web.requests"));

    model::Scenario faster = a;
    faster.find_node("web")->rate_per_s = 101;
    runtime::Simulation sf(faster, {std::uint64_t{3}, 5.0, {}});
    sf.run_to_end();
    EXPECT_NE(sf.arrival_fingerprints().at("web").hash, fa.hash);
}

TEST(ArrivalFingerprint, OneArrivalMoreOrOneNanosecondApartDiffers) {
    runtime::ArrivalFingerprint x, y, z;
    for (std::int64_t t : {1000, 2000}) x.add(t), y.add(t), z.add(t);
    y.add(3000);
    z.add(3001);
    x.add(3000);
    EXPECT_EQ(x, y);
    EXPECT_NE(x, z);
    EXPECT_NE(runtime::ArrivalFingerprint{}, x);
}

}  // namespace
}  // namespace flowlab::run
