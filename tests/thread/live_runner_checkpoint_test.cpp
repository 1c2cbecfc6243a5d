// Lesson checkpoints in the live runner: the run pauses exactly at a checkpoint's at_s
// whether it runs fast or paced, at the first frame or grid tick where a `when` holds, at
// once for one already passed; load and reset forget them.

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "flowlab/run/live_runner.hpp"
#include "flowlab/run/metric_path.hpp"
#include "live_runner_support.hpp"
#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Distribution;

/// 40 requests/s into 4 threads whose database hangs from 5 s: the backlog grows ~40/s.
model::Scenario hanging() {
    testing::ScenarioBuilder b;
    b.client("web", 40);
    b.service("api", 4, Distribution::constant(2.0));
    b.database("db", 4, Distribution::constant(3.0));
    b.edge("web", "api");
    b.edge("api", "db");
    b.duration(30);
    model::Fault f;
    f.at_s = 5;
    f.for_s = 10;
    f.target = "db";
    f.kind = model::FaultKind::hang;
    b.s.faults.push_back(f);
    return b.s;
}

model::StepCondition backlog_at_least(double n) {
    model::StepCondition c;
    c.metric = "nodes.api.backlog_max";
    c.op = model::StepCondition::Op::at_least;
    c.value = n;
    return c;
}

TEST(LiveRunnerCheckpoint, ARunForStopsExactlyAtTheCheckpointTime) {
    run::LiveRunner runner;
    runner.load(hanging());
    runner.arm_checkpoint(1, run::Checkpoint::at(3.25));
    runner.run_for(10);
    ASSERT_TRUE(testing::syncs(runner));
    auto f = runner.latest_frame();
    EXPECT_EQ(f->now, kernel::from_s(3.25));
    EXPECT_FALSE(f->running);
    EXPECT_EQ(f->checkpoint_reached, 1);
    EXPECT_EQ(f->checkpoint_armed, -1);
    EXPECT_EQ(f->checkpoint_reached_s, 3.25);
    ASSERT_TRUE(f->checkpoint_report);
    EXPECT_EQ(run::metric_value(*f->checkpoint_report, "sim_time_s"), 3.25);
    // Going on needs no disarming: it was used up.
    runner.run_for(1);
    ASSERT_TRUE(testing::syncs(runner));
    EXPECT_EQ(runner.latest_frame()->now, kernel::from_s(4.25));
}

TEST(LiveRunnerCheckpoint, PacedPlayStopsExactlyAtTheCheckpointTime) {
    run::LiveRunner runner;
    runner.load(hanging());
    runner.set_speed(50);
    runner.arm_checkpoint(2, run::Checkpoint::at(1.5));
    runner.play();
    // Waits for the run to pause by itself (bounded, so a failure cannot hang the suite).
    std::shared_ptr<const run::Frame> f;
    for (int i = 0; i < 6000; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        f = runner.latest_frame();
        if (f->checkpoint_reached == 2) break;
    }
    ASSERT_EQ(f->checkpoint_reached, 2);
    EXPECT_FALSE(f->running);
    EXPECT_EQ(f->now, kernel::from_s(1.5));
}

TEST(LiveRunnerCheckpoint, AConditionStopsTheRunWhereItFirstHolds) {
    model::Scenario s = hanging();
    const model::StepCondition when = backlog_at_least(100);
    // Where the headless walk (the grid only) finds it.
    model::LessonStep step;
    step.title = "backlog";
    step.when = when;
    s.lesson = model::Lesson{};
    s.lesson->steps = {step};
    const auto walk = run::walk_lesson(s);
    ASSERT_TRUE(walk.at(0).reached_s);
    const double grid_t = *walk[0].reached_s;

    run::LiveRunner runner;
    runner.load(s);
    runner.arm_checkpoint(3, run::Checkpoint{std::nullopt, when});
    runner.run_to_checkpoint();
    ASSERT_TRUE(testing::syncs(runner));
    auto f = runner.latest_frame();
    ASSERT_EQ(f->checkpoint_reached, 3);
    EXPECT_FALSE(f->running);
    EXPECT_TRUE(run::condition_holds(*f->report, when));
    // Frames between grid ticks are looked at too, so the live run may stop earlier than
    // the grid tick, but never later, nor before the previous tick, where it did not hold.
    const double t = kernel::to_s(f->now);
    EXPECT_LE(t, grid_t);
    EXPECT_GT(t, grid_t - run::condition_check_interval_s);
}

TEST(LiveRunnerCheckpoint, ACheckpointAlreadyPassedIsReachedAtOnce) {
    run::LiveRunner runner;
    runner.load(hanging());
    runner.run_for(2);
    ASSERT_TRUE(testing::syncs(runner));
    runner.arm_checkpoint(4, run::Checkpoint::at(1));
    runner.sync();
    auto f = runner.latest_frame();
    EXPECT_EQ(f->checkpoint_reached, 4);
    EXPECT_EQ(f->checkpoint_reached_s, 2.0);  // where the run was, not the time asked for
    EXPECT_EQ(f->now, kernel::from_s(2));
}

TEST(LiveRunnerCheckpoint, ResetForgetsCheckpointsAndStartsANewRun) {
    run::LiveRunner runner;
    runner.load(hanging());
    runner.sync();
    const auto first = runner.latest_frame()->run_serial;
    runner.arm_checkpoint(5, run::Checkpoint::at(8));
    runner.sync();
    EXPECT_EQ(runner.latest_frame()->checkpoint_armed, 5);
    runner.reset();
    runner.sync();
    auto f = runner.latest_frame();
    EXPECT_EQ(f->checkpoint_armed, -1);
    EXPECT_GT(f->run_serial, first);
    runner.run_for(10);  // nothing armed: the run goes the whole way
    ASSERT_TRUE(testing::syncs(runner));
    EXPECT_EQ(runner.latest_frame()->now, kernel::from_s(10));
    EXPECT_EQ(runner.latest_frame()->checkpoint_reached, -1);
}

TEST(LiveRunnerCheckpoint, DisarmingLetsTheRunGoOn) {
    run::LiveRunner runner;
    runner.load(hanging());
    runner.arm_checkpoint(6, run::Checkpoint::at(1));
    runner.disarm_checkpoint();
    runner.run_for(3);
    ASSERT_TRUE(testing::syncs(runner));
    EXPECT_EQ(runner.latest_frame()->now, kernel::from_s(3));
    EXPECT_EQ(runner.latest_frame()->checkpoint_reached, -1);
}

}  // namespace
}  // namespace flowlab
