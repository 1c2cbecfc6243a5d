// Services: threads, the FIFO backlog and its limit, failure_rate, sequential and
// parallel calls, and how a run is bounded (duration, request count, warm-up, drain).
// Where arrivals are evenly spaced and work is constant the expected figures are exact
// and derived by hand in the comments; random figures get a 4-sigma band.

#include <gtest/gtest.h>

#include <cmath>

#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Arrival;
using model::Distribution;
using testing::num;
using testing::Recorder;
using testing::ScenarioBuilder;

TEST(Service, BacklogIsServedFirstInFirstOut) {
    // One thread, 10 ms of work, a request every 5 ms (the first at 5 ms). Request k
    // arrives at 5k, starts when request k-1 finishes and finishes at 5 + 10k: its
    // latency is 5 + 5k. Any other order than FIFO breaks this sequence.
    ScenarioBuilder b;
    b.client("web", 200).arrival = Arrival::uniform;
    b.service("api", 1, Distribution::constant(10.0));
    b.edge("web", "api");
    b.requests(20);
    runtime::Simulation sim(b.s);
    Recorder rec;
    sim.set_observer(&rec);
    sim.run_to_end();
    ASSERT_EQ(rec.ends.size(), 20u);
    for (std::size_t i = 0; i < rec.ends.size(); ++i) {
        const double k = static_cast<double>(i + 1);
        EXPECT_NEAR(rec.ends[i].latency_ms, 5.0 + 5.0 * k, 1e-9) << "request " << k;
        EXPECT_NEAR(Recorder::started_ms(rec.ends[i]), 5.0 * k, 1e-9) << "request " << k;
    }
    auto r = sim.report();
    EXPECT_EQ(num(r, {"nodes", "api", "rejected"}), 0);
    // Waiting after arrival k: k minus the requests started by then (request j starts at
    // 10j - 5), which peaks at the last arrival: 20 arrived, 10 started.
    EXPECT_EQ(num(r, {"nodes", "api", "backlog_max"}), 20 - 10);
}

TEST(Service, FullBacklogRejectsAtOnce) {
    // One thread, backlog 2, 10 ms work, ten requests 1 ms apart: the first works, the
    // next two wait, the other seven find the backlog full and are rejected at once.
    ScenarioBuilder b;
    b.client("web", 1000).arrival = Arrival::uniform;
    b.service("api", 1, Distribution::constant(10.0)).backlog = 2;
    b.edge("web", "api");
    b.requests(10);
    runtime::Simulation sim(b.s);
    Recorder rec;
    sim.set_observer(&rec);
    sim.run_to_end();
    auto r = sim.report();
    EXPECT_EQ(num(r, {"nodes", "api", "received"}), 10);
    EXPECT_EQ(num(r, {"nodes", "api", "rejected"}), 7);
    EXPECT_EQ(num(r, {"nodes", "api", "ok"}), 3);
    EXPECT_EQ(num(r, {"nodes", "api", "backlog_max"}), 2);
    EXPECT_EQ(num(r, {"clients", "web", "rejected"}), 7);
    EXPECT_EQ(num(r, {"clients", "web", "failure_reasons", "rejected"}), 7);
    EXPECT_EQ(num(r, {"clients", "web", "ok"}), 3);
    int rejected_instantly = 0;
    for (const auto& e : rec.ends)
        if (!e.success) {
            EXPECT_EQ(e.latency_ms, 0.0) << "a rejection must not wait (edge latency is 0)";
            ++rejected_instantly;
        }
    EXPECT_EQ(rejected_instantly, 7);
}

TEST(Service, BacklogZeroMeansNoWaiting) {
    // Two threads, no backlog: of ten requests 1 ms apart only the first two get a thread.
    ScenarioBuilder b;
    b.client("web", 1000).arrival = Arrival::uniform;
    b.service("api", 2, Distribution::constant(10.0)).backlog = 0;
    b.edge("web", "api");
    b.requests(10);
    auto r = testing::run_report(b.s);
    EXPECT_EQ(num(r, {"nodes", "api", "rejected"}), 8);
    EXPECT_EQ(num(r, {"nodes", "api", "backlog_max"}), 0);
    EXPECT_EQ(num(r, {"clients", "web", "ok"}), 2);
    // Those served never waited: latency is exactly the work.
    EXPECT_EQ(num(r, {"nodes", "api", "latency_ms", "max"}), 10.0);
}

TEST(Service, FailureRateFailsThatShareOfRequests) {
    const double p = 0.2;
    const double n = 20000;
    ScenarioBuilder b;
    b.client("web", 1000);
    b.service("api", 64, Distribution::constant(1.0)).failure_rate = p;
    b.edge("web", "api");
    b.requests(static_cast<std::int64_t>(n));
    auto r = testing::run_report(b.s);
    const double failed = num(r, {"clients", "web", "failed"});
    EXPECT_NEAR(failed, n * p, 4 * std::sqrt(n * p * (1 - p)));
    EXPECT_EQ(failed, num(r, {"clients", "web", "failure_reasons", "error"}));
    EXPECT_EQ(failed, num(r, {"nodes", "api", "failed"}));
}

model::Scenario fan_out(model::CallOrder order) {
    // front works 1 ms, then calls three services that take 10, 20 and 30 ms.
    ScenarioBuilder b;
    b.client("web", 50);
    b.service("front", 64, Distribution::constant(1.0)).calls = order;
    b.service("a", 64, Distribution::constant(10.0));
    b.service("b", 64, Distribution::constant(20.0));
    b.service("c", 64, Distribution::constant(30.0));
    b.edge("web", "front");
    for (const char* to : {"a", "b", "c"}) b.edge("front", to);
    b.requests(500);
    return b.s;
}

