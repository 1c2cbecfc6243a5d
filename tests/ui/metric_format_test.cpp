// How a metric path's figure reads on screen: the unit comes from the report's names.

#include <gtest/gtest.h>

#include "panels/metric_format.hpp"

namespace flowlab::ui::test {

TEST(MetricFormat, ReadsTheUnitFromThePath) {
    EXPECT_EQ(formatMetric("clients.web.availability", 0.997), QStringLiteral("99.70 %"));
    EXPECT_EQ(formatMetric("theory.chain_availability", 0.997003), QStringLiteral("99.70 %"));
    EXPECT_EQ(formatMetric("clients.web.latency_ms.p99", 88.5), QStringLiteral("88.5 ms"));
    EXPECT_EQ(formatMetric("clients.web.latency_ms.p99", 1234.5), QStringLiteral("1,235 ms"));
    EXPECT_EQ(formatMetric("nodes.mailer.side_effects", 1277), QStringLiteral("1,277"));
    EXPECT_EQ(formatMetric("theory.littles_law.orders.lambda_per_s", 19.7667),
              QStringLiteral("19.8/s"));
    EXPECT_EQ(formatMetric("theory.littles_law.orders.lambda_w", 0.712561),
              QStringLiteral("0.713"));
    // A node id is a name, not a unit.
    EXPECT_EQ(formatMetric("nodes.availability-proxy.received", 5), QStringLiteral("5"));
    EXPECT_EQ(metricNodeId("clients.web.latency_ms.p99"), QStringLiteral("web"));
    EXPECT_EQ(metricNodeId("nodes.order-events.depth_max"), QStringLiteral("order-events"));
    EXPECT_EQ(metricNodeId("traces.connected"), QString());
    EXPECT_EQ(metricShortName("nodes.welcome-emails.redelivered"), QStringLiteral("redelivered"));
    EXPECT_EQ(metricShortName("clients.web.latency_ms.p99"), QStringLiteral("latency p99"));
}

}  // namespace flowlab::ui::test
