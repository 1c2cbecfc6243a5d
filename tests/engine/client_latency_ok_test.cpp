// clients.<id>.latency_ok_ms: the latency of the requests that succeeded (ok or degraded),
// beside latency_ms, which covers every answered request.

#include <gtest/gtest.h>

#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Distribution;
using testing::num;
using testing::ScenarioBuilder;

/// web -> api (1 ms, fails with `failure_rate`) -> db (10 ms): a failed api answers
/// without calling the db, so a failure takes 1 ms and a success 11 ms, exactly.
model::Scenario two_speeds(double failure_rate) {
    ScenarioBuilder b;
    b.client("web", 50);
    b.service("api", 64, Distribution::constant(1)).failure_rate = failure_rate;
    b.database("db", 64, Distribution::constant(10));
    b.edge("web", "api");
    b.edge("api", "db");
    b.s.run.duration_s = 20;
    return b.s;
}

TEST(ClientLatencyOk, EqualsLatencyWhenNothingFails) {
    const auto r = testing::run_report(two_speeds(0.0));
    ASSERT_EQ(num(r, {"clients", "web", "failed"}), 0);
    EXPECT_EQ(r.at("clients").at("web").at("latency_ok_ms"),
              r.at("clients").at("web").at("latency_ms"));
}

TEST(ClientLatencyOk, LeavesFastFailuresOut) {
    const auto r = testing::run_report(two_speeds(0.3));
    const double ok = num(r, {"clients", "web", "ok"});
    const double failed = num(r, {"clients", "web", "failed"});
    ASSERT_GT(failed, 0);
    ASSERT_EQ(num(r, {"clients", "web", "in_flight"}), 0);
    // Successes all took 11 ms: every figure of their summary is 11.
    for (const char* key : {"mean", "p50", "p99", "max"})
        EXPECT_DOUBLE_EQ(num(r, {"clients", "web", "latency_ok_ms", key}), 11.0) << key;
    // All requests: the mix of 11 ms successes and 1 ms failures (rounded to 1 us).
    EXPECT_NEAR(num(r, {"clients", "web", "latency_ms", "mean"}),
                (11.0 * ok + 1.0 * failed) / (ok + failed), 0.0005);
}

}  // namespace
}  // namespace flowlab
