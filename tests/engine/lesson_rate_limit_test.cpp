// Lesson 29 (scenarios/29-rate-limit.json): the unbounded queue grows at the difference
// of the rates (fluid limit, Poisson noise), the token bucket admits what its M/D/1/K
// model says, and the rest are 429s.

#include <gtest/gtest.h>

#include <cmath>

#include "flowlab/model/parse.hpp"
#include "flowlab/theory/cache_limiter.hpp"
#include "scenario_builder.hpp"
#include "shipped_lessons.hpp"

namespace flowlab {
namespace {

using testing::num;

model::Scenario lesson() { return testing::load_lesson("29-rate-limit.json"); }

TEST(LessonRateLimit, UnboundedQueueGrowsAtTheDifferenceOfTheRates) {
    const auto s = lesson();
    const auto r = testing::run_report(s);
    const double duration = *s.run.duration_s;
    const double arrivals = s.find_node("flood-a")->rate_per_s;
    const auto& w = *s.find_node("workers-a");
    const double service = w.concurrency * 1000 / w.work.mean_ms();
    const double growth = (arrivals - service) * duration;
    // Arrivals and completions are both about Poisson over the run: 3.5 sigma.
    const double sigma = std::sqrt((arrivals + service) * duration);
    EXPECT_NEAR(num(r, {"nodes", "jobs-a", "depth_max"}), growth, 3.5 * sigma);
    // The last job waits for the whole backlog ahead of it.
    EXPECT_NEAR(num(r, {"nodes", "jobs-a", "wait_ms", "max"}), 1000 * growth / service,
                1000 * 3.5 * sigma / service);
    // ...while the uploader was answered in milliseconds.
    EXPECT_LT(num(r, {"clients", "flood-a", "latency_ms", "max"}), 20);
    EXPECT_EQ(num(r, {"clients", "flood-a", "failed"}), 0);
}

TEST(LessonRateLimit, TheBucketAdmitsItsModelsRateAndAnswersTheRest429) {
    const auto s = lesson();
    const auto r = testing::run_report(s);
    const auto& l = *s.find_node("limiter");
    const double lambda = s.find_node("flood-b")->rate_per_s;
    const auto model = theory::token_bucket(lambda, l.rate_per_s, l.burst);
    ASSERT_TRUE(model.exact);
    EXPECT_NEAR(num(r, {"theory", "stations", "limiter", "accepted_per_s"}), model.accepted_per_s,
                1e-5 * model.accepted_per_s);
    // Far above the rate the bucket is nearly always empty: every token is used, and the
    // count over the run is the refill plus at most the starting burst.
    const double duration = *s.run.duration_s;
    EXPECT_NEAR(num(r, {"nodes", "limiter", "admitted_per_s"}), model.accepted_per_s,
                (l.burst + 1.0) / duration);
    const double rejected = num(r, {"nodes", "limiter", "rejected_429"});
    EXPECT_EQ(rejected, num(r, {"clients", "flood-b", "failure_reasons", "rate_limited"}));
    EXPECT_NEAR(rejected, (lambda - model.accepted_per_s) * duration,
                3 * std::sqrt(lambda * duration));
    // The workers behind the limiter keep up: the queue stays short and drains.
    EXPECT_LT(num(r, {"nodes", "jobs-b", "wait_ms", "p99"}), 1000);
    EXPECT_LT(num(r, {"nodes", "jobs-b", "depth_max"}),
              0.05 * num(r, {"nodes", "jobs-a", "depth_max"}));
    EXPECT_EQ(num(r, {"nodes", "jobs-b", "depth_end"}), 0);
    // A 429 is fast, 1 ms there and back; an accepted upload takes 6 ms (2 ms of work, the
    // broker's 2 ms ack, the trip).
    const double ok = num(r, {"clients", "flood-b", "ok"});
    EXPECT_NEAR(num(r, {"clients", "flood-b", "latency_ms", "mean"}),
                (2 * rejected + 6 * ok) / (rejected + ok), 2e-3);
}

}  // namespace
}  // namespace flowlab
