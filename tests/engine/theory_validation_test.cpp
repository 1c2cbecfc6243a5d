// The engine against queueing theory. Each check runs independent replications (new
// seeds) and compares the mean of the replication estimates with the closed form,
// allowing 4 standard errors of that mean: the run-to-run spread measures the noise,
// including the autocorrelation of waiting times that a naive binomial or i.i.d.
// error would ignore. A correct engine fails such a check about once in 15,000 runs.

#include <gtest/gtest.h>

#include <cmath>

#include "flowlab/runtime/simulation.hpp"
#include "flowlab/theory/queueing.hpp"
#include "replication.hpp"
#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Distribution;
using model::EdgeMode;
using testing::ScenarioBuilder;

using testing::Estimate;
using testing::num;
using testing::replicate;

void expect_within(const Estimate& e, double theory, double k_se, double floor_abs,
                   const char* what) {
    // floor_abs covers the histogram's 1% bucket error for percentiles (not noise).
    double allowed = k_se * e.standard_error + floor_abs;
    EXPECT_NEAR(e.mean, theory, allowed)
        << what << ": measured " << e.mean << " +- " << e.standard_error;
}

TEST(TheoryValidation, MM1MeanAndP99ResponseTime) {
    // lambda = 800/s, mean service 1 ms: rho = 0.8, W = 1/(mu - lambda) = 5 ms.
    ScenarioBuilder b;
    b.client("web", 800);
    b.service("api", 1, Distribution::exponential(1.0));
    b.edge("web", "api");
    b.requests(100000);
    const double mean_theory = theory::mmc(800, 1.0, 1).mean_response_ms;
    const double p99_theory = theory::mmc_response_quantile_ms(800, 1.0, 1, 0.99);
    ASSERT_NEAR(mean_theory, 5.0, 1e-9);
    auto mean = replicate(b.s, 10, [](auto& r) {
        return num(r, {"clients", "web", "latency_ms", "mean"});
    });
    expect_within(mean, mean_theory, 4, 0.0, "M/M/1 mean response");
    auto p99 = replicate(b.s, 10, [](auto& r) {
        return num(r, {"clients", "web", "latency_ms", "p99"});
    });
    expect_within(p99, p99_theory, 4, 0.01 * p99_theory, "M/M/1 P99 response");
}

TEST(TheoryValidation, MMcWaitFollowsErlangC) {
    // Four threads, rho = 0.8: the mean wait comes from Erlang C.
    ScenarioBuilder b;
    b.client("web", 3200);
    b.service("api", 4, Distribution::exponential(1.0));
    b.edge("web", "api");
    b.requests(200000);
    const auto p = theory::mmc(3200, 1.0, 4);
    auto mean = replicate(b.s, 10, [](auto& r) {
        return num(r, {"clients", "web", "latency_ms", "mean"});
    });
    expect_within(mean, p.mean_response_ms, 4, 0.0, "M/M/4 mean response");
    auto util = replicate(b.s, 10, [](auto& r) { return num(r, {"nodes", "api", "utilization"}); });
    expect_within(util, p.utilization, 4, 0.0, "M/M/4 utilization");
}

TEST(TheoryValidation, ErlangBLossWithoutBacklog) {
    // No backlog: a request that finds all 4 threads busy is rejected at once.
    // Offered load a = lambda * s = 3 Erlang; blocking = B(4, 3).
    ScenarioBuilder b;
    b.client("web", 3000);
    auto& api = b.service("api", 4, Distribution::exponential(1.0));
    api.backlog = 0;
    b.edge("web", "api");
    b.requests(200000);
    auto blocked = replicate(b.s, 10, [](auto& r) {
        return num(r, {"nodes", "api", "rejected"}) / num(r, {"nodes", "api", "received"});
    });
    expect_within(blocked, theory::erlang_b(4, 3.0), 4, 0.0, "Erlang B blocking");
}

TEST(TheoryValidation, ChainAvailabilityIsTheProduct) {
    // Three services that each fail 0.1% of requests, called in a chain.
    ScenarioBuilder b;
    b.client("web", 1000);
    for (const char* id : {"a", "b", "c"})
        b.service(id, 64, Distribution::constant(1.0)).failure_rate = 0.001;
    b.edge("web", "a");
    b.edge("a", "b");
    b.edge("b", "c");
    b.requests(200000);
    auto avail = replicate(b.s, 8, [](auto& r) {
        return num(r, {"clients", "web", "availability"});
    });
    expect_within(avail, theory::chain_availability({0.999, 0.999, 0.999}), 4, 0.0,
                  "chain availability");
}

TEST(TheoryValidation, LittlesLawHoldsAtEveryStation) {
    ScenarioBuilder b;
    b.client("web", 500);
    b.service("api", 2, Distribution::exponential(2.0));
    b.service("db", 1, Distribution::lognormal(0.5, 3.0));
    b.edge("web", "api");
    b.edge("api", "db");
    b.requests(100000);
    runtime::Simulation sim(b.s);
    sim.run_to_end();
    auto r = sim.report();
    for (const char* node : {"api", "db"}) {
        double l = num(r, {"theory", "littles_law", node, "l_measured"});
        double lw = num(r, {"theory", "littles_law", node, "lambda_w"});
        // Both sides come from the same sample path; they differ only by the requests
        // in the node at the start and end of the window, a tiny share of 100k.
        EXPECT_NEAR(l, lw, 0.01 * lw + 1e-3) << node;
    }
}

}  // namespace
}  // namespace flowlab
