// Databases: a leaf server whose threads are its connections and whose work is the
// query. The pool limits how many queries run at once; the rest wait FIFO.

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "flowlab/theory/queueing.hpp"
#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Arrival;
using model::Distribution;
using testing::num;
using testing::ScenarioBuilder;

TEST(Database, ConnectionPoolLimitsConcurrentQueries) {
    // Two connections, 10 ms queries, four requests 1 ms apart (at 1, 2, 3, 4 ms). The
    // first two run at once (10 ms each); the third waits for the connection freed at
    // 11 ms and ends at 21 (18 ms), the fourth starts at 12 and ends at 22 (18 ms).
    ScenarioBuilder b;
    b.client("web", 1000).arrival = Arrival::uniform;
    b.service("api", 64, Distribution::constant(0.0));
    b.database("db", 2, Distribution::constant(10.0));
    b.edge("web", "api");
    b.edge("api", "db");
    b.requests(4);
    auto r = testing::run_report(b.s);
    EXPECT_EQ(r.at("nodes").at("db").at("kind").as_string(), "database");
    EXPECT_NEAR(num(r, {"clients", "web", "latency_ms", "mean"}), (10 + 10 + 18 + 18) / 4.0, 1e-9);
    EXPECT_NEAR(num(r, {"clients", "web", "latency_ms", "max"}), 18.0, 1e-9);
    EXPECT_EQ(num(r, {"nodes", "db", "backlog_max"}), 2);
    // The pool worked 4 x 10 ms; the api's threads were blocked for every ms a request
    // spent in the database, queueing included (api has no work of its own).
    EXPECT_NEAR(num(r, {"nodes", "db", "thread_time_s", "working"}), 0.040, 1e-6);
    EXPECT_NEAR(num(r, {"nodes", "api", "thread_time_s", "blocked"}), 0.056, 1e-6);
    EXPECT_NEAR(num(r, {"nodes", "api", "thread_time_s", "working"}), 0.0, 1e-9);
}

TEST(Database, QueryFailurePropagatesAsErrorToTheUser) {
    ScenarioBuilder b;
    b.client("web", 100);
    b.service("api", 16, Distribution::constant(1.0));
    b.database("db", 4, Distribution::constant(2.0)).failure_rate = 1.0;
    b.edge("web", "api");
    b.edge("api", "db");
    b.requests(300);
    auto r = testing::run_report(b.s);
    EXPECT_EQ(num(r, {"nodes", "db", "failed"}), 300);
    EXPECT_EQ(num(r, {"nodes", "api", "failed"}), 300);
    EXPECT_EQ(num(r, {"clients", "web", "failure_reasons", "error"}), 300);
    EXPECT_EQ(num(r, {"clients", "web", "availability"}), 0.0);
}

TEST(Database, PoolIsAnMMcStation) {
    // Exponential queries on 4 connections at rho = 0.75: Erlang C's mean response time.
    // Replications with different seeds give the standard error of the estimate.
    ScenarioBuilder b;
    b.client("web", 1500);
    b.database("db", 4, Distribution::exponential(2.0));
    b.edge("web", "db");
    b.requests(60000);
    const auto p = theory::mmc(1500, 2.0, 4);
    std::vector<double> xs;
    for (int seed = 1; seed <= 8; ++seed) {
        runtime::SimulationOptions options;
        options.seed = static_cast<std::uint64_t>(seed);
        xs.push_back(num(testing::run_report(b.s, options), {"nodes", "db", "latency_ms", "mean"}));
    }
    double m = 0, v = 0;
    for (double x : xs) m += x;
    m /= xs.size();
    for (double x : xs) v += (x - m) * (x - m);
    const double se = std::sqrt(v / (xs.size() - 1) / xs.size());
    EXPECT_NEAR(m, p.mean_response_ms, 4 * se) << "standard error " << se;
}

}  // namespace
}  // namespace flowlab
