// Faults: down, hang, slow, errors and spike, each in a window. Arrivals are evenly
// spaced every 10 ms (at 10, 20, ... ms) and faults start at x.005 s so that no
// arrival coincides with a fault's start or end: the counts are then exact.

#include <gtest/gtest.h>

#include <cmath>

#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Arrival;
using model::Distribution;
using model::FaultKind;
using testing::num;
using testing::Recorder;
using testing::ScenarioBuilder;

bool in_window(const runtime::RequestEnd& e, double from_ms, double to_ms) {
    const double start = Recorder::started_ms(e);
    return start >= from_ms && start < to_ms;
}

struct Run {
    boost::json::object report;
    Recorder rec;
};

Run run(const model::Scenario& s) {
    Run out;
    runtime::Simulation sim(s);
    sim.set_observer(&out.rec);
    sim.run_to_end();
    out.report = sim.report();
    return out;
}

ScenarioBuilder one_db(double timeout_ms = 0) {
    ScenarioBuilder b;
    b.client("web", 100).arrival = Arrival::uniform;
    b.service("api", 64, Distribution::constant(0.0));
    b.database("db", 8, Distribution::constant(2.0));
    b.edge("web", "api");
    auto& e = b.edge("api", "db");
    if (timeout_ms > 0) e.timeout_ms = timeout_ms;
    b.duration(3);
    return b;
}

TEST(Faults, DownRefusesAtOnce) {
    auto b = one_db();
    b.fault(FaultKind::down, "db", 1.005, 1.0);
    auto x = run(b.s);
    // Arrivals at 1010 .. 2000 ms: 100 of them.
    EXPECT_EQ(num(x.report, {"nodes", "db", "refused"}), 100);
    EXPECT_EQ(num(x.report, {"clients", "web", "failure_reasons", "refused"}), 100);
    EXPECT_EQ(num(x.report, {"clients", "web", "rejected"}), 100);
    for (const auto& e : x.rec.ends) {
        if (in_window(e, 1005, 2005)) {
            EXPECT_FALSE(e.success);
            EXPECT_EQ(e.latency_ms, 0.0) << "connection refused is immediate";
        } else {
            EXPECT_TRUE(e.success);
        }
    }
}

TEST(Faults, HangEndsOnlyByTimeout) {
    auto b = one_db(100);
    b.fault(FaultKind::hang, "db", 1.005, 1.0);
    auto x = run(b.s);
    // A request whose 100 ms run out before the heal (started by 1905 ms: the 90
    // arrivals 1010 .. 1900) can only end by its timeout. Later ones may be answered by
    // the heal in time. Every failure is a timeout after exactly 100 ms.
    int must_time_out = 0, failed = 0;
    for (const auto& e : x.rec.ends) {
        const double start = Recorder::started_ms(e);
        if (start >= 1005 && start + 100 <= 2005) {
            ++must_time_out;
            EXPECT_FALSE(e.success) << "started at " << start;
        }
        if (start < 1005) {
            EXPECT_TRUE(e.success) << "started at " << start;
        }
        if (!e.success) {
            ++failed;
            EXPECT_NEAR(e.latency_ms, 100.0, 1e-6) << "only the timeout ends the wait";
        }
    }
    EXPECT_EQ(must_time_out, 90);
    EXPECT_EQ(num(x.report, {"clients", "web", "timed_out"}), failed);
    EXPECT_EQ(num(x.report, {"nodes", "api", "timed_out_calls"}), failed);
    // When the hang heals every stuck or queued query is still done: for the callers
    // that gave up, 2 ms each of work for nobody.
    EXPECT_NEAR(num(x.report, {"nodes", "db", "wasted_work_ms"}), failed * 2.0, 1e-6);
}

TEST(Faults, HangWithoutTimeoutsHoldsRequestsUntilHeal) {
    auto b = one_db();
    b.fault(FaultKind::hang, "db", 1.005, 1.0);
    auto x = run(b.s);
    EXPECT_EQ(num(x.report, {"clients", "web", "failed"}), 0);
    int held = 0;
    for (const auto& e : x.rec.ends)
        if (in_window(e, 1005, 2005)) {
            ++held;
            EXPECT_GE(kernel::to_ms(e.at), 2005.0 - 1e-6) << "answered before the heal";
        }
    EXPECT_EQ(held, 100);
    // The 8 connections were taken by the arrivals at 1010 .. 1080 ms and stayed stuck
    // (counted as working) until 2005 ms: sum of (2005 - 10k) for k = 101..108 = 7.68 s.
    EXPECT_GE(num(x.report, {"nodes", "db", "thread_time_s", "working"}), 7.68 - 1e-6);
}

TEST(Faults, HangThatNeverHealsLeavesRequestsUnfinished) {
    auto b = one_db();
    b.fault(FaultKind::hang, "db", 1.005);
    b.s.run.drain_s = 5;
    auto x = run(b.s);
    const double requests = num(x.report, {"clients", "web", "requests"});
    EXPECT_EQ(num(x.report, {"clients", "web", "ok"}), 100);  // those before 1.005 s
    EXPECT_EQ(num(x.report, {"clients", "web", "failure_reasons", "unfinished"}), requests - 100);
}

TEST(Faults, SlowAddsExtraOrMultiplies) {
    for (bool extra : {true, false}) {
        auto b = one_db();
        auto& f = b.fault(FaultKind::slow, "db", 1.005, 1.0);
        if (extra)
            f.extra_ms = 20;
        else
            f.factor = 3;
        auto x = run(b.s);
        const double slow_ms = extra ? 2.0 + 20.0 : 2.0 * 3;
        for (const auto& e : x.rec.ends) {
            ASSERT_TRUE(e.success);
            EXPECT_NEAR(e.latency_ms, in_window(e, 1005, 2005) ? slow_ms : 2.0, 1e-6)
                << (extra ? "extra_ms" : "factor") << ", started at " << Recorder::started_ms(e);
        }
    }
}

TEST(Faults, ErrorsReplaceTheFailureRate) {
    // 1000 requests in the window fail with p = 0.3 (binomial), none outside it.
    auto b = one_db();
    b.duration(12);
    b.fault(FaultKind::errors, "db", 1.005, 10.0).failure_rate = 0.3;
    auto x = run(b.s);
    int failed_in = 0, in = 0;
    for (const auto& e : x.rec.ends) {
        if (in_window(e, 1005, 11005)) {
            ++in;
            failed_in += e.success ? 0 : 1;
        } else {
            EXPECT_TRUE(e.success);
        }
    }
    ASSERT_EQ(in, 1000);
    EXPECT_NEAR(failed_in, 300, 4 * std::sqrt(1000 * 0.3 * 0.7));
    EXPECT_EQ(num(x.report, {"clients", "web", "failure_reasons", "error"}), failed_in);
}

TEST(Faults, SpikeReplacesTheClientRate) {
    // Poisson 50/s for 10 s, 500/s between 4 s and 6 s: Poisson(1000) requests in the
    // spike and Poisson(400) outside it.
    ScenarioBuilder b;
    b.client("web", 50);
    b.service("api", 64, Distribution::constant(0.0));
    b.edge("web", "api");
    b.fault(FaultKind::spike, "web", 4.0, 2.0).rate_per_s = 500;
    b.duration(10);
    auto x = run(b.s);
    int in = 0, out = 0;
    for (const auto& e : x.rec.ends) (in_window(e, 4000, 6000) ? in : out)++;
    EXPECT_NEAR(in, 1000, 4 * std::sqrt(1000.0));
    EXPECT_NEAR(out, 400, 4 * std::sqrt(400.0));
}

}  // namespace
}  // namespace flowlab
