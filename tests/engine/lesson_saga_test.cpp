// Lessons 22 and 23: the same order saga by choreography and by orchestration, on the
// same arrivals (same seed, same client). Each run shows what its lesson text claims,
// checked against the saga's logic (counters that must match, compensations in reverse
// order) or against theory with binomial tolerances, never against copied numbers.

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "flowlab/model/parse.hpp"
#include "runtime/world.hpp"
#include "scenario_builder.hpp"
#include "shipped_lessons.hpp"

namespace flowlab {
namespace {

using testing::load_lesson;
using testing::num;

/// The courier's refusal probability, read from the file the lesson text describes.
double refusal(const model::Scenario& s) { return s.find_node("shipping")->failure_rate; }

/// |x - n p| within 3 binomial standard deviations: the lessons' own tolerance.
void expect_binomial(double x, double n, double p) {
    EXPECT_NEAR(x, n * p, 3 * std::sqrt(n * p * (1 - p))) << x << " of " << n;
}

TEST(LessonSaga, OrchestrationCompensatesInReverseAndTheShopperSeesTheOutcome) {
    const auto s = load_lesson("23-saga-orchestration.json");
    const double p = refusal(s);
    ASSERT_DOUBLE_EQ(p, 0.1);  // the lesson text's 10%
    runtime::Simulation sim(s);
    testing::Recorder rec;
    sim.set_observer(&rec);
    sim.run_to_end();
    const auto r = sim.report();
    const double started = num(r, {"nodes", "order-saga", "saga", "started"});
    const double compensated = num(r, {"nodes", "order-saga", "saga", "compensated"});
    EXPECT_EQ(started, num(r, {"clients", "web", "requests"}));
    expect_binomial(compensated, started, p);
    const auto& steps = r.at("nodes").at("order-saga").at("saga").at("steps").as_array();
    EXPECT_EQ(compensated, steps[2].at("failed").to_number<double>());
    EXPECT_EQ(num(r, {"nodes", "order-saga", "saga", "compensations_run"}), 2 * compensated);
    EXPECT_EQ(num(r, {"nodes", "order-saga", "saga", "failed_to_compensate"}), 0);
    // The shopper waits for the saga: every compensated saga is a failed order.
    EXPECT_EQ(num(r, {"clients", "web", "failed"}), compensated);
    EXPECT_NEAR(num(r, {"clients", "web", "availability"}), 1 - p,
                3 * std::sqrt(p * (1 - p) / started));
    // Refund before release, both after the refused booking, for every failed order.
    std::map<std::uint64_t, std::map<std::string, kernel::SimTime>> sent;
    for (const auto& h : rec.hops)
        if (h.kind == runtime::HopKind::request) sent[h.subject.id][s.edges[h.edge].to] = h.sent;
    int undone = 0;
    for (const auto& [request, at] : sent) {
        if (!at.count("refund")) continue;
        ++undone;
        EXPECT_LT(at.at("shipping"), at.at("refund"));
        EXPECT_LT(at.at("refund"), at.at("release"));
    }
    EXPECT_EQ(undone, compensated);
    // Little's law across the saga: ~2 in flight = 20/s x ~0.1 s.
    const double l = num(r, {"nodes", "order-saga", "saga", "in_flight_mean"});
    EXPECT_NEAR(l, num(r, {"nodes", "order-saga", "saga", "lambda_w"}), 1e-5);
    // One trace per sampled saga, all whole.
    EXPECT_EQ(num(r, {"traces", "connected"}), num(r, {"traces", "sampled"}));
    EXPECT_GT(num(r, {"traces", "sampled"}), 0);
}

TEST(LessonSaga, ChoreographyAcceptsEveryOrderAndCompensatesLater) {
    const auto s = load_lesson("22-saga-choreography.json");
    const double p = refusal(s);
    ASSERT_DOUBLE_EQ(p, 0.1);
    const auto r = testing::run_report(s);
    EXPECT_EQ(num(r, {"clients", "web", "availability"}), 1);
    const double shipped = num(r, {"nodes", "shipping", "processed"});
    EXPECT_EQ(shipped, num(r, {"clients", "web", "requests"}));
    const double failures = num(r, {"nodes", "shipping", "failure_events"});
    expect_binomial(failures, shipped, p);
    EXPECT_EQ(num(r, {"nodes", "refund", "compensations"}), failures);
    EXPECT_EQ(num(r, {"nodes", "release", "compensations"}), failures);
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
    EXPECT_EQ(num(r, {"traces", "connected"}), num(r, {"traces", "sampled"}));
    // The lesson's "about 120" and its tolerance: 10% of the run's expected 1,200 orders,
    // 3 Poisson standard deviations of the thinned count.
    const auto& watch = s.lesson->watch[1];
    ASSERT_EQ(watch.metric, "nodes.shipping.failure_events");
    const double expected = s.nodes[0].rate_per_s * *s.run.duration_s * p;
    EXPECT_DOUBLE_EQ(*watch.expect, expected);
    EXPECT_NEAR(watch.tolerance, 3 * std::sqrt(expected), 0.5);
}

TEST(LessonSaga, BothRunTheSameOrders) {
    const auto a = testing::run_report(load_lesson("22-saga-choreography.json"));
    const auto b = testing::run_report(load_lesson("23-saga-orchestration.json"));
    EXPECT_EQ(num(a, {"clients", "web", "requests"}), num(b, {"clients", "web", "requests"}));
    // And the same refusals: shipping draws one refusal per booking from its own stream
    // (seed and node id), and books every order in both, so the counts are equal.
    EXPECT_EQ(num(a, {"nodes", "shipping", "failure_events"}),
              num(b, {"nodes", "order-saga", "saga", "compensated"}));
}

TEST(LessonSaga, TheTracesShowTheDebuggingTradeOff) {
    // Orchestration: a failed order is one tree, every step a child of the orchestrator.
    const auto orchestrated = load_lesson("23-saga-orchestration.json");
    runtime::Simulation o(orchestrated);
    o.run_to_end();
    const auto& ospans = o.world().traces.spans();
    const auto saga = static_cast<std::uint32_t>(o.world().node_index("order-saga"));
    const auto release = static_cast<std::uint32_t>(o.world().node_index("release"));
    auto depth = [](const std::vector<runtime::Span>& spans, std::uint32_t id) {
        int d = 0;
        for (std::uint32_t at = id; at != 0; at = spans[at - 1].parent) ++d;
        return d;
    };
    int seen = 0;
    for (const auto& sp : ospans) {
        if (sp.node != release) continue;
        EXPECT_EQ(ospans[sp.parent - 1].node, saga);
        EXPECT_EQ(depth(ospans, sp.id), 3);  // web -> order-saga -> release
        ++seen;
    }
    // Choreography: the same undo is the end of a chain of seven handlers.
    const auto choreographed = load_lesson("22-saga-choreography.json");
    runtime::Simulation c(choreographed);
    c.run_to_end();
    const auto& cspans = c.world().traces.spans();
    const auto c_release = static_cast<std::uint32_t>(c.world().node_index("release"));
    int chained = 0;
    for (const auto& sp : cspans) {
        if (sp.node != c_release) continue;
        EXPECT_EQ(depth(cspans, sp.id),
                  7);  // web, orders, inventory, payment, shipping, refund, release
        ++chained;
    }
    // Both sampled some refused orders (about 10% of ~50 traces each).
    EXPECT_GT(seen, 0);
    EXPECT_GT(chained, 0);
}

}  // namespace
}  // namespace flowlab