TEST(Service, SequentialCallsAddUp) {
    auto r = testing::run_report(fan_out(model::CallOrder::sequential));
    // No thread limit is ever reached (64 threads, 50/s, < 61 ms each): no queueing.
    EXPECT_NEAR(num(r, {"clients", "web", "latency_ms", "mean"}), 1 + 10 + 20 + 30, 1e-9);
    EXPECT_NEAR(num(r, {"clients", "web", "latency_ms", "max"}), 61.0, 1e-9);
}

TEST(Service, ParallelCallsTakeTheSlowest) {
    auto r = testing::run_report(fan_out(model::CallOrder::parallel));
    EXPECT_NEAR(num(r, {"clients", "web", "latency_ms", "mean"}), 1 + 30, 1e-9);
    EXPECT_NEAR(num(r, {"clients", "web", "latency_ms", "max"}), 31.0, 1e-9);
    for (const char* id : {"a", "b", "c"}) EXPECT_EQ(num(r, {"nodes", id, "received"}), 500) << id;
}

TEST(Service, SequentialCallsStopAtTheFirstFailure) {
    ScenarioBuilder b;
    b.client("web", 50);
    b.service("front", 8, Distribution::constant(0.0));
    b.service("a", 8, Distribution::constant(1.0)).failure_rate = 1.0;
    b.service("b", 8, Distribution::constant(1.0));
    b.edge("web", "front");
    b.edge("front", "a");
    b.edge("front", "b");
    b.requests(200);
    auto r = testing::run_report(b.s);
    EXPECT_EQ(num(r, {"nodes", "b", "received"}), 0);
    EXPECT_EQ(num(r, {"nodes", "front", "failed"}), 200);
    EXPECT_EQ(num(r, {"clients", "web", "failure_reasons", "error"}), 200);
}

TEST(Service, RunByRequestCountStopsAtThatCount) {
    ScenarioBuilder b;
    b.client("web", 100);
    b.service("api", 8, Distribution::exponential(5.0));
    b.edge("web", "api");
    b.requests(1234);
    auto r = testing::run_report(b.s);
    EXPECT_EQ(num(r, {"clients", "web", "requests"}), 1234);
    EXPECT_EQ(num(r, {"nodes", "api", "received"}), 1234);
    EXPECT_EQ(num(r, {"clients", "web", "ok"}), 1234);
}

TEST(Service, RunByDurationSendsRateTimesDuration) {
    // Poisson arrivals: the count over 20 s at 100/s is Poisson(2000).
    ScenarioBuilder b;
    b.client("web", 100);
    b.service("api", 8, Distribution::exponential(5.0));
    b.edge("web", "api");
    b.duration(20);
    auto r = testing::run_report(b.s);
    EXPECT_NEAR(num(r, {"clients", "web", "requests"}), 2000, 4 * std::sqrt(2000.0));
    EXPECT_GE(num(r, {"sim_time_s"}), 20.0);
}

TEST(Service, WarmupExcludesEarlyRequests) {
    // A slow fault covers exactly the warm-up: every measured request is fast.
    ScenarioBuilder b;
    b.client("web", 100).arrival = Arrival::uniform;
    b.service("api", 64, Distribution::constant(5.0));
    b.edge("web", "api");
    b.fault(model::FaultKind::slow, "api", 0, 4.9999).extra_ms = 100;
    b.duration(10);
    b.s.run.warmup_s = 5;
    auto r = testing::run_report(b.s);
    EXPECT_EQ(num(r, {"clients", "web", "latency_ms", "max"}), 5.0);
    // Arrivals every 10 ms; those at 5.00 .. 9.99 s count (500), ties aside.
    const double requests = num(r, {"clients", "web", "requests"});
    EXPECT_GE(requests, 500);
    EXPECT_LE(requests, 501);
    EXPECT_EQ(num(r, {"nodes", "api", "received"}), requests);
    EXPECT_NEAR(num(r, {"measured_s"}), num(r, {"sim_time_s"}) - 5.0, 1e-6);
}

TEST(Service, DrainCompletesWorkInFlight) {
    // Arrivals stop after 1 s; each request takes 5 s: all of them finish in the drain.
    ScenarioBuilder b;
    b.client("web", 10).arrival = Arrival::uniform;
    b.service("api", 64, Distribution::constant(5000.0));
    b.edge("web", "api");
    b.duration(1);
    auto r = testing::run_report(b.s);
    const double requests = num(r, {"clients", "web", "requests"});
    EXPECT_GE(requests, 9);
    EXPECT_EQ(num(r, {"clients", "web", "ok"}), requests);
    EXPECT_GE(num(r, {"sim_time_s"}), 1.0 + 5.0 - 0.1);
}

TEST(Service, DrainLimitLeavesWorkUnfinished) {
    // Same, but the drain may only last 2 s: nothing finishes, all counted as unfinished.
    ScenarioBuilder b;
    b.client("web", 10).arrival = Arrival::uniform;
    b.service("api", 64, Distribution::constant(5000.0));
    b.edge("web", "api");
    b.duration(1);
    b.s.run.drain_s = 2;
    auto r = testing::run_report(b.s);
    const double requests = num(r, {"clients", "web", "requests"});
    EXPECT_GE(requests, 9);
    EXPECT_EQ(num(r, {"clients", "web", "ok"}), 0);
    EXPECT_EQ(num(r, {"clients", "web", "failed"}), requests);
    EXPECT_EQ(num(r, {"clients", "web", "failure_reasons", "unfinished"}), requests);
    EXPECT_LE(num(r, {"sim_time_s"}), 3.0 + 1e-9);
}

}  // namespace
}  // namespace flowlab
