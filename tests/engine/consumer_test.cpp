// Consumers: at-least-once delivery (visibility timeouts, crashes), idempotency,
// pause, and autoscaling.

#include <gtest/gtest.h>

#include <cmath>

#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Arrival;
using model::Distribution;
using model::FaultKind;
using testing::num;
using testing::problems;
using testing::ScenarioBuilder;

/// web -> api -(async)-> q -> c.
ScenarioBuilder pipeline(double rate, int workers, Distribution work) {
    ScenarioBuilder b;
    b.client("web", rate);
    b.service("api", 64, Distribution::constant(0.0));
    b.queue("q");
    b.consumer("c", workers, work);
    b.edge("web", "api");
    b.publish("api", "q");
    b.deliver("q", "c");
    return b;
}

boost::json::object run_valid(const model::Scenario& s) {
    EXPECT_EQ(problems(s), "");
    return testing::run_report(s);
}

double q(const boost::json::object& r, const char* key) { return num(r, {"nodes", "q", key}); }
double c(const boost::json::object& r, const char* key) { return num(r, {"nodes", "c", key}); }

/// Work uniform on 10..90 ms against a 50 ms visibility timeout: each receive expires
/// before its ack with probability exactly 1/2, independently.
ScenarioBuilder short_visibility(bool idempotent) {
    auto b = pipeline(100, 16, Distribution::uniform(10, 90));
    b.s.nodes[2].visibility_timeout_ms = 50;
    b.s.nodes[3].idempotent = idempotent;
    b.duration(5);
    return b;
}

TEST(Consumer, VisibilityTimeoutShorterThanWorkRedeliversAndDuplicates) {
    auto r = run_valid(short_visibility(false).s);
    const double published = q(r, "published");
    ASSERT_GT(published, 350);  // Poisson(500)
    // Receives per message are geometric with success 1/2: redeliveries per message have
    // mean 1 and variance 2.
    EXPECT_NEAR(q(r, "redelivered"), published, 4.5 * std::sqrt(2 * published));
    EXPECT_EQ(q(r, "delivered"), published + q(r, "redelivered"));
    EXPECT_EQ(q(r, "acked"), published);
    // Every receive's work runs to its end (an expired receipt only loses the ack), so
    // every redelivery is processed again: a duplicate, and without idempotency a
    // second side effect.
    EXPECT_EQ(c(r, "processed"), q(r, "delivered"));
    EXPECT_EQ(c(r, "duplicates_delivered"), q(r, "redelivered"));
    EXPECT_GT(c(r, "double_side_effects"), 0);
    EXPECT_EQ(c(r, "double_side_effects"), c(r, "duplicates_delivered"));
    EXPECT_EQ(c(r, "duplicates_suppressed"), 0);
    EXPECT_EQ(c(r, "side_effects") - c(r, "double_side_effects"), q(r, "acked"));
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
}

TEST(Consumer, IdempotentConsumerSuppressesDuplicateSideEffects) {
    auto r = run_valid(short_visibility(true).s);
    EXPECT_GT(c(r, "duplicates_suppressed"), 0);
    EXPECT_EQ(c(r, "duplicates_suppressed"), c(r, "duplicates_delivered"));
    EXPECT_EQ(c(r, "double_side_effects"), 0);
    // One side effect per distinct message, and every message was acked once.
    EXPECT_EQ(c(r, "side_effects"), q(r, "acked"));
    EXPECT_EQ(q(r, "acked"), q(r, "published"));
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);

    // Idempotency changes what a duplicate does, not when duplicates happen: the same
    // seed delivers the same duplicates, which the plain consumer turned into double
    // side effects.
    auto plain = run_valid(short_visibility(false).s);
    EXPECT_EQ(c(r, "duplicates_suppressed"), c(plain, "double_side_effects"));
    EXPECT_EQ(c(r, "side_effects"), c(plain, "side_effects") - c(plain, "double_side_effects"));
}

TEST(Consumer, WorkWithinTheVisibilityTimeoutIsDeliveredOnce) {
    auto b = pipeline(100, 16, Distribution::uniform(10, 49));
    b.s.nodes[2].visibility_timeout_ms = 50;
    b.duration(3);
    auto r = run_valid(b.s);
    EXPECT_EQ(q(r, "redelivered"), 0);
    EXPECT_EQ(c(r, "duplicates_delivered"), 0);
    EXPECT_EQ(c(r, "side_effects"), q(r, "published"));
}

struct Snapshot {
    double published, delivered, acked, depth;
};

Snapshot snapshot(runtime::Simulation& sim, double at_s) {
    sim.advance_to(kernel::from_s(at_s));
    auto r = sim.report();
    return {q(r, "published"), q(r, "delivered"), q(r, "acked"), q(r, "depth_end")};
}

