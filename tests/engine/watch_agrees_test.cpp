// watch_agrees: whether a lesson's watched figure agrees with its reference. The report is
// written by hand so that every boundary (tolerance edges, missing paths) is exact.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "flowlab/run/metric_path.hpp"

namespace flowlab::run {
namespace {

using Relation = model::WatchItem::Relation;

const boost::json::object& report() {
    static const boost::json::value v = boost::json::parse(R"({
      "clients": { "web": { "availability": 0.9950, "latency_ms": { "p99": 120.5 } } },
      "nodes": { "q": { "redelivered": 76, "partitions": [ { "lag_end": 3 } ] },
                 "mailer": { "double_side_effects": 76, "kind": "consumer", "idempotent": true } },
      "theory": { "chain_availability": 0.997 }
    })");
    return v.as_object();
}

model::WatchItem item(std::string metric, std::optional<double> expect, std::string against = {},
                      Relation relation = Relation::near, double tolerance = 0) {
    return model::WatchItem{.metric = std::move(metric),
                            .label = "watched",
                            .text = {},
                            .expect = expect,
                            .against = std::move(against),
                            .relation = relation,
                            .tolerance = tolerance};
}

TEST(WatchAgrees, NearHoldsWithinTheToleranceOnBothSides) {
    EXPECT_EQ(watch_agrees(report(), item("nodes.q.redelivered", 76)), true);
    EXPECT_EQ(watch_agrees(report(), item("nodes.q.redelivered", 75)), false);
    EXPECT_EQ(watch_agrees(report(), item("nodes.q.redelivered", 75, {}, Relation::near, 1)), true);
    EXPECT_EQ(watch_agrees(report(), item("nodes.q.redelivered", 77, {}, Relation::near, 1)), true);
    EXPECT_EQ(watch_agrees(report(), item("nodes.q.redelivered", 78, {}, Relation::near, 1)),
              false);
}

TEST(WatchAgrees, AtMostAndAtLeastAllowTheToleranceOnTheirSide) {
    // 0.995 against the theory 0.997: at most holds, at least only with 0.002 of slack.
    const std::string theory = "theory.chain_availability";
    const std::string measured = "clients.web.availability";
    EXPECT_EQ(watch_agrees(report(), item(measured, {}, theory, Relation::at_most)), true);
    EXPECT_EQ(watch_agrees(report(), item(measured, {}, theory, Relation::at_least)), false);
    EXPECT_EQ(watch_agrees(report(), item(measured, {}, theory, Relation::at_least, 0.0015)),
              false);
    EXPECT_EQ(watch_agrees(report(), item(measured, {}, theory, Relation::at_least, 0.0025)), true);
    EXPECT_EQ(
        watch_agrees(report(), item("clients.web.latency_ms.p99", 100, {}, Relation::at_most)),
        false);
    EXPECT_EQ(
        watch_agrees(report(), item("clients.web.latency_ms.p99", 100, {}, Relation::at_most, 25)),
        true);
    EXPECT_EQ(
        watch_agrees(report(), item("clients.web.latency_ms.p99", 121, {}, Relation::at_least)),
        false);
}

TEST(WatchAgrees, AgainstAnotherFigureOfTheReport) {
    EXPECT_EQ(
        watch_agrees(report(), item("nodes.mailer.double_side_effects", {}, "nodes.q.redelivered")),
        true);
    EXPECT_EQ(
        watch_agrees(report(), item("nodes.q.partitions[0].lag_end", {}, "nodes.q.redelivered")),
        false);
    EXPECT_EQ(watch_agrees(report(), item("nodes.mailer.idempotent", 1)), true);  // true reads as 1
}

TEST(WatchAgrees, NoAnswerWithoutAReferenceOrANumber) {
    EXPECT_EQ(watch_agrees(report(), item("nodes.q.redelivered", {})), std::nullopt);
    EXPECT_EQ(watch_agrees(report(), item("nodes.q.missing", 76)), std::nullopt);
    EXPECT_EQ(watch_agrees(report(), item("nodes.q.redelivered", {}, "theory.missing")),
              std::nullopt);
    EXPECT_EQ(watch_agrees(report(), item("nodes.mailer.kind", 0)), std::nullopt);  // a text
    EXPECT_EQ(watch_agrees(report(), item("nodes.q", 0)), std::nullopt);            // an object
    EXPECT_EQ(watch_agrees(report(), item("", 0)), std::nullopt);                   // prose only
}

}  // namespace
}  // namespace flowlab::run
