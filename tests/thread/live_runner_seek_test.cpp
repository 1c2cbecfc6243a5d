// LiveRunner::seek_back: going back re-runs the same scenario, seed and live inputs, so
// the run it lands in is the run that passed that time before, report for report; an
// input given after the new time is the recorded future, given again when the run gets
// there.

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "flowlab/run/live_runner.hpp"
#include "live_runner_support.hpp"
#include "scenario_builder.hpp"

namespace flowlab {
namespace {

model::Scenario chain() { return testing::web_api_chain(200, 8, 5.0, 60); }

void runFor(run::LiveRunner& runner, double seconds) {
    runner.run_for(seconds);
    ASSERT_TRUE(testing::syncs(runner));
}

struct Snapshot {
    kernel::SimTime now = 0;
    std::string report;
};

Snapshot snapshot(run::LiveRunner& runner) {
    auto frame = runner.latest_frame();
    if (!frame->report) return {frame->now, "no report"};
    return {frame->now, boost::json::serialize(*frame->report)};
}

/// The run with api's errors injected at 3.123 s, at `until` seconds.
Snapshot faultedRun(double until) {
    run::LiveRunner runner;
    runner.load(chain());
    runFor(runner, 3.123);
    runner.set_fault(testing::half_failing("api"), true);
    runFor(runner, until - 3.123);
    return snapshot(runner);
}

Snapshot cleanRun(double until) {
    run::LiveRunner runner;
    runner.load(chain());
    runFor(runner, until);
    return snapshot(runner);
}

TEST(LiveRunnerSeek, BackLandsInTheSameRunWithTheSameInputs) {
    const Snapshot expected = faultedRun(6.0);
    // Premise: the fault changes the report, so a re-run that lost it would show.
    ASSERT_NE(expected.report, cleanRun(6.0).report);

    run::LiveRunner runner;
    runner.load(chain());
    runFor(runner, 3.123);
    runner.set_fault(testing::half_failing("api"), true);
    runFor(runner, 10.0 - 3.123);
    runner.seek_back(4.0);
    runFor(runner, 0);
    const Snapshot back = snapshot(runner);
    EXPECT_EQ(back.now, expected.now);
    EXPECT_EQ(back.report, expected.report);
    EXPECT_FALSE(runner.latest_frame()->running);

    // And it runs on from there as the original did.
    runFor(runner, 2.0);
    EXPECT_EQ(snapshot(runner).report, faultedRun(8.0).report);
}

TEST(LiveRunnerSeek, AnInputAfterTheNewTimeIsReplayedWhenTheRunGetsThere) {
    run::LiveRunner runner;
    runner.load(chain());
    runFor(runner, 3.123);
    runner.set_fault(testing::half_failing("api"), true);
    runFor(runner, 1.0);
    runner.seek_back(2.0);  // to 2.123 s, before the fault
    runFor(runner, 0);
    const Snapshot before_the_fault = snapshot(runner);
    EXPECT_EQ(before_the_fault.report, cleanRun(2.123).report);
    runFor(runner, 6.0 - 2.123);
    EXPECT_EQ(snapshot(runner).report, faultedRun(6.0).report);
}

TEST(LiveRunnerSeek, BackPastTheStartStopsAtZero) {
    run::LiveRunner runner;
    runner.load(chain());
    runFor(runner, 0);
    const Snapshot start = snapshot(runner);
    runFor(runner, 1.5);
    runner.seek_back(30.0);
    runFor(runner, 0);
    const Snapshot back = snapshot(runner);
    EXPECT_EQ(back.now, 0);
    EXPECT_EQ(back.report, start.report);
}

}  // namespace
}  // namespace flowlab