TEST(Consumer, PauseLeavesProducerLatencyUnchangedWhileTheQueueGrowsAndDrains) {
    // Producers wait only for the broker's ack, so a paused consumer cannot change what
    // the user sees: the latency summary is identical to the run without the pause.
    auto make = [](bool pause) {
        auto b = pipeline(100, 2, Distribution::exponential(5));
        b.s.nodes[1].work = Distribution::exponential(5);
        if (pause) b.fault(FaultKind::pause, "c", 1.0005, 1.0);
        b.duration(4);
        return b;
    };
    auto calm = run_valid(make(false).s);
    auto b = make(true);
    ASSERT_EQ(problems(b.s), "");
    runtime::Simulation sim(b.s);
    const Snapshot start = snapshot(sim, 1.0005);  // the pause has just begun
    const Snapshot end = snapshot(sim, 2.0);       // it ends at 2.0005
    const Snapshot later = snapshot(sim, 2.5);
    sim.run_to_end();
    auto paused = sim.report();

    EXPECT_EQ(paused.at("clients").at("web").at("latency_ms"),
              calm.at("clients").at("web").at("latency_ms"));
    EXPECT_EQ(paused.at("nodes").at("api").at("latency_ms"),
              calm.at("nodes").at("api").at("latency_ms"));
    EXPECT_EQ(num(paused, {"clients", "web", "ok"}), num(calm, {"clients", "web", "ok"}));

    // During the pause nothing is received; what was in flight may still be acked, so
    // the depth grows by at least everything published meanwhile (Poisson(100)).
    EXPECT_EQ(end.delivered, start.delivered);
    EXPECT_GE(end.depth, end.published - start.published);
    EXPECT_GT(end.published - start.published, 60);
    EXPECT_GE(q(paused, "depth_max"), end.depth);
    // Afterwards two workers (400/s) drain the backlog against 100/s of arrivals within
    // about a third of a second; half a second later the depth is back to its usual
    // handful (M/M/2 at utilization 0.25).
    EXPECT_LE(later.depth, 10);
    EXPECT_EQ(q(paused, "depth_end"), 0);
    EXPECT_EQ(q(paused, "acked"), q(paused, "published"));
    EXPECT_EQ(num(paused, {"conservation", "lost"}), 0);
}

TEST(Consumer, CrashLosesInFlightWorkWhichIsRedelivered) {
    // Uniform arrivals every 10 ms, 50 ms of work, 8 workers: at the crash (1002.5 ms)
    // exactly the 5 messages received at 960 .. 1000 ms are in progress. Their work is
    // lost; they stay invisible until their visibility timeout and are delivered again
    // once the consumer is back (1502.5 ms).
    auto make = [](bool crash) {
        auto b = pipeline(100, 8, Distribution::constant(50));
        b.s.nodes[0].arrival = Arrival::uniform;
        b.s.nodes[2].visibility_timeout_ms = 200;
        if (crash) b.fault(FaultKind::crash, "c", 1.0025, 0.5);
        b.requests(300);
        return b;
    };
    auto calm = run_valid(make(false).s);
    EXPECT_EQ(q(calm, "redelivered"), 0);
    EXPECT_EQ(c(calm, "attempts"), c(calm, "processed"));

    auto r = run_valid(make(true).s);
    EXPECT_EQ(q(r, "published"), 300);
    EXPECT_EQ(q(r, "redelivered"), 5);
    EXPECT_EQ(c(r, "attempts"), 305);
    EXPECT_EQ(c(r, "processed"), 300);
    EXPECT_EQ(c(r, "duplicates_delivered"), 0) << "the lost work never finished";
    EXPECT_EQ(q(r, "acked"), 300);
    // A lost message (published at 960 ms) waits at least until the consumer is back.
    EXPECT_GE(q(r, "oldest_age_ms_max"), 1502.5 - 960 - 1e-6);
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
}

TEST(Consumer, CrashOfATopicConsumerReprocessesTheUncommittedHead) {
    // One partition, 5 ms of work every 10 ms: at 1002.5 ms the head published at
    // 1000 ms is in progress. It was never committed, so after the crash it is
    // processed again, in place (order holds).
    ScenarioBuilder b;
    b.client("web", 100).arrival = Arrival::uniform;
    b.service("api", 64, Distribution::constant(0.0));
    b.topic("t", 1);
    b.consumer("c", 1, Distribution::constant(5));
    b.edge("web", "api");
    b.publish("api", "t", 4);
    b.deliver("t", "c");
    b.fault(FaultKind::crash, "c", 1.0025, 0.5);
    b.requests(300);
    auto r = run_valid(b.s);
    EXPECT_EQ(num(r, {"nodes", "t", "published"}), 300);
    EXPECT_EQ(c(r, "processed"), 300);
    EXPECT_EQ(c(r, "attempts"), 301);
    EXPECT_EQ(c(r, "duplicates_delivered"), 0);
    EXPECT_EQ(num(r, {"nodes", "t", "ordering_violations"}), 0);
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
}

TEST(Consumer, AutoscaleAddsInstancesAsDepthGrows) {
    // 200/s against 20 ms of work needs 4 instances; one is configured.
    auto make = [](std::optional<model::Autoscale> autoscale) {
        auto b = pipeline(200, 1, Distribution::constant(20));
        b.s.nodes[0].arrival = Arrival::uniform;
        b.s.nodes[3].autoscale = autoscale;
        b.duration(3);
        return b;
    };
    auto fixed = run_valid(make(std::nullopt).s);
    EXPECT_EQ(c(fixed, "instances_max"), 1);
    // One instance does 50/s: 150 a second pile up.
    EXPECT_GE(q(fixed, "depth_max"), 3 * 150 - 2);

    auto scaled = run_valid(make(model::Autoscale{8, 20}).s);
    EXPECT_GE(c(scaled, "instances_max"), 4) << "fewer than 4 instances cannot keep up";
    EXPECT_LE(c(scaled, "instances_max"), 8);
    // Instances are added once the depth passes 20 per instance: the backlog stays near
    // 4 x 20, far below the fixed pool's.
    EXPECT_LE(q(scaled, "depth_max"), 8 * 20 + 1);
    EXPECT_LT(q(scaled, "depth_max"), q(fixed, "depth_max") / 3);
    EXPECT_EQ(q(scaled, "depth_end"), 0);

    // Never above its max, however deep the queue.
    auto b = make(model::Autoscale{6, 20});
    b.s.nodes[0].rate_per_s = 1000;
    auto flooded = run_valid(b.s);
    EXPECT_EQ(c(flooded, "instances_max"), 6);
    EXPECT_EQ(num(flooded, {"conservation", "lost"}), 0);
}

}  // namespace
}  // namespace flowlab
