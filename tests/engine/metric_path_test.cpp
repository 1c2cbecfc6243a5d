// Metric paths: reading a figure out of a report by its dotted path, holding a watch entry
// against its reference, and the located load-time check of a lesson's paths.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <algorithm>
#include <limits>
#include <string>
#include <utility>

#include "flowlab/run/metric_path.hpp"

namespace flowlab {
namespace {

namespace json = boost::json;
using model::WatchItem;
using run::metric_at;
using run::metric_value;

const json::object& sample_report() {
    static const json::object report = json::parse(R"({
        "sim_time_s": 60.5,
        "clients": {"web": {"requests": 1200, "availability": 0.997,
                            "latency_ms": {"p50": 12.5, "p99": 80}}},
        "nodes": {"orders": {"kind": "topic", "partitions": [{"depth_max": 4, "lag_end": 0},
                                                             {"depth_max": 9, "lag_end": 3}]},
                  "q": {"kind": "queue", "big": 18446744073709551615, "negative": -7}},
        "flags": {"stable": true, "saturated": false},
        "theory": {"chain_availability": 0.997003}
    })")
                                           .as_object();
    return report;
}

TEST(MetricPath, ReadsNumbersInNestedObjects) {
    const auto& r = sample_report();
    EXPECT_EQ(metric_value(r, "sim_time_s"), 60.5);
    EXPECT_EQ(metric_value(r, "clients.web.requests"), 1200.0);
    EXPECT_EQ(metric_value(r, "clients.web.latency_ms.p99"), 80.0);
    EXPECT_EQ(metric_value(r, "theory.chain_availability"), 0.997003);
    // Integers of either sign and beyond int64 are read as doubles.
    EXPECT_EQ(metric_value(r, "nodes.q.negative"), -7.0);
    EXPECT_EQ(metric_value(r, "nodes.q.big"), 18446744073709551615.0);
}

TEST(MetricPath, IndexesArraysWithADotOrBrackets) {
    const auto& r = sample_report();
    EXPECT_EQ(metric_value(r, "nodes.orders.partitions.0.lag_end"), 0.0);
    EXPECT_EQ(metric_value(r, "nodes.orders.partitions.1.lag_end"), 3.0);
    EXPECT_EQ(metric_value(r, "nodes.orders.partitions[1].lag_end"), 3.0);
    EXPECT_EQ(metric_value(r, "nodes.orders.partitions[0].depth_max"), 4.0);
    // Past the end, or not an index.
    EXPECT_EQ(metric_value(r, "nodes.orders.partitions.2.lag_end"), std::nullopt);
    EXPECT_EQ(metric_value(r, "nodes.orders.partitions[2].lag_end"), std::nullopt);
    EXPECT_EQ(metric_value(r, "nodes.orders.partitions.first.lag_end"), std::nullopt);
    EXPECT_EQ(metric_value(r, "nodes.orders.partitions.-1.lag_end"), std::nullopt);
    // An index where an object is: objects are read by key only.
    EXPECT_EQ(metric_value(r, "clients.0.requests"), std::nullopt);
}

TEST(MetricPath, ReadsBooleansAsOneAndZero) {
    const auto& r = sample_report();
    EXPECT_EQ(metric_value(r, "flags.stable"), 1.0);
    EXPECT_EQ(metric_value(r, "flags.saturated"), 0.0);
}

TEST(MetricPath, MissingPathsNameNothing) {
    const auto& r = sample_report();
    EXPECT_EQ(metric_at(r, ""), nullptr);
    EXPECT_EQ(metric_value(r, ""), std::nullopt);
    EXPECT_EQ(metric_at(r, "clients.mobile.requests"), nullptr);
    EXPECT_EQ(metric_value(r, "clients.web.latency_ms.p999"), std::nullopt);
    EXPECT_EQ(metric_value(r, "nope"), std::nullopt);
    // A path that continues below a number names nothing either.
    EXPECT_EQ(metric_at(r, "clients.web.requests.total"), nullptr);
}

TEST(MetricPath, NonNumberLeavesResolveButHaveNoValue) {
    const auto& r = sample_report();
    // An object or a text is found by metric_at, yet is not a figure.
    ASSERT_NE(metric_at(r, "clients.web.latency_ms"), nullptr);
    EXPECT_TRUE(metric_at(r, "clients.web.latency_ms")->is_object());
    EXPECT_EQ(metric_value(r, "clients.web.latency_ms"), std::nullopt);
    ASSERT_NE(metric_at(r, "nodes.orders.kind"), nullptr);
    EXPECT_EQ(*metric_at(r, "nodes.orders.kind"), "topic");
    EXPECT_EQ(metric_value(r, "nodes.orders.kind"), std::nullopt);
    EXPECT_EQ(metric_value(r, "nodes.orders.partitions"), std::nullopt);  // an array
}

WatchItem watch(std::string metric, std::optional<double> expect, std::string against,
                WatchItem::Relation relation, double tolerance) {
    WatchItem w;
    w.metric = std::move(metric);
    w.label = "x";
    w.expect = expect;
    w.against = std::move(against);
    w.relation = relation;
    w.tolerance = tolerance;
    return w;
}

TEST(WatchCheck, NearAgreesWithinTheToleranceOnEitherSide) {
    using R = WatchItem::Relation;
    const auto& r = sample_report();  // p99 = 80
    EXPECT_EQ(run::watch_agrees(r, watch("clients.web.latency_ms.p99", 80, "", R::near, 0)), true);
    EXPECT_EQ(run::watch_agrees(r, watch("clients.web.latency_ms.p99", 88, "", R::near, 8)), true);
    EXPECT_EQ(run::watch_agrees(r, watch("clients.web.latency_ms.p99", 72, "", R::near, 8)), true);
    EXPECT_EQ(run::watch_agrees(r, watch("clients.web.latency_ms.p99", 88.5, "", R::near, 8)),
              false);
    EXPECT_EQ(run::watch_agrees(r, watch("clients.web.latency_ms.p99", 71.5, "", R::near, 8)),
              false);
    EXPECT_EQ(run::watch_agrees(r, watch("clients.web.latency_ms.p99", 81, "", R::near, 0)), false);
}

TEST(WatchCheck, BoundsAreOneSidedAndWidenedByTheTolerance) {
    using R = WatchItem::Relation;
    const auto& r = sample_report();  // p99 = 80
    EXPECT_EQ(run::watch_agrees(r, watch("clients.web.latency_ms.p99", 100, "", R::at_most, 0)),
              true);
    EXPECT_EQ(run::watch_agrees(r, watch("clients.web.latency_ms.p99", 80, "", R::at_most, 0)),
              true);
    EXPECT_EQ(run::watch_agrees(r, watch("clients.web.latency_ms.p99", 79, "", R::at_most, 0)),
              false);
    EXPECT_EQ(run::watch_agrees(r, watch("clients.web.latency_ms.p99", 79, "", R::at_most, 1)),
              true);
    EXPECT_EQ(run::watch_agrees(r, watch("clients.web.latency_ms.p99", 10, "", R::at_least, 0)),
              true);
    EXPECT_EQ(run::watch_agrees(r, watch("clients.web.latency_ms.p99", 80, "", R::at_least, 0)),
              true);
    EXPECT_EQ(run::watch_agrees(r, watch("clients.web.latency_ms.p99", 81, "", R::at_least, 0)),
              false);
    EXPECT_EQ(run::watch_agrees(r, watch("clients.web.latency_ms.p99", 81, "", R::at_least, 1)),
              true);
}

TEST(WatchCheck, AgainstReadsTheReferenceFromTheSameReport) {
    using R = WatchItem::Relation;
    const auto& r = sample_report();  // availability 0.997, theory 0.997003
    auto w = watch("clients.web.availability", std::nullopt, "theory.chain_availability", R::near,
                   0.001);
    const auto check = run::check_watch(r, w);
    EXPECT_EQ(check.value, 0.997);
    EXPECT_EQ(check.reference, 0.997003);
    EXPECT_TRUE(check.agrees);
    w.tolerance = 0.000001;
    EXPECT_EQ(run::watch_agrees(r, w), false);
    // Against an array element, with brackets.
    EXPECT_EQ(run::watch_agrees(r, watch("nodes.orders.partitions.1.depth_max", std::nullopt,
                                         "nodes.orders.partitions[0].depth_max", R::at_least, 0)),
              true);
}

TEST(WatchCheck, NoReferenceOrAMissingFigureNeverAgrees) {
    using R = WatchItem::Relation;
    const auto& r = sample_report();
    // A figure shown without a claim: its value, no verdict.
    auto shown = run::check_watch(r, watch("clients.web.requests", std::nullopt, "", R::near, 0));
    EXPECT_EQ(shown.value, 1200.0);
    EXPECT_EQ(shown.reference, std::nullopt);
    EXPECT_FALSE(shown.agrees);
    // Prose only.
    WatchItem prose;
    prose.text = "look at the chart";
    EXPECT_FALSE(run::check_watch(r, prose).value.has_value());
    EXPECT_EQ(run::watch_agrees(r, prose), std::nullopt);
    // A path that names nothing, as metric or as reference, is never "close enough".
    EXPECT_EQ(run::watch_agrees(r, watch("clients.web.nope", 0, "", R::near, 1e9)), std::nullopt);
    const auto no_ref = run::check_watch(
        r, watch("clients.web.requests", std::nullopt, "theory.nope", R::near, 1e9));
    EXPECT_EQ(no_ref.value, 1200.0);
    EXPECT_EQ(no_ref.reference, std::nullopt);
    EXPECT_FALSE(no_ref.agrees);
    // A non-number leaf is not a value either.
    EXPECT_EQ(run::watch_agrees(r, watch("nodes.orders.kind", 0, "", R::at_least, 1e9)),
              std::nullopt);
}

TEST(WatchCheck, NotANumberNeverAgrees) {
    using R = WatchItem::Relation;
    // Boost.JSON holds a NaN double if one is put in (a report never should, but the panel
    // must not turn green on it).
    json::object r;
    r["x"] = std::numeric_limits<double>::quiet_NaN();
    for (R rel : {R::near, R::at_most, R::at_least})
        EXPECT_EQ(run::watch_agrees(r, watch("x", 0, "", rel, 1e9)), false)
            << model::to_string(rel);
}

// A scenario text with a lesson whose watch list names report figures; `watch` is
// spliced in as the array's contents.
std::string scenario_with_watch(const std::string& watch) {
    return std::string(R"({
  "format": "flowlab/1",
  "seed": 3,
  "run": {"duration_s": 1},
  "nodes": [
    {"id": "web", "kind": "client", "rate_per_s": 10},
    {"id": "api", "kind": "service", "threads": 2, "work_ms": 1}
  ],
  "edges": [{"from": "web", "to": "api", "mode": "sync"}],
  "lesson": {
    "goal": "g",
    "watch": [
)") + watch +
           R"(
    ]
  }
}
)";
}

