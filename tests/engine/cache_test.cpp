// The cache node: its LRU with TTL, and its semantics in a run (counts that must agree,
// hit ratios that theory fixes exactly or to within Che's approximation).
#include <gtest/gtest.h>

#include <cmath>

#include "flowlab/theory/cache_limiter.hpp"
#include "replication.hpp"
#include "runtime/lru_cache.hpp"
#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Distribution;
using runtime::LruCache;
using testing::num;

TEST(LruCache, EvictsTheLeastRecentlyUsed) {
    LruCache c;
    c.configure(2, std::nullopt);
    c.insert(1, 0);
    c.insert(2, 0);
    EXPECT_TRUE(c.lookup(1, 0));  // 1 is now the most recent: 2 goes next
    c.insert(3, 0);
    EXPECT_TRUE(c.lookup(1, 0));
    EXPECT_FALSE(c.lookup(2, 0));
    EXPECT_TRUE(c.lookup(3, 0));
    EXPECT_EQ(c.evictions(), 1u);
    EXPECT_EQ(c.size(), 2);
}

TEST(LruCache, EntriesExpireTheirTtlAfterBeingStored) {
    LruCache c;
    c.configure(10, kernel::from_ms(100));
    c.insert(1, kernel::from_ms(0));
    c.insert(2, kernel::from_ms(50));
    EXPECT_TRUE(c.lookup(1, kernel::from_ms(99)));  // a hit does not renew the TTL
    EXPECT_FALSE(c.lookup(1, kernel::from_ms(100)));
    EXPECT_TRUE(c.lookup(2, kernel::from_ms(120)));
    c.insert(2, kernel::from_ms(140));  // stored again: its TTL starts again
    EXPECT_TRUE(c.lookup(2, kernel::from_ms(200)));
    EXPECT_FALSE(c.lookup(2, kernel::from_ms(240)));
    EXPECT_EQ(c.expirations(), 2u);
    EXPECT_EQ(c.size(), 0);
}

TEST(LruCache, ShrinkingEvictsAtOnce) {
    LruCache c;
    c.configure(3, std::nullopt);
    for (LruCache::Key k = 0; k < 3; ++k) c.insert(k, 0);
    c.configure(1, std::nullopt);
    EXPECT_EQ(c.size(), 1);
    EXPECT_TRUE(c.lookup(2, 0));
    EXPECT_EQ(c.evictions(), 2u);
}

/// web -> cache -> db, the database answering in `db_ms`, after `warmup_s` of warm-up.
model::Scenario cached(double rate, std::int64_t keys, std::int64_t capacity,
                       model::Popularity popularity, double s, double db_ms = 0) {
    testing::ScenarioBuilder b;
    b.client("web", rate);
    auto& c = b.add(model::NodeKind::cache, "cache");
    c.key_space = keys;
    c.entries = capacity;
    c.popularity = popularity;
    c.zipf_s = s;
    c.work = Distribution::constant(0);
    b.database("db", 64, Distribution::constant(db_ms));
    b.edge("web", "cache");
    b.edge("cache", "db");
    b.duration(200);
    b.s.run.warmup_s = 50;
    return b.s;
}

TEST(CacheNode, CountsAgree) {
    auto s = cached(200, 500, 50, model::Popularity::zipf, 0.8, 5);
    s.nodes[1].work = Distribution::constant(1);
    s.run.warmup_s = 0;  // a miss looked up just before the warm-up's end reaches db after it
    const auto r = testing::run_report(s);
    const double hits = num(r, {"nodes", "cache", "hits"});
    const double misses = num(r, {"nodes", "cache", "misses"});
    EXPECT_GT(hits, 0);
    EXPECT_EQ(hits + misses, num(r, {"nodes", "cache", "received"}));
    // Every miss, and only a miss, goes on to the database.
    EXPECT_EQ(misses, num(r, {"nodes", "db", "received"}));
    EXPECT_EQ(num(r, {"nodes", "cache", "entries"}), 50);
    EXPECT_GT(num(r, {"nodes", "cache", "evictions"}), 0);
    EXPECT_EQ(num(r, {"nodes", "cache", "expirations"}), 0);
    EXPECT_EQ(num(r, {"clients", "web", "availability"}), 1);
    // A hit takes the 1 ms lookup; a miss adds the database's 5 ms.
    EXPECT_NEAR(num(r, {"clients", "web", "latency_ms", "mean"}), 1 + 5 * misses / (hits + misses),
                2e-3);
    EXPECT_EQ(num(r, {"clients", "web", "latency_ms", "max"}), 6);
}

