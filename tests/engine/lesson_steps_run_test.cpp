// The engine side of lesson steps: conditions on live metrics, the judging of predictions,
// and the headless walk through a lesson's checkpoints, held against independent runs of
// the same scenario stopped at the times the walk names.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <cmath>
#include <string>

#include "flowlab/run/lesson_steps.hpp"
#include "flowlab/run/metric_path.hpp"
#include "flowlab/runtime/simulation.hpp"

namespace flowlab::run {
namespace {

using model::StepCondition;
using Op = StepCondition::Op;

boost::json::object report_of(const char* json) { return boost::json::parse(json).as_object(); }

StepCondition condition(const char* metric, Op op, double value) {
    StepCondition c;
    c.metric = metric;
    c.op = op;
    c.value = value;
    return c;
}

TEST(LessonStepsRun, ConditionsCompareTheLiveMetric) {
    const auto report = report_of(R"({"nodes": {"api": {"backlog_max": 100, "up": true}}})");
    EXPECT_TRUE(condition_holds(report, condition("nodes.api.backlog_max", Op::at_least, 100)));
    EXPECT_FALSE(condition_holds(report, condition("nodes.api.backlog_max", Op::greater, 100)));
    EXPECT_TRUE(condition_holds(report, condition("nodes.api.backlog_max", Op::equal, 100)));
    EXPECT_TRUE(condition_holds(report, condition("nodes.api.backlog_max", Op::at_most, 100)));
    EXPECT_FALSE(condition_holds(report, condition("nodes.api.backlog_max", Op::less, 100)));
    EXPECT_TRUE(condition_holds(report, condition("nodes.api.up", Op::equal, 1)));
    // A path that names no number never holds (it is refused at load time anyway).
    EXPECT_FALSE(condition_holds(report, condition("nodes.api", Op::at_least, 0)));
    EXPECT_FALSE(condition_holds(report, condition("nodes.db.backlog", Op::at_least, 0)));
}

TEST(LessonStepsRun, ACheckpointIsReachedAtItsTimeOrWhenItsConditionHolds) {
    const auto report = report_of(R"({"clients": {"web": {"failed": 3}}})");
    Checkpoint at = Checkpoint::at(20);
    EXPECT_FALSE(at.reached(19.999999999, report));
    EXPECT_TRUE(at.reached(20, report));
    Checkpoint either{30.0, condition("clients.web.failed", Op::at_least, 3)};
    EXPECT_TRUE(either.reached(1, report));  // whichever comes first
    either.when->value = 4;
    EXPECT_FALSE(either.reached(29, report));
    EXPECT_TRUE(either.reached(30, report));
    EXPECT_FALSE(Checkpoint{}.reached(100, report));
}

TEST(LessonStepsRun, APredictionIsRightWithinItsToleranceOfTheMeasuredValue) {
    const auto report = report_of(R"({"clients": {"web": {"availability": 0.997}}})");
    model::StepQuestion q;
    q.kind = model::StepQuestion::Kind::predict;
    q.metric = "clients.web.availability";
    q.tolerance = 0.001;
    auto v = judge_prediction(q, 0.9965, report);
    ASSERT_TRUE(v);
    EXPECT_TRUE(v->right);
    EXPECT_EQ(v->measured, 0.997);
    EXPECT_EQ(v->answer, 0.9965);
    EXPECT_FALSE(judge_prediction(q, 0.999, report)->right);  // the one-hop figure is wrong
    EXPECT_FALSE(judge_prediction(q, std::nan(""), report)->right);
    q.metric = "clients.web.p99";
    EXPECT_FALSE(judge_prediction(q, 1, report));  // nothing measured: no verdict
    q.kind = model::StepQuestion::Kind::choice;
    EXPECT_FALSE(judge_prediction(q, 1, report));
}

TEST(LessonStepsRun, ConditionsAreCheckedOnAFixedGrid) {
    const auto tick = kernel::from_s(condition_check_interval_s);
    EXPECT_EQ(next_condition_check(0), tick);
    EXPECT_EQ(next_condition_check(tick - 1), tick);
    EXPECT_EQ(next_condition_check(tick), 2 * tick);
}

/// 40 requests/s into a 4-thread service whose database hangs from 5 s to 15 s: the
/// service's threads block and its backlog grows from about 5.1 s on.
const char* hang = R"({
  "format": "flowlab/1", "name": "walk", "seed": 4, "run": { "duration_s": 30 },
  "nodes": [
    { "id": "web", "kind": "client", "rate_per_s": 40 },
    { "id": "api", "kind": "service", "threads": 4, "work_ms": 2 },
    { "id": "db", "kind": "database", "connections": 4, "query_ms": 3 }
  ],
  "edges": [ { "from": "web", "to": "api", "mode": "sync" },
             { "from": "api", "to": "db", "mode": "sync" } ],
  "faults": [ { "at_s": 5, "for_s": 10, "target": "db", "fault": "hang" } ],
  "lesson": { "goal": "g", "steps": [
    { "title": "intro" },
    { "title": "backlog", "when": { "metric": "nodes.api.backlog_max", "op": ">=", "value": 100 } },
    { "title": "predict", "ask": { "kind": "predict", "question": "q", "metric": "clients.web.ok",
      "at_s": 12.25, "tolerance": 1, "why": "w" } },
    { "title": "at", "at_s": 20 },
    { "title": "never", "when": { "metric": "nodes.api.backlog_max", "op": ">=", "value": 1e9 } },
    { "title": "after", "at_s": 25 } ] }
})";

