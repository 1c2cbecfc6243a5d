// The rate limiter node (a token bucket answering 429) and its theory: the M/D/1/K
// equivalence that gives the admitted rate under Poisson arrivals.
#include <gtest/gtest.h>

#include <cmath>

#include "flowlab/theory/cache_limiter.hpp"
#include "replication.hpp"
#include "runtime/token_bucket.hpp"
#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Distribution;
using testing::num;

TEST(TokenBucket, StartsFullRefillsAndCapsAtTheBurst) {
    runtime::TokenBucket b;
    b.configure(10, 2, 0);  // 10 tokens/s: one every 100 ms
    b.fill(2);
    EXPECT_TRUE(b.take(0));
    EXPECT_TRUE(b.take(0));
    EXPECT_FALSE(b.take(0));
    EXPECT_FALSE(b.take(kernel::from_ms(99)));
    EXPECT_TRUE(b.take(kernel::from_ms(200)));
    EXPECT_NEAR(b.level(kernel::from_s(60)), 2.0, 1e-12);
}

TEST(TokenBucketTheory, ClosedFormsAtTheEdges) {
    // Burst 1: after each admission the bucket needs 1/r to hold a whole token again,
    // an M/D/1/1 loss system: admitted = lambda / (1 + lambda / r).
    const auto one = theory::token_bucket(30, 10, 1);
    EXPECT_TRUE(one.exact);
    EXPECT_NEAR(one.accepted_per_s, 30.0 / (1 + 3.0), 1e-9);
    // A deep bucket: the fluid limit min(lambda, r).
    EXPECT_NEAR(theory::token_bucket(5, 10, 200).accepted_per_s, 5, 1e-9);
    EXPECT_NEAR(theory::token_bucket(50, 10, 200).accepted_per_s, 10, 1e-9);
    // More burst never admits less.
    double before = 0;
    for (int k = 1; k <= 40; ++k) {
        const double a = theory::token_bucket(12, 10, k).accepted_per_s;
        EXPECT_GE(a, before - 1e-12);
        EXPECT_LE(a, 10 + 1e-9);
        before = a;
    }
    EXPECT_THROW(theory::token_bucket(0, 10, 5), std::invalid_argument);
}

/// web -> limiter -> api, Poisson `rate` into a bucket of `refill` per s and `burst`.
model::Scenario limited(double rate, double refill, std::int64_t burst) {
    testing::ScenarioBuilder b;
    b.client("web", rate);
    auto& l = b.add(model::NodeKind::rate_limiter, "limiter");
    l.rate_per_s = refill;
    l.burst = burst;
    b.service("api", 64, Distribution::constant(5));
    b.edge("web", "limiter").latency = Distribution::constant(1);
    b.edge("limiter", "api");
    b.duration(300);
    b.s.run.warmup_s = 10;
    return b.s;
}

TEST(RateLimiterNode, RejectedCallsAre429sAnsweredAtOnce) {
    auto s = limited(100, 40, 5);
    s.run.warmup_s = 0;  // a call sent just before the warm-up's end reaches the limiter after it
    const auto r = testing::run_report(s);
    const double admitted = num(r, {"nodes", "limiter", "admitted"});
    const double rejected = num(r, {"nodes", "limiter", "rejected_429"});
    EXPECT_EQ(admitted + rejected, num(r, {"nodes", "limiter", "received"}));
    EXPECT_EQ(admitted, num(r, {"nodes", "api", "received"}));
    EXPECT_EQ(rejected, num(r, {"clients", "web", "failure_reasons", "rate_limited"}));
    EXPECT_EQ(num(r, {"clients", "web", "rejected"}), rejected);
    // A 429 costs the trip there and back (1 ms each way); an admitted call adds 5 ms.
    EXPECT_NEAR(num(r, {"clients", "web", "latency_ms", "mean"}),
                (2 * rejected + 7 * admitted) / (rejected + admitted), 2e-3);
    EXPECT_EQ(num(r, {"clients", "web", "latency_ok_ms", "max"}), 7);
    EXPECT_LE(num(r, {"nodes", "limiter", "tokens"}), 5);
}

TEST(RateLimiterNode, AdmittedRateMatchesTheMd1kModel) {
    // Near the refill rate the burst matters most: the fluid min(lambda, r) = 40 would
    // be wrong by several per second, the exact model is not.
    for (auto [lambda, burst] :
         {std::pair{40.0, std::int64_t{3}}, std::pair{60.0, std::int64_t{10}},
          std::pair{30.0, std::int64_t{1}}}) {
        const auto s = limited(lambda, 40, burst);
        const auto e = testing::replicate(s, 8, [](const boost::json::object& r) {
            return num(r, {"nodes", "limiter", "admitted_per_s"});
        });
        const double exact = theory::token_bucket(lambda, 40, burst).accepted_per_s;
        EXPECT_NEAR(e.mean, exact, 4 * e.standard_error) << lambda << " " << burst;
        const auto r = testing::run_report(s);
        EXPECT_NEAR(num(r, {"theory", "stations", "limiter", "accepted_per_s"}), exact,
                    1e-5 * exact);
    }
}

}  // namespace
}  // namespace flowlab
