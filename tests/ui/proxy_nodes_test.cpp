// What a cache and a rate limiter say while lessons 28 and 29 run: the hit ratio and the
// bucket's tokens, large, agreeing with the report of the run so far.

#include <gtest/gtest.h>

#include <cmath>

#include "canvas/canvas_scene.hpp"
#include "canvas/node_figures.hpp"
#include "canvas/node_item.hpp"
#include "canvas/node_text.hpp"
#include "flowlab/run/metric_path.hpp"
#include "main_window.hpp"
#include "session/live_session.hpp"
#include "ui_test_support.hpp"

namespace flowlab::ui::test {

TEST(ProxyNodeText, CacheShowsTheReportsHitRatioLarge) {
    MainWindow window;
    ASSERT_TRUE(window.openFile(lessonPath("28-cache.json")));
    const NodeItem* cache = window.scene()->nodeItem(QStringLiteral("product-cache"));
    ASSERT_NE(cache, nullptr);
    // Before a run: the configuration.
    ASSERT_FALSE(cache->bodyLines().empty());
    EXPECT_EQ(cache->bodyLines()[0].text, QStringLiteral("LRU, 1,000 entries"));
    window.runFor(90.0);
    const double hit = windowMetric(window, "nodes.product-cache.hit_ratio");
    ASSERT_GT(hit, 0.5);  // premise: the lesson's Zipf keys
    const auto lines = cache->bodyLines();
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines[0].text, QStringLiteral("hit ratio %1 %").arg(hit * 100, 0, 'f', 1));
    EXPECT_TRUE(lines[0].large);
    EXPECT_EQ(
        lines[1].text,
        QStringLiteral("hits %1 · misses %2")
            .arg(formatCount(std::llround(windowMetric(window, "nodes.product-cache.hits"))),
                 formatCount(std::llround(windowMetric(window, "nodes.product-cache.misses")))));
}

TEST(ProxyNodeText, RateLimiterShowsItsTokensAnd429s) {
    MainWindow window;
    ASSERT_TRUE(window.openFile(lessonPath("29-rate-limit.json")));
    const NodeItem* limiter = window.scene()->nodeItem(QStringLiteral("limiter"));
    ASSERT_NE(limiter, nullptr);
    window.runFor(30.0);
    const auto lines = limiter->bodyLines();
    ASSERT_GE(lines.size(), 3u);
    // 150/s into 90 tokens/s: the bucket is nearly always empty.
    EXPECT_TRUE(lines[0].text.startsWith(QStringLiteral("tokens "))) << lines[0].text.toStdString();
    EXPECT_TRUE(lines[0].text.endsWith(QStringLiteral(" of 20")));
    EXPECT_TRUE(lines[0].large);
    const double tokens = windowMetric(window, "nodes.limiter.tokens");
    EXPECT_EQ(lines[0].text, QStringLiteral("tokens %1 of 20").arg(tokens, 0, 'f', 1));
    EXPECT_EQ(lines[2].text, QStringLiteral("429s %1").arg(formatCount(std::llround(
                                 windowMetric(window, "nodes.limiter.rejected_429")))));
    EXPECT_EQ(lines[2].tone, NodeLine::Tone::alarm);
}

}  // namespace flowlab::ui::test
