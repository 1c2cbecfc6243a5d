// Lesson 28 (scenarios/28-cache.json): its numbers held against theory computed here from
// the file's own parameters (Che's approximation, the lognormal's quantiles), with
// tolerances from the run's statistics, never against numbers read from an earlier run.

#include <gtest/gtest.h>

#include <cmath>

#include "flowlab/model/parse.hpp"
#include "flowlab/theory/cache_limiter.hpp"
#include "replication.hpp"
#include "scenario_builder.hpp"
#include "shipped_lessons.hpp"

namespace flowlab {
namespace {

using testing::num;

model::Scenario lesson() { return testing::load_lesson("28-cache.json"); }

double che_hit(const model::Scenario& s) {
    const model::Node& c = *s.find_node("product-cache");
    return theory::che_lru(theory::zipf_popularity(c.key_space, c.zipf_s),
                           static_cast<double>(c.entries))
        .hit_ratio;
}

TEST(LessonCache, HitRatioIsChesAcrossReplications) {
    const auto s = lesson();
    const double che = che_hit(s);
    // Zipf(1) over 10,000 keys puts 77% of requests on the top 1,000, and LRU keeps a
    // little less than the top 1,000: between the naive 0.1 and 0.77.
    EXPECT_GT(che, 0.6);
    EXPECT_LT(che, 0.77);
    const auto e = testing::replicate(s, 5, [](const boost::json::object& r) {
        return num(r, {"nodes", "product-cache", "hit_ratio"});
    });
    // Che's error for 1,000 entries is well under 0.01.
    EXPECT_NEAR(e.mean, che, e.ci95_half_width() + 0.01);
}

TEST(LessonCache, MedianIsAHitAndTheP99IsTheDatabasesTail) {
    const auto s = lesson();
    const auto r = testing::run_report(s);
    const double h = num(r, {"nodes", "product-cache", "hit_ratio"});
    ASSERT_GT(h, 0.5);  // so the median request is a hit
    // A hit: 1 ms there, 1 ms work, 0.5 ms to the cache, 0.5 lookup, 0.5 + 1 back.
    EXPECT_NEAR(num(r, {"clients", "shoppers-b", "latency_ms", "p50"}), 4.5, 0.25);
    // Without the cache the median is the database's 40 ms median plus 5 ms.
    EXPECT_NEAR(num(r, {"clients", "shoppers-a", "latency_ms", "p50"}), 45, 3);
    // The cached P99 is the database's quantile at 1 - 0.01 / (1 - h), from the theory's h.
    const auto& db = s.find_node("db-b")->work;
    const double th = che_hit(s);
    const double p99 = 0.5 + 2 + db.quantile_ms(1 - 0.01 / (1 - th));
    EXPECT_NEAR(num(r, {"theory", "stations", "product-cache", "p99_latency_ms"}), p99, 1e-3 * p99);
    EXPECT_NEAR(num(r, {"nodes", "product-cache", "latency_ms", "p99"}), p99, 10);
    // Not the database's own P99: the tempting answer is 55 ms off.
    EXPECT_GT(std::abs(num(r, {"nodes", "product-cache", "latency_ms", "p99"}) -
                       (2.5 + db.quantile_ms(0.99))),
              30);
    // Without the cache: the database's P99 plus 5 ms of constants.
    EXPECT_NEAR(num(r, {"clients", "shoppers-a", "latency_ms", "p99"}), 5 + db.quantile_ms(0.99),
                12);
    EXPECT_NEAR(num(r, {"theory", "p99_work_sum_ms", "shoppers-a"}), 5 + db.quantile_ms(0.99),
                1e-3);
}

TEST(LessonCache, OnlyMissesReachTheDatabase) {
    const auto r = testing::run_report(lesson());
    EXPECT_NEAR(num(r, {"nodes", "db-b", "received"}), num(r, {"nodes", "product-cache", "misses"}),
                2);
    EXPECT_LT(num(r, {"nodes", "db-b", "received"}), 0.4 * num(r, {"nodes", "db-a", "received"}));
    EXPECT_EQ(num(r, {"nodes", "product-cache", "entries"}), 1000);
    // The mean at the cache follows the hit ratio: lookup + (1 - h) x (2 ms + mean query).
    const double mean_query = model::Distribution::lognormal(40, 200).mean_ms();
    const double h = num(r, {"theory", "stations", "product-cache", "hit_ratio"});
    EXPECT_NEAR(num(r, {"theory", "stations", "product-cache", "mean_latency_ms"}),
                0.5 + (1 - h) * (2 + mean_query), 1e-3);
}

}  // namespace
}  // namespace flowlab