TEST(MetricPathCheck, ValidPathsLoad) {
    const auto r = run::parse_scenario_checked(scenario_with_watch(R"(
      {"metric": "clients.web.availability", "label": "availability",
       "against": "theory.chain_availability", "tolerance": 0.01},
      {"metric": "nodes.api.thread_time_s.blocked", "label": "blocked", "expect": 0},
      "prose only")"),
                                               "ok.json");
    std::string errors;
    for (const auto& d : r.errors) errors += d.to_string() + "\n";
    EXPECT_TRUE(r.ok()) << errors;
}

/// 1-based line and column of the first occurrence of `what` in `text`.
std::pair<int, int> position_of(const std::string& text, const std::string& what) {
    const auto at = text.find(what);
    EXPECT_NE(at, std::string::npos) << what;
    const auto line_start = text.rfind('\n', at);
    const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
    const int column =
        static_cast<int>(at - (line_start == std::string::npos ? 0 : line_start + 1)) + 1;
    return {line, column};
}

TEST(MetricPathCheck, AnUnknownMetricIsALocatedError) {
    const std::string text = scenario_with_watch(R"(
      {"metric": "clients.web.availability", "label": "availability"},
      {"metric": "clients.web.availabilty", "label": "typo"})");
    const auto r = run::parse_scenario_checked(text, "lesson.json");
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.errors.size(), 1u) << r.errors[0].to_string();
    const auto& d = r.errors[0];
    EXPECT_EQ(d.file, "lesson.json");
    EXPECT_EQ(d.path, "lesson.watch[1].metric");
    // Located at the misspelt value, where an editor should put the cursor.
    const auto [line, column] = position_of(text, "\"clients.web.availabilty\"");
    EXPECT_GT(d.line, 0);
    EXPECT_EQ(d.line, line);
    EXPECT_EQ(d.column, column);
    EXPECT_NE(d.message.find("'clients.web.availabilty'"), std::string::npos) << d.message;
    EXPECT_NE(d.message.find("names no figure"), std::string::npos) << d.message;
    EXPECT_EQ(d.to_string().rfind("lesson.json:" + std::to_string(line) + ":", 0), 0u)
        << d.to_string();
}

TEST(MetricPathCheck, ABadReferenceAndANonNumberAreLocatedToo) {
    const std::string text = scenario_with_watch(R"(
      {"metric": "clients.web.latency_ms", "label": "latency"},
      {"metric": "clients.web.requests", "label": "requests", "against": "theory.nothing"})");
    const auto r = run::parse_scenario_checked(text, "lesson.json");
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.errors.size(), 2u);
    EXPECT_EQ(r.errors[0].path, "lesson.watch[0].metric");
    EXPECT_EQ(std::pair(r.errors[0].line, r.errors[0].column),
              position_of(text, "\"clients.web.latency_ms\""));
    EXPECT_NE(r.errors[0].message.find("is not a number"), std::string::npos)
        << r.errors[0].message;
    EXPECT_EQ(r.errors[1].path, "lesson.watch[1].against");
    EXPECT_EQ(std::pair(r.errors[1].line, r.errors[1].column),
              position_of(text, "\"theory.nothing\""));
    EXPECT_NE(r.errors[1].message.find("'theory.nothing'"), std::string::npos)
        << r.errors[1].message;
}

}  // namespace
}  // namespace flowlab
