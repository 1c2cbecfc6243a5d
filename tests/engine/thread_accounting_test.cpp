// Every thread is at each instant idle, working or blocked, and the report's thread
// time accounts for all of it: idle + working + blocked = threads x measured time.

#include <gtest/gtest.h>

#include "runtime/world.hpp"
#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Distribution;
using testing::num;
using testing::ScenarioBuilder;

void expect_accounted(const boost::json::object& r, const char* node, int threads) {
    const double measured = num(r, {"measured_s"});
    const double idle = num(r, {"nodes", node, "thread_time_s", "idle"});
    const double working = num(r, {"nodes", node, "thread_time_s", "working"});
    const double blocked = num(r, {"nodes", node, "thread_time_s", "blocked"});
    // The report rounds each figure (and measured_s) to 1e-6 s: threads x 0.5e-6 for
    // measured_s plus 3 x 0.5e-6 for the parts.
    EXPECT_GE(idle, 0) << node;
    const double tolerance = (threads + 3) * 0.5e-6 + 1e-9;
    EXPECT_LE(working + blocked, threads * measured + tolerance)
        << node << ": more busy time than threads";
    EXPECT_NEAR(idle + working + blocked, threads * measured, tolerance) << node;
    EXPECT_NEAR(num(r, {"nodes", node, "utilization"}), (working + blocked) / (threads * measured),
                1e-5)
        << node;
}

TEST(ThreadAccounting, CallerIsBlockedWhileCalleeWorks) {
    // front works 3 ms, then waits for back's 10 ms: 500 requests, no queueing anywhere.
    ScenarioBuilder b;
    b.client("web", 50);
    b.service("front", 4, Distribution::constant(3.0));
    b.service("back", 4, Distribution::constant(10.0));
    b.edge("web", "front");
    b.edge("front", "back");
    b.requests(500);
    auto r = testing::run_report(b.s);
    ASSERT_EQ(num(r, {"clients", "web", "ok"}), 500);
    EXPECT_NEAR(num(r, {"nodes", "front", "thread_time_s", "working"}), 500 * 0.003, 1e-5);
    EXPECT_NEAR(num(r, {"nodes", "front", "thread_time_s", "blocked"}), 500 * 0.010, 1e-5);
    EXPECT_NEAR(num(r, {"nodes", "back", "thread_time_s", "working"}), 500 * 0.010, 1e-5);
    EXPECT_NEAR(num(r, {"nodes", "back", "thread_time_s", "blocked"}), 0.0, 1e-9);
    expect_accounted(r, "front", 4);
    expect_accounted(r, "back", 4);
}

TEST(ThreadAccounting, RetryBackoffKeepsTheCallerBlocked) {
    // back always fails after 2 ms; front retries twice with waits of 5 and 10 ms. Its
    // thread is blocked for 3 x 2 + 5 + 10 = 21 ms per request.
    ScenarioBuilder b;
    b.client("web", 20);
    b.service("front", 8, Distribution::constant(0.0));
    b.service("back", 8, Distribution::constant(2.0)).failure_rate = 1.0;
    b.edge("web", "front");
    b.edge("front", "back").retry =
        model::EdgeRetry{.max_retries = 2, .backoff_ms = 5, .multiplier = 2, .jitter = false};
    b.requests(200);
    auto r = testing::run_report(b.s);
    EXPECT_NEAR(num(r, {"nodes", "front", "thread_time_s", "blocked"}), 200 * 0.021, 1e-5);
    EXPECT_NEAR(num(r, {"nodes", "back", "thread_time_s", "working"}), 200 * 0.006, 1e-5);
    expect_accounted(r, "front", 8);
    expect_accounted(r, "back", 8);
}

model::Scenario busy_system() {
    // Random work, a saturated pool, timeouts, retries, a hang and a warm-up.
    ScenarioBuilder b;
    b.client("web", 300);
    b.service("front", 16, Distribution::exponential(2.0));
    b.service("mid", 4, Distribution::lognormal(5.0, 40.0)).backlog = 20;
    b.database("db", 3, Distribution::exponential(4.0));
    b.edge("web", "front");
    auto& e1 = b.edge("front", "mid");
    e1.timeout_ms = 60;
    e1.retry = model::EdgeRetry{.max_retries = 1, .backoff_ms = 5, .multiplier = 2, .jitter = true};
    b.edge("mid", "db").timeout_ms = 30;
    b.fault(model::FaultKind::hang, "db", 3.0, 1.5);
    b.duration(8);
    b.s.run.warmup_s = 1;
    return b.s;
}

TEST(ThreadAccounting, EveryThreadIsAccountedUnderStress) {
    auto r = testing::run_report(busy_system());
    EXPECT_GT(num(r, {"nodes", "mid", "rejected"}) + num(r, {"nodes", "front", "timed_out_calls"}),
              0)
        << "the scenario is meant to stress the pools";
    expect_accounted(r, "front", 16);
    expect_accounted(r, "mid", 4);
    expect_accounted(r, "db", 3);
}

TEST(ThreadAccounting, LevelsStayWithinThePoolAtEveryEvent) {
    runtime::Simulation sim(busy_system());
    const auto& w = sim.world();
    std::uint64_t events = 0;
    bool saw_full_pool = false;
    while (sim.step()) {
        ++events;
        for (const auto& n : w.nodes) {
            if (n.kind != model::NodeKind::service && n.kind != model::NodeKind::database) continue;
            ASSERT_GE(n.working, 0) << n.cfg->id;
            ASSERT_GE(n.blocked, 0) << n.cfg->id;
            ASSERT_LE(n.working + n.blocked, n.threads) << n.cfg->id << " at event " << events;
            // A call waits in the backlog only while every thread is taken.
            if (!n.backlog.empty()) {
                ASSERT_EQ(n.working + n.blocked, n.threads)
                    << n.cfg->id << " waits with an idle thread";
                saw_full_pool = true;
            }
            ASSERT_EQ(n.working_level.level(), n.working);
            ASSERT_EQ(n.blocked_level.level(), n.blocked);
            ASSERT_EQ(n.in_system_level.level(),
                      n.working + n.blocked + static_cast<std::int64_t>(n.backlog.size()))
                << n.cfg->id;
        }
    }
    EXPECT_TRUE(saw_full_pool);
    EXPECT_GT(events, 1000u);
}

}  // namespace
}  // namespace flowlab
