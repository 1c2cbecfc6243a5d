// Lesson 27 (event loop vs thread pool): its numbers against the mechanism. The pool's
// backlog is the fluid difference of arrivals and what 8 blocked threads finish; the
// event loop holds no thread while it waits; its one thread is its ceiling.

#include <gtest/gtest.h>

#include <cmath>

#include "replication.hpp"
#include "scenario_builder.hpp"
#include "shipped_lessons.hpp"

namespace flowlab {
namespace {

using testing::num;

model::Scenario lesson() { return testing::load_lesson("27-event-loop.json"); }

model::Node& node(model::Scenario& s, const char* id) { return *s.find_node(id); }

TEST(LessonEventLoop, TheEventLoopHoldsNoThreadAndAdmitsEveryone) {
    auto s = lesson();
    const auto r = testing::run_report(s);
    EXPECT_EQ(num(r, {"nodes", "loop-api", "thread_time_s", "blocked"}), 0);
    EXPECT_EQ(num(r, {"nodes", "loop-api", "backlog_max"}), 0);
    // In flight during the slowdown: more than the pool's threads, within max_inflight.
    EXPECT_GT(num(r, {"nodes", "loop-api", "inflight_max"}), node(s, "pool-api").threads);
    EXPECT_LE(num(r, {"nodes", "loop-api", "inflight_max"}), node(s, "loop-api").max_inflight);
    // Its users wait the partner's slowed answer and 2 ms of work, plus what the loop's
    // queue adds: at 8% load, a few ms at most.
    const double slowed = node(s, "rates").work.a * s.faults[0].factor;
    EXPECT_GE(num(r, {"clients", "web-loop", "latency_ms", "max"}), slowed);
    EXPECT_LT(num(r, {"clients", "web-loop", "latency_ms", "p99"}), slowed + 20);
    EXPECT_EQ(num(r, {"clients", "web-loop", "ok"}), num(r, {"clients", "web-loop", "requests"}));
}

TEST(LessonEventLoop, ThePoolsBacklogIsTheFluidDifference) {
    auto s = lesson();
    const double lambda = node(s, "web-pool").rate_per_s;
    const double call_s =
        (node(s, "pool-api").work.a + node(s, "rates").work.a * s.faults[0].factor) / 1000.0;
    const double fluid = (lambda - node(s, "pool-api").threads / call_s) * *s.faults[0].for_s;
    ASSERT_NEAR(fluid, 720, 5);  // as the lesson states it
    // Seed to seed, the backlog's maximum stays within the watch's 110 of the fluid figure
    // (3 standard deviations of the Poisson arrivals in the 30 s, 3 x sqrt(1200) = 104).
    const auto backlog = testing::replicate(s, 8, [](auto& r) {
        return num(r, {"nodes", "pool-api", "backlog_max"});
    });
    EXPECT_NEAR(backlog.mean, fluid, 110 / 3.0 + 4 * backlog.standard_error);
    const auto r = testing::run_report(s);
    // All 8 threads blocked for the 30 s (less the second it takes them to fill).
    EXPECT_GE(num(r, {"nodes", "pool-api", "thread_time_s", "blocked"}),
              node(s, "pool-api").threads * (*s.faults[0].for_s - 1));
    EXPECT_GT(num(r, {"clients", "web-pool", "latency_ms", "p99"}), 5000);
}

TEST(LessonEventLoop, LoopBusyIsTheWorkPerSecond) {
    // 40 quotes a second of 2 ms on one thread: 0.08, with the spread of a Poisson count of
    // 3,600 over the run (1.7%) and the drain's half second, within the watch's 0.006.
    auto s = lesson();
    const auto busy = testing::replicate(s, 8, [](auto& r) {
        return num(r, {"nodes", "loop-api", "loop_busy"});
    });
    const double expected = node(s, "web-loop").rate_per_s * node(s, "loop-api").work.a / 1000.0;
    EXPECT_NEAR(busy.mean, expected, 4 * busy.standard_error + 0.001);
    const double sd = busy.standard_error * std::sqrt(8.0);
    EXPECT_LE(3 * sd + 0.001, 0.006);
}

TEST(LessonEventLoop, HeavyWorkMakesTheLoopTheCeiling) {
    // The lesson's first "try": 30 ms of work per quote, 1.2 s of work a second for one
    // thread, while 8 threads need only 40 x 0.13 = 5.2 of theirs (before the slowdown).
    auto s = lesson();
    node(s, "loop-api").work = model::Distribution::constant(30);
    node(s, "pool-api").work = model::Distribution::constant(30);
    runtime::Simulation sim(s, {});
    sim.advance_to(kernel::from_s(29));
    const auto r = sim.report();
    EXPECT_GT(num(r, {"nodes", "loop-api", "loop_busy"}), 0.99);
    // 40 arrive and 33 finish a second: after 29 s about 190 wait for the loop.
    EXPECT_GT(num(r, {"nodes", "loop-api", "loop_queue"}), 100);
    EXPECT_LT(num(r, {"nodes", "pool-api", "backlog_max"}), 100);
}

}  // namespace
}  // namespace flowlab
