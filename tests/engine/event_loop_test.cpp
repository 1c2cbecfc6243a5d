// Event-loop services ("threading": "event_loop"): one thread runs every request's work
// in turn, waits on downstream calls hold no thread, and at most max_inflight requests
// are admitted (more wait in the backlog). Checked against M/G/1 theory where the loop
// is all there is, and against a thread pool where a slow dependency or heavy work
// decides which one hits its ceiling.

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "flowlab/model/parse.hpp"
#include "flowlab/theory/predict.hpp"
#include "flowlab/theory/quantile_bound.hpp"
#include "replication.hpp"
#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Distribution;
using testing::num;
using testing::replicate;
using testing::ScenarioBuilder;

model::Node& event_loop(ScenarioBuilder& b, const std::string& id, Distribution work,
                        int max_inflight = 1000) {
    auto& n = b.add(model::NodeKind::service, id);
    n.threading = model::Threading::event_loop;
    n.work = work;
    n.max_inflight = max_inflight;
    return n;
}

TEST(EventLoop, WithoutDownstreamCallsItIsAnMG1Server) {
    // lambda = 70/s, work uniform on [2, 18] ms: rho = 0.7, E[S^2] = 100 + 64/3 ms^2.
    ScenarioBuilder b;
    b.client("web", 70);
    event_loop(b, "api", Distribution::uniform(2, 18));
    b.edge("web", "api");
    b.s.run.warmup_s = 20;
    b.duration(1000);
    const double wait = theory::mg1_mean_wait_ms(70, Distribution::uniform(2, 18));
    ASSERT_NEAR(wait, 70.0 / 1000 * (100 + 64.0 / 3) / (2 * 0.3), 1e-9);
    // The theory section treats the loop as the one server, whatever `threads` says.
    const auto station = theory::predict(b.s).at("stations").at("api").as_object();
    EXPECT_EQ(station.at("model").as_string(), "M/G/1");
    EXPECT_NEAR(station.at("mean_wait_ms").to_number<double>(), wait, 1e-4 * wait);
    // 4 standard errors of the replication mean (theory_validation_test.cpp).
    const auto latency = replicate(b.s, 10, [](auto& r) {
        return num(r, {"clients", "web", "latency_ms", "mean"});
    });
    EXPECT_NEAR(latency.mean, wait + 10.0, 4 * latency.standard_error)
        << latency.mean << " +- " << latency.standard_error;
    const auto busy = replicate(b.s, 10, [](auto& r) {
        return num(r, {"nodes", "api", "loop_busy"});
    });
    EXPECT_NEAR(busy.mean, 0.7, 4 * busy.standard_error);
}

/// web -> api -> db, the database slow (500 ms) but with room for everyone.
ScenarioBuilder slow_dependency() {
    ScenarioBuilder b;
    b.client("web", 100);
    b.database("db", 1000, Distribution::constant(500));
    b.edge("web", "api");
    b.edge("api", "db");
    b.duration(60);
    return b;
}

TEST(EventLoop, ASlowDependencyHoldsNoThreadOfAnEventLoop) {
    auto b = slow_dependency();
    event_loop(b, "api", Distribution::constant(1));
    const auto r = testing::run_report(b.s);
    // Nothing ever waits for the loop long: each request needs 1 ms of it.
    EXPECT_EQ(num(r, {"nodes", "api", "thread_time_s", "blocked"}), 0);
    EXPECT_EQ(num(r, {"nodes", "api", "backlog_max"}), 0);
    EXPECT_EQ(num(r, {"clients", "web", "ok"}), num(r, {"clients", "web", "requests"}));
    EXPECT_LT(num(r, {"clients", "web", "latency_ms", "max"}), 600);
    // About lambda * 0.5 s = 50 requests are in flight at once: far more than 8 threads.
    EXPECT_GT(num(r, {"nodes", "api", "inflight_max"}), 8);
    // Everything in the node is admitted (no backlog): Little's L is the in-flight mean.
    EXPECT_NEAR(num(r, {"nodes", "api", "inflight_mean"}),
                num(r, {"theory", "littles_law", "api", "l_measured"}), 1e-5);
}

