// Trace context across asynchronous boundaries: with `trace.propagate` the work after a
// queue or topic continues the publisher's trace; without it every consumer's span
// starts an orphan trace and the user's traces are cut in two.

#include <gtest/gtest.h>

#include "runtime/world.hpp"
#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Arrival;
using model::Distribution;
using testing::num;
using testing::problems;
using testing::ScenarioBuilder;

/// web -> api -(async)-> q -> c -(sync)-> db, every request traced.
ScenarioBuilder traced(bool propagate, double sample) {
    ScenarioBuilder b;
    b.client("web", 50).arrival = Arrival::uniform;
    b.service("api", 16, Distribution::exponential(2));
    b.queue("q");
    b.consumer("c", 4, Distribution::exponential(3));
    b.database("db", 4, Distribution::exponential(1));
    b.edge("web", "api");
    b.publish("api", "q");
    b.deliver("q", "c");
    b.edge("c", "db");
    b.s.trace.propagate = propagate;
    b.s.trace.sample = sample;
    b.requests(100);
    return b;
}

boost::json::object run_valid(const model::Scenario& s) {
    EXPECT_EQ(problems(s), "");
    return testing::run_report(s);
}

TEST(TracePropagation, PropagatedContextKeepsEveryTraceConnected) {
    auto r = run_valid(traced(true, 1.0).s);
    EXPECT_EQ(num(r, {"traces", "sampled"}), 100);
    EXPECT_EQ(num(r, {"traces", "connected"}), 100);
    EXPECT_EQ(num(r, {"traces", "orphan_spans"}), 0);
}

TEST(TracePropagation, DroppedContextOrphansEveryConsumerSpan) {
    auto r = run_valid(traced(false, 1.0).s);
    EXPECT_EQ(num(r, {"traces", "sampled"}), 100);
    // Each message is processed once and each processing starts a trace of its own.
    EXPECT_EQ(num(r, {"traces", "orphan_spans"}), num(r, {"nodes", "c", "attempts"}));
    EXPECT_GT(num(r, {"traces", "orphan_spans"}), 0);
    // Every user trace continued behind the queue, so none of them is whole.
    EXPECT_EQ(num(r, {"traces", "connected"}), 0);
    EXPECT_LT(num(r, {"traces", "connected"}), num(r, {"traces", "sampled"}));
}

TEST(TracePropagation, OnlySampledRequestsLeaveOrphans) {
    // Sampling 30%: whatever number of traces is sampled, each of them is cut once, and
    // unsampled requests carry no context to lose.
    auto r = run_valid(traced(false, 0.3).s);
    const double sampled = num(r, {"traces", "sampled"});
    EXPECT_GT(sampled, 0);
    EXPECT_LT(sampled, 100);
    EXPECT_EQ(num(r, {"traces", "orphan_spans"}), sampled);
    EXPECT_EQ(num(r, {"traces", "connected"}), 0);

    auto kept = run_valid(traced(true, 0.3).s);
    EXPECT_EQ(num(kept, {"traces", "sampled"}), sampled)
        << "sampling does not depend on propagation";
    EXPECT_EQ(num(kept, {"traces", "connected"}), sampled);
    EXPECT_EQ(num(kept, {"traces", "orphan_spans"}), 0);
}

TEST(TracePropagation, TopicFanOutOrphansOneSpanPerGroup) {
    ScenarioBuilder b;
    b.client("web", 50).arrival = Arrival::uniform;
    b.service("api", 16, Distribution::exponential(2));
    b.topic("t", 2);
    b.consumer("audit", 2, Distribution::exponential(1));
    b.consumer("mail", 2, Distribution::exponential(1));
    b.edge("web", "api");
    b.publish("api", "t", 4);
    b.deliver("t", "audit");
    b.deliver("t", "mail");
    b.s.trace.sample = 1.0;
    b.requests(60);
    for (bool propagate : {true, false}) {
        b.s.trace.propagate = propagate;
        auto r = run_valid(b.s);
        EXPECT_EQ(num(r, {"traces", "sampled"}), 60);
        EXPECT_EQ(num(r, {"traces", "orphan_spans"}), propagate ? 0 : 120)
            << "propagate " << propagate;
        EXPECT_EQ(num(r, {"traces", "connected"}), propagate ? 60 : 0) << "propagate " << propagate;
    }
}

TEST(TracePropagation, PropagatedSpansHangUnderThePublisher) {
    // White-box: with propagation each consumer span's parent is the publishing api span,
    // and the db span's parent is the consumer span, all in the user's trace.
    auto b = traced(true, 1.0);
    ASSERT_EQ(problems(b.s), "");
    runtime::Simulation sim(b.s);
    sim.run_to_end();
    const auto& spans = sim.world().traces.spans();
    const auto node_of = [&](const std::string& id) {
        for (std::size_t i = 0; i < b.s.nodes.size(); ++i)
            if (b.s.nodes[i].id == id) return static_cast<std::uint32_t>(i);
        return UINT32_MAX;
    };
    int consumer_spans = 0, db_spans = 0;
    for (const auto& s : spans) {
        EXPECT_FALSE(s.orphan);
        if (s.node == node_of("c")) {
            ++consumer_spans;
            ASSERT_NE(s.parent, 0u);
            const auto& parent = spans[s.parent - 1];
            EXPECT_EQ(parent.node, node_of("api"));
            EXPECT_EQ(parent.trace_id, s.trace_id);
        } else if (s.node == node_of("db")) {
            ++db_spans;
            ASSERT_NE(s.parent, 0u);
            EXPECT_EQ(spans[s.parent - 1].node, node_of("c"));
        }
    }
    EXPECT_EQ(consumer_spans, 100);
    EXPECT_EQ(db_spans, 100);
}

}  // namespace
}  // namespace flowlab
