// Edge retries: attempt counts, exponential backoff, full jitter, and the retry storm
// (retries multiply the load on a dependency that is already struggling).

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <vector>

#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Arrival;
using model::Distribution;
using testing::num;
using testing::Recorder;
using testing::ScenarioBuilder;

model::Scenario always_failing(bool jitter, int n) {
    // Requests one second apart so that each request's retries (< 100 ms) never overlap.
    ScenarioBuilder b;
    b.client("web", 1).arrival = Arrival::uniform;
    b.service("api", 64, Distribution::constant(5.0)).failure_rate = 1.0;
    auto& e = b.edge("web", "api");
    e.retry =
        model::EdgeRetry{.max_retries = 3, .backoff_ms = 10, .multiplier = 2, .jitter = jitter};
    b.requests(n);
    return b.s;
}

/// Send times (ms) of the request hops on edge 0, grouped by the second they belong to.
std::map<long, std::vector<double>> attempts_by_request(const Recorder& rec) {
    std::map<long, std::vector<double>> out;
    for (const auto& h : rec.hops)
        if (h.kind == runtime::HopKind::request && h.edge == 0) {
            double ms = kernel::to_ms(h.sent);
            out[static_cast<long>(std::floor(ms / 1000.0))].push_back(ms);
        }
    return out;
}

TEST(Retry, EveryFailedAttemptIsRetriedUpToTheLimit) {
    const int n = 50;
    runtime::Simulation sim(always_failing(false, n));
    Recorder rec;
    sim.set_observer(&rec);
    sim.run_to_end();
    auto r = sim.report();
    EXPECT_EQ(num(r, {"nodes", "api", "received"}), 4 * n);
    EXPECT_EQ(num(r, {"clients", "web", "retries"}), 3 * n);
    EXPECT_EQ(num(r, {"clients", "web", "failure_reasons", "error"}), n);
    // Four attempts of 5 ms plus waits of 10, 20 and 40 ms.
    EXPECT_NEAR(num(r, {"clients", "web", "latency_ms", "mean"}), 4 * 5 + 10 + 20 + 40, 1e-9);
    // The spacing between attempts, less the 5 ms of work, doubles each time.
    auto by_request = attempts_by_request(rec);
    ASSERT_EQ(by_request.size(), static_cast<std::size_t>(n));
    for (const auto& [second, sent] : by_request) {
        ASSERT_EQ(sent.size(), 4u) << "request at second " << second;
        EXPECT_NEAR(sent[1] - sent[0] - 5, 10, 1e-6);
        EXPECT_NEAR(sent[2] - sent[1] - 5, 20, 1e-6);
        EXPECT_NEAR(sent[3] - sent[2] - 5, 40, 1e-6);
    }
}

TEST(Retry, JitterDrawsEachWaitBelowItsBound) {
    // Full jitter: wait = bound x U(0,1). Each wait is below its bound, and the mean of
    // wait / bound over 3n waits is 1/2 with standard error 1/sqrt(12 x 3n).
    const int n = 400;
    runtime::Simulation sim(always_failing(true, n));
    Recorder rec;
    sim.set_observer(&rec);
    sim.run_to_end();
    double sum = 0;
    int waits = 0;
    for (const auto& [second, sent] : attempts_by_request(rec)) {
        ASSERT_EQ(sent.size(), 4u);
        for (int i = 1; i < 4; ++i) {
            const double bound = 10 * std::pow(2.0, i - 1);
            const double wait = sent[i] - sent[i - 1] - 5;
            EXPECT_GE(wait, -1e-6);
            EXPECT_LT(wait, bound + 1e-6);
            sum += wait / bound;
            ++waits;
        }
    }
    ASSERT_EQ(waits, 3 * n);
    EXPECT_NEAR(sum / waits, 0.5, 4 / std::sqrt(12.0 * waits));
}

TEST(Retry, RetriesStopAtTheFirstSuccess) {
    // Each attempt fails with p = 1/2, at most 2 retries: attempts per request are
    // 1, 2 or 3 with probabilities 1/2, 1/4, 1/4 (mean 1.75, variance 0.6875), and a
    // request fails only when all three fail (p^3 = 1/8).
    const double n = 20000, p = 0.5;
    ScenarioBuilder b;
    b.client("web", 1000);
    b.service("api", 64, Distribution::constant(1.0)).failure_rate = p;
    b.edge("web", "api").retry =
        model::EdgeRetry{.max_retries = 2, .backoff_ms = 1, .multiplier = 2, .jitter = true};
    b.requests(static_cast<std::int64_t>(n));
    auto r = testing::run_report(b.s);
    EXPECT_NEAR(num(r, {"nodes", "api", "received"}), 1.75 * n, 4 * std::sqrt(0.6875 * n));
    const double q = p * p * p;
    EXPECT_NEAR(num(r, {"clients", "web", "failed"}), q * n, 4 * std::sqrt(n * q * (1 - q)));
}

model::Scenario overloaded(bool with_retries) {
    // The database can serve 4 / 50 ms = 80 queries/s; 100/s arrive. Its backlog grows
    // without bound, so soon every query waits longer than the 100 ms timeout.
    ScenarioBuilder b;
    b.client("web", 100);
    b.service("api", 64, Distribution::constant(0.0));
    b.database("db", 4, Distribution::exponential(50.0));
    b.edge("web", "api");
    auto& e = b.edge("api", "db");
    e.timeout_ms = 100;
    if (with_retries)
        e.retry =
            model::EdgeRetry{.max_retries = 3, .backoff_ms = 10, .multiplier = 2, .jitter = false};
    b.duration(20);
    return b.s;
}

TEST(Retry, RetryStormMultipliesTheLoadOnTheCallee) {
    auto plain = testing::run_report(overloaded(false));
    // Without retries the database receives exactly one call per request.
    EXPECT_EQ(num(plain, {"nodes", "db", "received"}), num(plain, {"clients", "web", "requests"}));

    auto storm = testing::run_report(overloaded(true));
    const double requests = num(storm, {"clients", "web", "requests"});
    const double received = num(storm, {"nodes", "db", "received"});
    // Up to 4 attempts per request; once the backlog exceeds the timeout almost all of
    // them happen, so the load is well above 1.5x and at most 4x.
    EXPECT_GT(received, 1.5 * requests);
    EXPECT_LE(received, 4 * requests);
    EXPECT_GT(num(storm, {"nodes", "api", "retries"}), 0.5 * requests);
    // Work done for attempts nobody waits for any more.
    EXPECT_GT(num(storm, {"nodes", "db", "wasted_work_ms"}),
              num(plain, {"nodes", "db", "wasted_work_ms"}));
}

}  // namespace
}  // namespace flowlab