model::Scenario parse(const char* text) {
    auto r = parse_scenario_checked(text);
    EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors.front().to_string());
    return r.scenario.value_or(model::Scenario{});
}

/// The report of a fresh run of `s` stopped at `t_s` (what `flowlab-cli run --until` prints).
boost::json::object report_at(const model::Scenario& s, double t_s) {
    runtime::Simulation sim(s);
    sim.advance_to(kernel::from_s(t_s));
    return sim.report();
}

TEST(LessonStepsRun, TheWalkStopsWhereEachCheckpointIsFirstReached) {
    const model::Scenario s = parse(hang);
    const auto walk = walk_lesson(s);
    ASSERT_EQ(walk.size(), 6u);
    EXPECT_FALSE(walk[0].reached_s);  // no checkpoint
    // The backlog grows by ~40 a second once the 4 threads hang: >= 100 about 2.5 s later.
    ASSERT_TRUE(walk[1].reached_s);
    const double t = *walk[1].reached_s;
    EXPECT_GT(t, 5.0);
    EXPECT_LT(t, 5 + 3 * 100.0 / 40);
    // On the grid; holding there and not one tick earlier, in runs stopped there directly.
    EXPECT_EQ(std::fmod(t, condition_check_interval_s), 0.0);
    const auto& when = *s.lesson->steps[1].when;
    EXPECT_TRUE(condition_holds(report_at(s, t), when));
    EXPECT_FALSE(condition_holds(report_at(s, t - condition_check_interval_s), when));
    // A prediction is measured at its at_s exactly.
    ASSERT_TRUE(walk[2].measured);
    EXPECT_EQ(*walk[2].measured, *metric_value(report_at(s, 12.25), "clients.web.ok"));
    EXPECT_EQ(walk[3].reached_s, 20.0);
    // A condition that never holds: the run ends first, and nothing after it is reached.
    EXPECT_FALSE(walk[4].reached_s);
    EXPECT_FALSE(walk[5].reached_s);
}

TEST(LessonStepsRun, AScenarioWithoutStepsWalksNowhere) {
    model::Scenario s = parse(hang);
    s.lesson->steps.clear();
    EXPECT_TRUE(walk_lesson(s).empty());
    s.lesson.reset();
    EXPECT_TRUE(walk_lesson(s).empty());
}

}  // namespace
}  // namespace flowlab::run