TEST(CacheNode, UniformKeysHitCapacityOverKeysExactly) {
    // Under uniform independent requests an LRU cache, once full, holds `capacity` of the
    // `keys` keys whatever its order, so each request hits with probability C / N.
    const auto s = cached(100, 400, 100, model::Popularity::uniform, 0);
    const auto e = testing::replicate(s, 8, [](const boost::json::object& r) {
        return num(r, {"nodes", "cache", "hit_ratio"});
    });
    EXPECT_NEAR(e.mean, 0.25, 4 * e.standard_error + 1e-6);
    EXPECT_NEAR(theory::che_lru(theory::zipf_popularity(400, 0), 100).hit_ratio, 0.25, 1e-9);
}

TEST(CacheNode, ZipfHitRatioMatchesChesApproximation) {
    // Che's approximation for 1,000 keys and 100 entries errs by well under 0.01 (its
    // error shrinks with the cache: Fricker, Robert and Roberts 2012); the run's own
    // noise is the replications' 95% interval.
    const auto s = cached(200, 1000, 100, model::Popularity::zipf, 0.9);
    const auto e = testing::replicate(s, 8, [](const boost::json::object& r) {
        return num(r, {"nodes", "cache", "hit_ratio"});
    });
    const double che = theory::che_lru(theory::zipf_popularity(1000, 0.9), 100).hit_ratio;
    EXPECT_NEAR(e.mean, che, e.ci95_half_width() + 0.01);
    const auto r = testing::run_report(s);
    EXPECT_NEAR(num(r, {"theory", "stations", "cache", "hit_ratio"}), che, 1e-5);
}

TEST(CacheNode, TtlOnlyHitRatioMatchesTheRenewalFormula) {
    auto s = cached(100, 200, 200, model::Popularity::zipf, 1.0);
    s.nodes[1].ttl_ms = 2000;
    const auto e = testing::replicate(s, 8, [](const boost::json::object& r) {
        return num(r, {"nodes", "cache", "hit_ratio"});
    });
    const double ttl = theory::ttl_hit_ratio(theory::zipf_popularity(200, 1.0), 100, 2.0);
    EXPECT_NEAR(e.mean, ttl, e.ci95_half_width() + 1e-3);
    const auto r = testing::run_report(s);
    EXPECT_GT(num(r, {"nodes", "cache", "expirations"}), 0);
    EXPECT_NEAR(num(r, {"theory", "stations", "cache", "hit_ratio"}), ttl, 1e-5);
}

TEST(CacheNode, MeanLatencyFollowsTheHitRatio) {
    auto s = cached(100, 1000, 200, model::Popularity::zipf, 1.0, 0);
    s.nodes[1].work = Distribution::constant(2);
    s.nodes[2].work = Distribution::exponential(30);
    const auto e = testing::replicate(s, 6, [](const boost::json::object& r) {
        return num(r, {"nodes", "cache", "latency_ms", "mean"});
    });
    const auto r = testing::run_report(s);
    const double predicted = num(r, {"theory", "stations", "cache", "mean_latency_ms"});
    const double hit = num(r, {"theory", "stations", "cache", "hit_ratio"});
    EXPECT_NEAR(predicted, 2 + (1 - hit) * 30, 1e-3);
    // Che's 0.01 on the hit ratio moves the mean by 0.01 x 30 ms.
    EXPECT_NEAR(e.mean, predicted, e.ci95_half_width() + 0.01 * 30);
}

TEST(CacheNode, DownAnswersRefusedAndAFailedMissIsNotStored) {
    auto s = cached(50, 10, 10, model::Popularity::uniform, 0);
    s.run.warmup_s = 0;
    s.nodes[2].failure_rate = 1.0;
    const auto r = testing::run_report(s);
    EXPECT_EQ(num(r, {"nodes", "cache", "hits"}), 0);
    EXPECT_EQ(num(r, {"nodes", "cache", "entries"}), 0);
    EXPECT_EQ(num(r, {"clients", "web", "failure_reasons", "error"}),
              num(r, {"clients", "web", "requests"}));

    auto down = cached(50, 10, 10, model::Popularity::uniform, 0);
    down.run.warmup_s = 0;
    testing::ScenarioBuilder b;
    b.s = down;
    b.fault(model::FaultKind::down, "cache", 0);
    const auto d = testing::run_report(b.s);
    EXPECT_EQ(num(d, {"nodes", "cache", "refused"}), num(d, {"clients", "web", "requests"}));
    EXPECT_EQ(num(d, {"nodes", "db", "received"}), 0);
}

}  // namespace
}  // namespace flowlab
