// Trace context through a chain of asynchronous boundaries (api -> q1 -> c1 -> q2 -> c2):
// dropping the context a second time, behind an orphan, must not count as breaking
// another user trace, and traces that never cross a boundary stay connected.

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

/// "plain" -> a (no async edge); "chained" -> api -(async)-> q1 -> c1 -(async)-> q2 -> c2.
ScenarioBuilder two_paths(bool propagate) {
    ScenarioBuilder b;
    b.client("plain", 50).arrival = Arrival::uniform;
    b.client("chained", 50).arrival = Arrival::uniform;
    b.service("a", 16, Distribution::exponential(1));
    b.service("api", 16, Distribution::exponential(1));
    b.queue("q1");
    b.consumer("c1", 4, Distribution::exponential(1));
    b.queue("q2");
    b.consumer("c2", 4, Distribution::exponential(1));
    b.edge("plain", "a");
    b.edge("chained", "api");
    b.publish("api", "q1");
    b.deliver("q1", "c1");
    b.publish("c1", "q2");
    b.deliver("q2", "c2");
    b.s.trace.propagate = propagate;
    b.s.trace.sample = 1.0;
    b.requests(200);
    return b;
}

TEST(TraceOrphanChain, OnlyTracesThatCrossedABoundaryAreBroken) {
    const auto b = two_paths(false);
    ASSERT_EQ(problems(b.s), "");
    auto r = testing::run_report(b.s);
    const double plain = num(r, {"clients", "plain", "requests"});
    const double chained = num(r, {"clients", "chained", "requests"});
    ASSERT_GT(plain, 0);
    ASSERT_GT(chained, 0);
    EXPECT_EQ(num(r, {"traces", "sampled"}), plain + chained);
    // Every chained request published, so every chained trace is cut; no plain one is.
    EXPECT_EQ(num(r, {"traces", "connected"}), plain);
    // Both consumers start a parentless span for every processing attempt.
    EXPECT_EQ(num(r, {"traces", "orphan_spans"}),
              num(r, {"nodes", "c1", "attempts"}) + num(r, {"nodes", "c2", "attempts"}));
    EXPECT_EQ(num(r, {"nodes", "c2", "processed"}), chained);
}

TEST(TraceOrphanChain, PropagatedContextLinksBothHopsToTheUsersTrace) {
    const auto b = two_paths(true);
    ASSERT_EQ(problems(b.s), "");
    runtime::Simulation sim(b.s);
    sim.run_to_end();
    const auto& traces = sim.world().traces;
    EXPECT_EQ(traces.connected(), traces.sampled());
    EXPECT_EQ(traces.orphan_spans(), 0u);
    // Each span's parent belongs to the same trace, and walking parents always reaches
    // a root span of a user trace (no orphan trace ids anywhere).
    const auto& spans = traces.spans();
    std::size_t behind_two_queues = 0;
    for (const auto& s : spans) {
        EXPECT_FALSE(runtime::TraceRecorder::is_orphan_trace(s.trace_id));
        std::uint32_t at = s.id;
        int hops = 0;
        while (spans[at - 1].parent != 0) {
            const auto& parent = spans[spans[at - 1].parent - 1];
            ASSERT_EQ(parent.trace_id, s.trace_id);
            at = parent.id;
            ++hops;
        }
        if (b.s.nodes[s.node].id == "c2") {
            ++behind_two_queues;
            // client -> api -> c1 -> c2: three links up to the client's root span.
            EXPECT_EQ(hops, 3);
        }
    }
    EXPECT_GT(behind_two_queues, 0u);
}

}  // namespace
}  // namespace flowlab
