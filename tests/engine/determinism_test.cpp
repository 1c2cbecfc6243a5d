// A run is a pure function of (scenario, seed), and each node draws from its own
// stream, so adding an unrelated branch leaves a client's arrivals untouched.

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include <vector>

#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Distribution;
using testing::num;
using testing::Recorder;
using testing::ScenarioBuilder;

ScenarioBuilder shop() {
    ScenarioBuilder b;
    b.client("web", 200);
    b.service("api", 8, Distribution::exponential(4.0)).failure_rate = 0.01;
    b.database("db", 4, Distribution::lognormal(2.0, 20.0));
    b.edge("web", "api");
    auto& e = b.edge("api", "db");
    e.timeout_ms = 50;
    e.retry = model::EdgeRetry{};  // jittered backoff: draws from the edge's stream
    b.s.trace.sample = 0.1;
    b.duration(20);
    return b;
}

std::string serialized(const model::Scenario& s, std::uint64_t seed) {
    runtime::SimulationOptions options;
    options.seed = seed;
    return boost::json::serialize(testing::run_report(s, options));
}

TEST(Determinism, SameSeedGivesByteIdenticalReports) {
    auto s = shop().s;
    EXPECT_EQ(serialized(s, 7), serialized(s, 7));
    EXPECT_NE(serialized(s, 7), serialized(s, 8));
}

TEST(Determinism, FileSeedIsUsedWithoutOverride) {
    auto s = shop().s;
    s.seed = 7;
    EXPECT_EQ(boost::json::serialize(testing::run_report(s)), serialized(s, 7));
}

/// When web's requests left it: the request hops on edge 0 (web -> api), exact times.
std::vector<kernel::SimTime> arrival_times(const model::Scenario& s) {
    runtime::Simulation sim(s);
    Recorder rec;
    sim.set_observer(&rec);
    sim.run_to_end();
    std::vector<kernel::SimTime> starts;
    for (const auto& h : rec.hops)
        if (h.kind == runtime::HopKind::request && h.edge == 0) starts.push_back(h.sent);
    return starts;
}

TEST(Determinism, UnrelatedBranchDoesNotChangeAClientsArrivals) {
    auto base = shop();
    auto extended = shop();
    // Another client with its own service, inserted between existing nodes (so node
    // indices shift); web stays node 0, which arrival_times() looks for.
    extended.s.nodes.insert(extended.s.nodes.begin() + 1,
                            model::make_node(model::NodeKind::client, "batch"));
    extended.s.nodes[1].rate_per_s = 30;
    extended.service("reports", 2, Distribution::exponential(20.0));
    extended.edge("batch", "reports");

    auto a = testing::run_report(base.s);
    auto b = testing::run_report(extended.s);
    EXPECT_EQ(num(a, {"clients", "web", "requests"}), num(b, {"clients", "web", "requests"}));
    // Nothing web's requests touch changed either: its whole section is the same.
    EXPECT_EQ(boost::json::serialize(a.at("clients").at("web")),
              boost::json::serialize(b.at("clients").at("web")));
    // The database serves exactly the same calls. (Its idle time differs: the run lasts
    // as long as the slowest branch, so measured_s is not the same.)
    for (const char* key : {"received", "ok", "wasted_work_ms"})
        EXPECT_EQ(num(a, {"nodes", "db", key}), num(b, {"nodes", "db", key})) << key;
    EXPECT_EQ(boost::json::serialize(a.at("nodes").at("db").at("latency_ms")),
              boost::json::serialize(b.at("nodes").at("db").at("latency_ms")));
    EXPECT_EQ(num(a, {"nodes", "db", "thread_time_s", "working"}),
              num(b, {"nodes", "db", "thread_time_s", "working"}));
    EXPECT_EQ(arrival_times(base.s), arrival_times(extended.s));
}

TEST(Determinism, ExtraDownstreamEdgeKeepsArrivalsButChangesLatency) {
    // Adding a call from api to a new service changes how long requests take, never
    // when they arrive.
    auto base = shop();
    auto extended = shop();
    extended.service("audit", 8, Distribution::constant(3.0));
    extended.edge("api", "audit");
    EXPECT_EQ(arrival_times(base.s), arrival_times(extended.s));
    auto a = testing::run_report(base.s);
    auto b = testing::run_report(extended.s);
    EXPECT_EQ(num(a, {"clients", "web", "requests"}), num(b, {"clients", "web", "requests"}));
    EXPECT_GT(num(b, {"clients", "web", "latency_ms", "mean"}),
              num(a, {"clients", "web", "latency_ms", "mean"}));
}

}  // namespace
}  // namespace flowlab
