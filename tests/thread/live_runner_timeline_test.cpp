// The timeline: a seek lands in exactly the frame a straight run to that time publishes
// (every field but the status message and the timeline's own), after live edits and
// faults too; the recorded future replays; an input in the past forks and keeps the old
// future; and a run's recording, saved as a scenario, replays to the same report.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "flowlab/model/parse.hpp"
#include "flowlab/run/batch_runner.hpp"
#include "flowlab/run/live_runner.hpp"
#include "live_runner_support.hpp"
#include "scenario_builder.hpp"

namespace flowlab {
namespace {

model::Scenario chain() { return testing::web_api_chain(200, 8, 30.0, 120); }

/// A shipped lesson, its clients sending for `duration_s` (0: as shipped).
model::Scenario lesson(const char* file, double duration_s = 0) {
    auto r = model::load_scenario_file(std::string(FLOWLAB_SCENARIOS_DIR) + "/" + file);
    EXPECT_TRUE(r.ok());
    model::Scenario s = r.scenario.value_or(chain());
    if (duration_s > 0) s.run.duration_s = duration_s;
    return s;
}

void settle(run::LiveRunner& runner) { ASSERT_TRUE(testing::syncs(runner)); }

void runFor(run::LiveRunner& runner, double seconds) {
    runner.run_for(seconds);
    settle(runner);
}

void seekTo(run::LiveRunner& runner, double seconds) {
    runner.seek_to(seconds);
    settle(runner);
}

/// Every field a view draws; the status message and the timeline (how far the run has
/// been, its recording) are what a seek may change.
void expectSameFrame(const run::Frame& a, const run::Frame& b) {
    EXPECT_EQ(a.now, b.now);
    EXPECT_EQ(a.events, b.events);
    EXPECT_EQ(a.finished, b.finished);
    EXPECT_EQ(a.running, b.running);
    EXPECT_EQ(a.speed, b.speed);
    EXPECT_TRUE(a.nodes == b.nodes);
    EXPECT_TRUE(a.edges == b.edges);
    EXPECT_EQ(a.tokens.size(), b.tokens.size());
    EXPECT_TRUE(a.tokens == b.tokens);
    EXPECT_TRUE(a.clients == b.clients);
    EXPECT_TRUE(a.client_series == b.client_series);
    EXPECT_TRUE(a.node_series == b.node_series);
    EXPECT_EQ(a.window_s, b.window_s);
    ASSERT_TRUE(a.report && b.report);
    EXPECT_EQ(boost::json::serialize(*a.report), boost::json::serialize(*b.report));
    EXPECT_EQ(a.watch_metrics, b.watch_metrics);
    EXPECT_TRUE(a.watch_series == b.watch_series);
    EXPECT_TRUE(a.traces == b.traces);
    EXPECT_EQ(a.revision, b.revision);
    EXPECT_EQ(a.run_serial, b.run_serial);
    EXPECT_EQ(a.checkpoint_armed, b.checkpoint_armed);
    EXPECT_EQ(a.checkpoint_reached, b.checkpoint_reached);
    EXPECT_EQ(a.error, b.error);
}

/// Runs `scenario` to `t` straight, and to `t + beyond` then back to `t`.
void expectSeekEqualsStraight(const model::Scenario& scenario, double t, double beyond) {
    run::LiveRunner straight, seeking;
    straight.load(scenario);
    runFor(straight, t);
    seeking.load(scenario);
    runFor(seeking, t + beyond);
    seekTo(seeking, t);
    const auto a = straight.latest_frame();
    const auto b = seeking.latest_frame();
    // Premise: there is something to compare (tokens in flight, charts with points).
    EXPECT_FALSE(a->tokens.empty());
    EXPECT_FALSE(a->client_series.empty());
    expectSameFrame(*a, *b);
    EXPECT_DOUBLE_EQ(b->recorded_until_s, t + beyond);
}

TEST(LiveRunnerTimeline, ASeekShowsTheFrameOfAStraightRun) {
    expectSeekEqualsStraight(lesson("08-cascading-checkout.json"), 10, 10);
}

TEST(LiveRunnerTimeline, ASeekPastTheChartWindowRebuildsTheChartsExactly) {
    // Past 61.5 s the replay runs the start without the live view (docs/performance.md).
    expectSeekEqualsStraight(lesson("08-cascading-checkout.json", 120), 75.3, 14);
    expectSeekEqualsStraight(lesson("12-poison-pill-dlq.json", 120), 66, 5);
}

TEST(LiveRunnerTimeline, ASeekToTheEndOfAnEndedRunShowsItsLastFrame) {
    // Lesson 21 ends (drained) a little after 60 s: a run to 70 s stops there, and a seek
    // to 70 s is clamped to the same end.
    run::LiveRunner straight, seeking;
    straight.load(lesson("21-hybrid-checkout.json"));
    runFor(straight, 70);
    ASSERT_TRUE(straight.latest_frame()->finished);
    seeking.load(lesson("21-hybrid-checkout.json"));
    runFor(seeking, 70);
    seekTo(seeking, 30);
    seekTo(seeking, 70);
    expectSameFrame(*straight.latest_frame(), *seeking.latest_frame());
    EXPECT_TRUE(seeking.latest_frame()->tokens.empty());
}

/// The chain with its live inputs: errors at 3 s, api at 16 threads at 5 s.
void liveSession(run::LiveRunner& runner, double until) {
    runner.load(chain());
    runFor(runner, 3.0);
    runner.set_fault(testing::half_failing("api"), true);
    runFor(runner, 2.0);
    model::Scenario edited = chain();
    edited.nodes[1].threads = 16;
    runner.apply_edit(edited);
    runFor(runner, until - 5.0);
}

TEST(LiveRunnerTimeline, ASeekAfterLiveEditsAndFaultsShowsTheSameFrame) {
    for (double t : {7.0, 70.0}) {
        run::LiveRunner straight, seeking;
        liveSession(straight, t);
        liveSession(seeking, 80.0);
        seekTo(seeking, t);
        expectSameFrame(*straight.latest_frame(), *seeking.latest_frame());
    }
}

TEST(LiveRunnerTimeline, PlayingFromThePastReplaysTheRecordedFuture) {
    run::LiveRunner original, replayed;
    liveSession(original, 12.0);
    liveSession(replayed, 12.0);
    seekTo(replayed, 1.0);  // before both inputs
    runFor(replayed, 11.0);
    expectSameFrame(*original.latest_frame(), *replayed.latest_frame());
    EXPECT_EQ(replayed.latest_frame()->abandoned_run, nullptr);
}

TEST(LiveRunnerTimeline, AnInputInThePastForksAndKeepsTheOldFuture) {
    run::LiveRunner runner;
    liveSession(runner, 12.0);
    const auto before = runner.latest_frame()->recorded_run;
    ASSERT_TRUE(before);
    ASSERT_EQ(before->recording.size(), 2u);
    seekTo(runner, 4.0);  // after the fault, before the edit
    model::Fault down;
    down.target = "api";
    down.kind = model::FaultKind::down;
    down.for_s = 1.0;
    runner.set_fault(down, true);
    settle(runner);
    const auto frame = runner.latest_frame();
    ASSERT_TRUE(frame->abandoned_run);
    EXPECT_EQ(*frame->abandoned_run, *before);
    EXPECT_DOUBLE_EQ(frame->abandoned_until_s, 12.0);
    ASSERT_EQ(frame->recorded_run->recording.size(), 2u);
    EXPECT_EQ(frame->recorded_run->recording[0], before->recording[0]);
    EXPECT_EQ(frame->recorded_run->recording[1].kind, model::RecordedInput::Kind::fault);
    EXPECT_EQ(frame->recorded_run->recording[1].fault.kind, model::FaultKind::down);
    EXPECT_DOUBLE_EQ(frame->recorded_until_s, 4.0);  // the new future starts here
}

TEST(LiveRunnerTimeline, ARecordingReplaysLikeTheLiveSession) {
    run::LiveRunner live;
    liveSession(live, 20.0);
    const auto frame = live.latest_frame();
    ASSERT_TRUE(frame->recorded_run);
    const model::Scenario recorded = *frame->recorded_run;
    EXPECT_TRUE(model::validate(recorded).empty());
    // Premise: the inputs matter.
    EXPECT_NE(boost::json::serialize(run::report_at(chain(), 20.0)),
              boost::json::serialize(*frame->report));
    // A batch run of the saved recording (flowlab-cli run) ...
    EXPECT_EQ(boost::json::serialize(run::report_at(recorded, 20.0)),
              boost::json::serialize(*frame->report));
    // ... and the app opening it and playing to the same time.
    run::LiveRunner reopened;
    reopened.load(recorded);
    runFor(reopened, 20.0);
    expectSameFrame(*frame, *reopened.latest_frame());
}

}  // namespace
}  // namespace flowlab
