// LiveRunner's control contract: every way of stopping clears a run target, so sync()
// always returns; frames name the document revision they belong to; an engine failure
// pauses the run and reaches the UI in the frame instead of killing the engine thread.

#include <gtest/gtest.h>

#include "flowlab/run/live_runner.hpp"
#include "live_runner_support.hpp"
#include "scenario_builder.hpp"

namespace flowlab {
namespace {

model::Scenario chain(double duration_s) { return testing::web_api_chain(100, 4, 5.0, duration_s); }

TEST(LiveRunnerControl, RunForPastTheEndOfTheRunEndsWithTheRun) {
    run::LiveRunner runner;
    runner.load(chain(2.0));
    runner.run_for(1000.0);
    ASSERT_TRUE(testing::syncs(runner));
    auto f = runner.latest_frame();
    EXPECT_TRUE(f->finished);
    EXPECT_FALSE(f->running);
    // And a second one on a finished run returns at once.
    runner.run_for(5.0);
    ASSERT_TRUE(testing::syncs(runner));
    EXPECT_TRUE(runner.latest_frame()->finished);
}

TEST(LiveRunnerControl, PauseStepAndToggleCancelARunFor) {
    for (int how = 0; how < 3; ++how) {
        run::LiveRunner runner;
        runner.load(chain(1e6));
        runner.run_for(1e6);
        if (how == 0) runner.pause();
        if (how == 1) runner.step_event();
        if (how == 2) runner.toggle_play();
        ASSERT_TRUE(testing::syncs(runner)) << "case " << how;
        auto f = runner.latest_frame();
        EXPECT_FALSE(f->running) << "case " << how;
        EXPECT_FALSE(f->finished) << "case " << how;
    }
}

TEST(LiveRunnerControl, FramesCarryTheDocumentRevision) {
    run::LiveRunner runner;
    runner.load(chain(10), 7);
    runner.sync();
    EXPECT_EQ(runner.latest_frame()->revision, 7u);
    model::Scenario edited = chain(10);
    edited.nodes[1].threads = 8;  // a parameter edit: applied live
    runner.apply_edit(edited, 8);
    runner.sync();
    EXPECT_EQ(runner.latest_frame()->revision, 8u);
    EXPECT_EQ(runner.latest_frame()->nodes[1].threads, 8);
}

TEST(LiveRunnerControl, AnEngineFailureIsReportedAndTheRunnerStaysUsable) {
    run::LiveRunner runner;
    model::Scenario broken = chain(10);
    broken.edges[0].to = "gone";  // what validation would refuse, sent anyway
    runner.load(broken, 3);
    ASSERT_TRUE(testing::syncs(runner));
    auto f = runner.latest_frame();
    EXPECT_NE(f->error.find("gone"), std::string::npos) << f->error;
    EXPECT_FALSE(f->running);
    EXPECT_EQ(f->revision, 3u);

    runner.load(chain(10), 4);
    runner.run_for(1.0);
    ASSERT_TRUE(testing::syncs(runner));
    f = runner.latest_frame();
    EXPECT_TRUE(f->error.empty()) << f->error;
    EXPECT_GE(f->now, kernel::from_s(1.0));
}

TEST(LiveRunnerControl, AnInjectedFaultWithADurationHealsItself) {
    run::LiveRunner runner;
    runner.load(chain(100));
    model::Fault hang;
    hang.target = "api";
    hang.kind = model::FaultKind::hang;
    hang.for_s = 2.0;
    runner.run_for(1.0);
    runner.sync();
    runner.set_fault(hang, true);
    runner.sync();
    auto f = runner.latest_frame();
    ASSERT_EQ(f->nodes[1].faults.size(), 1u);
    EXPECT_NEAR(f->nodes[1].faults[0].ends_s, kernel::to_s(f->now) + 2.0, 1e-9);
    runner.run_for(2.5);
    runner.sync();
    EXPECT_TRUE(runner.latest_frame()->nodes[1].faults.empty());
}

}  // namespace
}  // namespace flowlab
