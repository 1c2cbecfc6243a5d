// The end of a run does not depend on how virtual time was handed to the engine: running
// to the end in one go (the CLI), in frame-sized slices (the app's LiveRunner) or to a
// time past the end (`run --until`) gives the same final report, including runs that
// the drain limit cuts short while work is still pending.

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "flowlab/runtime/simulation.hpp"
#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Distribution;
using testing::ScenarioBuilder;

/// Advances in `slice_s` steps until the run finishes, as a paced live view does.
boost::json::object sliced_report(const model::Scenario& s, double slice_s) {
    runtime::Simulation sim(s);
    double t = 0;
    while (sim.advance_to(kernel::from_s(t)) && t < 1e5) t += slice_s;
    EXPECT_TRUE(sim.finished());
    return sim.report();
}

void expect_same_end(const model::Scenario& s, const std::string& what) {
    const auto whole = testing::run_report(s);
    for (double slice_s : {0.02, 0.37, 5.0}) {
        const auto sliced = sliced_report(s, slice_s);
        EXPECT_EQ(sliced, whole) << what << ", slices of " << slice_s << " s\n"
                                 << boost::json::serialize(sliced) << "\n"
                                 << boost::json::serialize(whole);
    }
    runtime::Simulation beyond(s);
    beyond.advance_to(kernel::from_s(1e4));
    EXPECT_TRUE(beyond.finished()) << what;
    EXPECT_EQ(beyond.report(), whole) << what << ", advanced past the end at once";
}

TEST(RunSlicing, ARunThatDrainsCompletelyEndsAtItsLastEvent) {
    ScenarioBuilder b;
    b.client("web", 50);
    b.service("api", 4, Distribution::exponential(10.0));
    b.edge("web", "api");
    b.duration(3);
    expect_same_end(b.s, "drained");
}

TEST(RunSlicing, ADrainCutShortWithEventsStillScheduled) {
    // A poison pill without a dead-letter target is retried in place for ever, so events
    // are scheduled past the drain limit: the run ends when the next one would be too late.
    ScenarioBuilder b;
    b.client("web", 20);
    b.service("api", 4, Distribution::constant(1.0));
    b.topic("events", 2);
    auto& c = b.consumer("writer", 2, Distribution::exponential(5.0));
    c.retry = model::ConsumerRetry{};
    c.retry->max_attempts = 2;
    c.retry->backoff_ms = 300;
    c.retry->jitter = false;
    b.edge("web", "api");
    b.publish("api", "events", 8);
    b.deliver("events", "writer");
    b.fault(model::FaultKind::poison, "events", 1.0).count = 1;
    b.duration(3);
    b.s.run.drain_s = 2;
    ASSERT_EQ(testing::problems(b.s), "");
    expect_same_end(b.s, "retried for ever");
}

TEST(RunSlicing, ADrainCutShortWithNothingLeftToHappen) {
    // A dependency that hangs until the end, called without a timeout: after the last
    // arrival nothing is scheduled, yet requests are still waiting when the drain ends.
    ScenarioBuilder b;
    b.client("web", 20);
    b.service("api", 4, Distribution::constant(1.0));
    b.service("db", 4, Distribution::constant(2.0));
    b.edge("web", "api");
    b.edge("api", "db");
    b.fault(model::FaultKind::hang, "db", 1.0);
    b.duration(3);
    b.s.run.drain_s = 2;
    ASSERT_EQ(testing::problems(b.s), "");
    expect_same_end(b.s, "hung");
}

}  // namespace
}  // namespace flowlab

namespace flowlab {
namespace {

// Mid-run, a request still being served is in flight, not failed: a hung dependency with
// no timeout must not read as an outage before anyone has given up. Once the run is over,
// what never got an answer is failed ("unfinished").
TEST(ReportMidRun, RequestsStillInFlightAreNotFailures) {
    testing::ScenarioBuilder b;
    b.client("web", 50);
    b.service("api", 64, model::Distribution::constant(5.0));
    b.edge("web", "api");
    b.duration(4);
    b.s.run.drain_s = 1;
    model::Fault hang;
    hang.target = "api";
    hang.kind = model::FaultKind::hang;
    hang.at_s = 2;
    b.s.faults.push_back(hang);

    runtime::Simulation mid(b.s);
    mid.advance_to(kernel::from_s(3));
    const auto r = mid.report();
    const auto& web = r.at("clients").at("web").as_object();
    const double requests = web.at("requests").to_number<double>();
    const double in_flight = web.at("in_flight").to_number<double>();
    EXPECT_GT(in_flight, 0);
    EXPECT_EQ(web.at("failed").to_number<double>(), 0);
    EXPECT_EQ(web.at("failure_reasons").at("unfinished").to_number<double>(), 0);
    EXPECT_EQ(web.at("availability").to_number<double>(), 1.0);
    EXPECT_EQ(web.at("ok").to_number<double>() + in_flight, requests);

    runtime::Simulation end(b.s);
    end.run_to_end();
    const auto final_report = end.report();
    const auto& done = final_report.at("clients").at("web").as_object();
    EXPECT_EQ(done.at("in_flight").to_number<double>(), 0);
    EXPECT_GT(done.at("failure_reasons").at("unfinished").to_number<double>(), 0);
    EXPECT_LT(done.at("availability").to_number<double>(), 1.0);
}

}  // namespace
}  // namespace flowlab