TEST(EventLoop, AThreadPoolBlocksAtItsThreadsUnderTheSameDependency) {
    auto b = slow_dependency();
    b.service("api", 8, Distribution::constant(1));
    const auto r = testing::run_report(b.s);
    // Every thread sits blocked on the database: 8 threads serve 8 / 0.501 s = 16 a second
    // of the 100 arriving, and the rest queue.
    const double measured = num(r, {"measured_s"});
    EXPECT_GT(num(r, {"nodes", "api", "thread_time_s", "blocked"}), 0.9 * 8 * 60);
    EXPECT_LE(num(r, {"nodes", "api", "thread_time_s", "blocked"}), 8 * measured);
    EXPECT_GT(num(r, {"nodes", "api", "backlog_max"}), 1000);
    EXPECT_FALSE(r.at("nodes").at("api").as_object().contains("inflight"));
}

TEST(EventLoop, MaxInflightBoundsWhatItAdmitsAndTheRestQueues) {
    auto b = slow_dependency();
    event_loop(b, "api", Distribution::constant(1), 20);
    const auto r = testing::run_report(b.s);
    EXPECT_EQ(num(r, {"nodes", "api", "inflight_max"}), 20);
    EXPECT_GT(num(r, {"nodes", "api", "backlog_max"}), 1000);
    EXPECT_EQ(num(r, {"nodes", "api", "thread_time_s", "blocked"}), 0);
}

TEST(EventLoop, HeavyWorkMakesTheOneLoopTheCeiling) {
    // 150 requests/s of 10 ms work: the loop can finish 100 a second, a pool of 4 threads
    // 400. Completions by an always-busy loop are a renewal process of exponential gaps
    // (mean 10 ms): in 60 s about 6000, with a standard deviation of sqrt(6000) = 77.
    ScenarioBuilder loop;
    loop.client("web", 150);
    event_loop(loop, "api", Distribution::exponential(10));
    loop.edge("web", "api");
    loop.duration(120);
    runtime::Simulation sim(loop.s, {});
    sim.advance_to(kernel::from_s(60));
    const auto r = sim.report();
    EXPECT_NEAR(num(r, {"nodes", "api", "ok"}), 6000, 4 * std::sqrt(6000.0) + 150);
    EXPECT_GT(num(r, {"nodes", "api", "loop_busy"}), 0.99);
    EXPECT_GT(num(r, {"nodes", "api", "backlog_max"}) + num(r, {"nodes", "api", "loop_queue"}),
              1000);

    ScenarioBuilder pool;
    pool.client("web", 150);
    pool.service("api", 4, Distribution::exponential(10));
    pool.edge("web", "api");
    pool.duration(60);
    const auto p = testing::run_report(pool.s);
    EXPECT_EQ(num(p, {"clients", "web", "ok"}), num(p, {"clients", "web", "requests"}));
    EXPECT_LT(num(p, {"clients", "web", "latency_ms", "p99"}), 200);
}

std::string errors_of(const std::string& text) {
    std::string out;
    for (const auto& d : model::parse_scenario(text, "f.json").errors) out += d.to_string() + "\n";
    return out;
}

TEST(EventLoopValidation, AnUnknownThreadingModelIsLocated) {
    const std::string text = R"({"format": "flowlab/1", "name": "t", "run": {"duration_s": 10},
"nodes": [{"id": "web", "kind": "client"},
  {"id": "a", "kind": "service", "threading": "fibers", "max_inflight": 0}],
"edges": [{"from": "web", "to": "a", "mode": "sync"}]})";
    const std::string e = errors_of(text);
    EXPECT_NE(e.find("f.json:3:47: nodes[1].threading: must be one of 'pool', 'event_loop'"),
              std::string::npos)
        << e;
    EXPECT_NE(e.find("nodes[1].max_inflight: must be"), std::string::npos) << e;
}

}  // namespace
}  // namespace flowlab
