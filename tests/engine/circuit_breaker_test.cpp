// The circuit breaker: the state machine on its own (runtime/CircuitBreaker), then in a
// run where a dependency fails for a while and recovers.

#include <gtest/gtest.h>

#include "runtime/circuit_breaker.hpp"
#include "runtime/world.hpp"
#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using kernel::from_ms;
using model::Arrival;
using model::Distribution;
using runtime::CircuitBreaker;
using testing::num;
using testing::Recorder;
using testing::ScenarioBuilder;
using State = CircuitBreaker::State;
using Admission = CircuitBreaker::Admission;

model::Breaker config(int window, double ratio, double open_ms, int probes) {
    return model::Breaker{
        .window = window, .failure_ratio = ratio, .open_ms = open_ms, .half_open_probes = probes};
}

/// Admits and records one ordinary call.
void call(CircuitBreaker& b, kernel::SimTime t, bool ok) {
    ASSERT_EQ(b.admit(t), Admission::pass);
    b.record(t, ok, false);
}

TEST(CircuitBreakerUnit, OpensOnlyOnceTheWindowIsFullAndTheRatioReached) {
    CircuitBreaker b(config(4, 0.5, 100, 1));
    // Three failures do not open it: the window (4) is not full yet.
    for (int i = 0; i < 3; ++i) call(b, 0, false);
    EXPECT_EQ(b.state(0), State::closed);
    call(b, 0, false);  // 4 of 4 failed
    EXPECT_EQ(b.state(0), State::open);
    EXPECT_EQ(b.times_opened(), 1u);
}

TEST(CircuitBreakerUnit, SlidingWindowCountsOnlyTheLastCalls) {
    CircuitBreaker b(config(4, 0.5, 100, 1));
    call(b, 0, false);
    call(b, 0, true);
    call(b, 0, true);
    call(b, 0, true);  // 1 of 4
    EXPECT_EQ(b.state(0), State::closed);
    call(b, 0, false);  // window: ok ok ok fail -> 1 of 4 (the first failure slid out)
    EXPECT_EQ(b.state(0), State::closed);
    call(b, 0, false);  // ok ok fail fail -> 2 of 4 = 0.5
    EXPECT_EQ(b.state(0), State::open);
}

TEST(CircuitBreakerUnit, OpenShortCircuitsThenHalfOpensAfterOpenMs) {
    CircuitBreaker b(config(2, 0.5, 100, 1));
    call(b, 0, false);
    call(b, 0, false);
    ASSERT_EQ(b.state(0), State::open);
    EXPECT_EQ(b.admit(from_ms(50)), Admission::short_circuit);
    EXPECT_EQ(b.admit(from_ms(99.999)), Admission::short_circuit);
    EXPECT_EQ(b.short_circuited(), 2u);
    EXPECT_EQ(b.state(from_ms(100)), State::half_open);
    // One probe goes through; further calls are refused until it answers.
    EXPECT_EQ(b.admit(from_ms(100)), Admission::probe);
    EXPECT_EQ(b.admit(from_ms(101)), Admission::short_circuit);
    b.record(from_ms(110), true, true);
    EXPECT_EQ(b.state(from_ms(110)), State::closed);
    EXPECT_EQ(b.admit(from_ms(111)), Admission::pass);
}

TEST(CircuitBreakerUnit, ClosingStartsWithAnEmptyWindow) {
    CircuitBreaker b(config(3, 0.5, 10, 1));
    for (int i = 0; i < 3; ++i) call(b, 0, false);
    ASSERT_EQ(b.admit(from_ms(10)), Admission::probe);
    b.record(from_ms(10), true, true);
    ASSERT_EQ(b.state(from_ms(10)), State::closed);
    // Two failures after closing: the window is not full, the old failures are gone.
    call(b, from_ms(11), false);
    call(b, from_ms(11), false);
    EXPECT_EQ(b.state(from_ms(11)), State::closed);
    call(b, from_ms(11), false);
    EXPECT_EQ(b.state(from_ms(11)), State::open);
    EXPECT_EQ(b.times_opened(), 2u);
}

TEST(CircuitBreakerUnit, FailedProbeReopensForAnotherOpenMs) {
    CircuitBreaker b(config(1, 1.0, 100, 1));
    call(b, 0, false);
    ASSERT_EQ(b.admit(from_ms(100)), Admission::probe);
    b.record(from_ms(105), false, true);
    EXPECT_EQ(b.state(from_ms(105)), State::open);
    EXPECT_EQ(b.times_opened(), 2u);
    EXPECT_EQ(b.admit(from_ms(204)), Admission::short_circuit);
    EXPECT_EQ(b.admit(from_ms(205)), Admission::probe);
}

