// Fallbacks and optional edges: two ways a failed call need not fail the request.

#include <gtest/gtest.h>

#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Distribution;
using testing::num;
using testing::ScenarioBuilder;

model::Scenario api_with_broken_dependency() {
    ScenarioBuilder b;
    b.client("web", 50);
    b.service("api", 16, Distribution::constant(1.0));
    b.service("recs", 16, Distribution::constant(2.0)).failure_rate = 1.0;
    b.service("stock", 16, Distribution::constant(3.0));
    b.edge("web", "api");
    b.edge("api", "recs");
    b.edge("api", "stock");
    b.requests(300);
    return b.s;
}

TEST(Fallback, DefaultTurnsFailureIntoDegradedSuccess) {
    auto s = api_with_broken_dependency();
    s.edges[1].fallback = model::Fallback::default_value;
    auto r = testing::run_report(s);
    EXPECT_EQ(num(r, {"clients", "web", "degraded"}), 300);
    EXPECT_EQ(num(r, {"clients", "web", "ok"}), 0);
    EXPECT_EQ(num(r, {"clients", "web", "failed"}), 0);
    EXPECT_EQ(num(r, {"clients", "web", "availability"}), 1.0);
    EXPECT_EQ(num(r, {"nodes", "api", "degraded"}), 300);
    // The request goes on after the fallback: the next edge is still called.
    EXPECT_EQ(num(r, {"nodes", "stock", "received"}), 300);
    EXPECT_NEAR(num(r, {"clients", "web", "latency_ms", "mean"}), 1 + 2 + 3, 1e-9);
}

TEST(Fallback, WithoutFallbackTheFailureReachesTheUser) {
    auto r = testing::run_report(api_with_broken_dependency());
    EXPECT_EQ(num(r, {"clients", "web", "failed"}), 300);
    EXPECT_EQ(num(r, {"nodes", "stock", "received"}), 0);
}

TEST(Fallback, OptionalEdgeFailureLeavesTheRequestOk) {
    auto s = api_with_broken_dependency();
    s.edges[1].optional = true;
    auto r = testing::run_report(s);
    EXPECT_EQ(num(r, {"clients", "web", "ok"}), 300);
    EXPECT_EQ(num(r, {"clients", "web", "degraded"}), 0);
    EXPECT_EQ(num(r, {"nodes", "recs", "failed"}), 300);
    EXPECT_EQ(num(r, {"nodes", "stock", "received"}), 300);
}

TEST(Fallback, FallbackAppliesAfterRetriesAreExhausted) {
    auto s = api_with_broken_dependency();
    s.edges[1].fallback = model::Fallback::default_value;
    s.edges[1].retry =
        model::EdgeRetry{.max_retries = 2, .backoff_ms = 5, .multiplier = 1, .jitter = false};
    auto r = testing::run_report(s);
    EXPECT_EQ(num(r, {"nodes", "recs", "received"}), 3 * 300);
    EXPECT_EQ(num(r, {"clients", "web", "degraded"}), 300);
    // 1 ms api + 3 attempts of 2 ms + 2 waits of 5 ms + 3 ms stock.
    EXPECT_NEAR(num(r, {"clients", "web", "latency_ms", "mean"}), 1 + 3 * 2 + 2 * 5 + 3, 1e-9);
}

}  // namespace
}  // namespace flowlab
