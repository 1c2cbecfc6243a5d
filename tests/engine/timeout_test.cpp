// Edge timeouts: the caller stops waiting after timeout_ms and fails with reason
// timeout; the callee is not told, keeps its thread and its work is wasted.

#include <gtest/gtest.h>

#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Distribution;
using testing::num;
using testing::ScenarioBuilder;

model::Scenario front_back(double work_ms, double timeout_ms, int n) {
    ScenarioBuilder b;
    b.client("web", 10);
    b.service("front", 64, Distribution::constant(0.0));
    b.service("back", 64, Distribution::constant(work_ms));
    b.edge("web", "front");
    b.edge("front", "back").timeout_ms = timeout_ms;
    b.requests(n);
    return b.s;
}

TEST(Timeout, CallerFailsAfterTheTimeoutAndCalleeWorkIsWasted) {
    const int n = 200;
    auto r = testing::run_report(front_back(200.0, 50.0, n));
    // The user sees the timeout as the root cause, after exactly 50 ms.
    EXPECT_EQ(num(r, {"clients", "web", "failed"}), n);
    EXPECT_EQ(num(r, {"clients", "web", "failure_reasons", "timeout"}), n);
    EXPECT_NEAR(num(r, {"clients", "web", "latency_ms", "mean"}), 50.0, 1e-9);
    EXPECT_NEAR(num(r, {"clients", "web", "latency_ms", "max"}), 50.0, 1e-9);
    EXPECT_EQ(num(r, {"nodes", "front", "timed_out_calls"}), n);
    EXPECT_EQ(num(r, {"nodes", "front", "failed"}), n);
    // The callee finished every request (from its side, fine) but nobody was listening.
    EXPECT_EQ(num(r, {"nodes", "back", "ok"}), n);
    EXPECT_NEAR(num(r, {"nodes", "back", "wasted_work_ms"}), n * 200.0, 1e-6);
    // Threads: the caller was blocked 50 ms per request, the callee worked all 200 ms.
    EXPECT_NEAR(num(r, {"nodes", "front", "thread_time_s", "blocked"}), n * 0.050, 1e-5);
    EXPECT_NEAR(num(r, {"nodes", "back", "thread_time_s", "working"}), n * 0.200, 1e-5);
}

TEST(Timeout, TimeoutThatDoesNotFireChangesNothing) {
    const int n = 200;
    auto r = testing::run_report(front_back(20.0, 50.0, n));
    EXPECT_EQ(num(r, {"clients", "web", "ok"}), n);
    EXPECT_EQ(num(r, {"nodes", "front", "timed_out_calls"}), 0);
    EXPECT_EQ(num(r, {"nodes", "back", "wasted_work_ms"}), 0.0);
    EXPECT_NEAR(num(r, {"clients", "web", "latency_ms", "mean"}), 20.0, 1e-9);
}

TEST(Timeout, QueueingCountsAgainstTheTimeout) {
    // The timeout covers the wait in the callee's backlog too: one thread, 30 ms work,
    // two requests 1 ms apart (uniform 1000/s). The second waits 29 ms and would answer
    // after 59 ms > 40 ms timeout: it times out, and its work (done later) is wasted.
    ScenarioBuilder b;
    b.client("web", 1000).arrival = model::Arrival::uniform;
    b.service("front", 8, Distribution::constant(0.0));
    b.service("back", 1, Distribution::constant(30.0));
    b.edge("web", "front");
    b.edge("front", "back").timeout_ms = 40;
    b.requests(2);
    auto r = testing::run_report(b.s);
    EXPECT_EQ(num(r, {"clients", "web", "ok"}), 1);
    EXPECT_EQ(num(r, {"clients", "web", "timed_out"}), 1);
    EXPECT_NEAR(num(r, {"nodes", "back", "wasted_work_ms"}), 30.0, 1e-9);
}

}  // namespace
}  // namespace flowlab