TEST(CircuitBreakerUnit, AllProbesMustSucceed) {
    CircuitBreaker b(config(1, 1.0, 100, 2));
    call(b, 0, false);
    ASSERT_EQ(b.admit(from_ms(100)), Admission::probe);
    ASSERT_EQ(b.admit(from_ms(100)), Admission::probe);
    EXPECT_EQ(b.admit(from_ms(100)), Admission::short_circuit);
    b.record(from_ms(101), true, true);
    EXPECT_EQ(b.state(from_ms(101)), State::half_open);
    b.record(from_ms(102), true, true);
    EXPECT_EQ(b.state(from_ms(102)), State::closed);
}

TEST(CircuitBreakerUnit, LateAnswersWhileOpenAreIgnored) {
    CircuitBreaker b(config(2, 0.5, 100, 1));
    ASSERT_EQ(b.admit(0), Admission::pass);  // admitted before the breaker opens
    call(b, 0, false);
    call(b, 0, false);
    ASSERT_EQ(b.state(0), State::open);
    b.record(from_ms(1), true, false);  // its answer arrives late
    EXPECT_EQ(b.state(from_ms(1)), State::open);
    EXPECT_EQ(b.admit(from_ms(1)), Admission::short_circuit);
}

// In a run: back fails every call from 1 s to 3 s. The breaker on api -> back opens,
// answers at once while open, probes every 500 ms, and closes once back has healed.
model::Scenario breaker_run() {
    ScenarioBuilder b;
    b.client("web", 100).arrival = Arrival::uniform;
    b.service("api", 64, Distribution::constant(0.0));
    b.service("back", 64, Distribution::constant(20.0));
    b.edge("web", "api");
    b.edge("api", "back").breaker = config(10, 0.5, 500, 1);
    b.fault(model::FaultKind::errors, "back", 1.0, 2.0).failure_rate = 1.0;
    b.duration(6);
    return b.s;
}

TEST(CircuitBreakerRun, OpensFailsFastAndClosesAfterRecovery) {
    runtime::Simulation sim(breaker_run());
    Recorder rec;
    sim.set_observer(&rec);
    sim.run_to_end();
    auto r = sim.report();
    EXPECT_GE(num(r, {"nodes", "api", "breaker", "opened"}), 1);
    const double short_circuited = num(r, {"nodes", "api", "breaker", "short_circuited"});
    EXPECT_GT(short_circuited, 0);
    EXPECT_EQ(num(r, {"clients", "web", "failure_reasons", "breaker_open"}), short_circuited);

    int fast_failures = 0;
    for (const auto& e : rec.ends) {
        const double start = testing::Recorder::started_ms(e);
        if (e.reason == static_cast<std::uint8_t>(runtime::Reason::breaker_open)) {
            ++fast_failures;
            EXPECT_EQ(e.latency_ms, 0.0) << "short-circuited calls must not wait";
        }
        // Healthy before the fault; after it heals (3 s), the next probe (at most 500 ms
        // later) closes the breaker and requests succeed again.
        if (start < 1000.0 - 20.0 || start > 3500.0 + 20.0) {
            EXPECT_TRUE(e.success) << "started at " << start;
        }
    }
    EXPECT_EQ(fast_failures, static_cast<int>(short_circuited));

    // While open, back is spared: during the 2 s fault it gets the window's calls to
    // open (10), the calls already in flight (20 ms at 100/s: 2), and one probe per
    // 500 ms of open time (at most 4), plus the odd boundary call.
    int reached_back = 0;
    for (const auto& h : rec.hops)
        if (h.kind == runtime::HopKind::request && h.edge == 1 && h.sent >= kernel::from_s(1.0) &&
            h.sent < kernel::from_s(3.0))
            ++reached_back;
    EXPECT_LE(reached_back, 10 + 2 + 4 + 1);
    EXPECT_EQ(sim.world().edges[1].breaker->state(sim.now()), CircuitBreaker::State::closed);
}

TEST(CircuitBreakerRun, ShortCircuitedCallsAreNotRetried) {
    auto s = breaker_run();
    s.edges[1].retry =
        model::EdgeRetry{.max_retries = 2, .backoff_ms = 1, .multiplier = 1, .jitter = false};
    runtime::Simulation sim(s);
    Recorder rec;
    sim.set_observer(&rec);
    sim.run_to_end();
    int breaker_failures = 0;
    for (const auto& e : rec.ends)
        if (e.reason == static_cast<std::uint8_t>(runtime::Reason::breaker_open))
            ++breaker_failures;
    EXPECT_GT(breaker_failures, 0);
    // A refusal by the breaker ends the call at once: had it been retried, each failed
    // call would count up to 3 short circuits.
    auto r = sim.report();
    EXPECT_EQ(num(r, {"nodes", "api", "breaker", "short_circuited"}), breaker_failures);
}

}  // namespace
}  // namespace flowlab
