// Clients: the arrival process, the user's patience (client timeout_ms), and how a
// client performs several sync edges.

#include <gtest/gtest.h>

#include <cmath>

#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Arrival;
using model::Distribution;
using testing::num;
using testing::Recorder;
using testing::ScenarioBuilder;

TEST(Client, UniformArrivalsAreEvenlySpaced) {
    ScenarioBuilder b;
    b.client("web", 40).arrival = Arrival::uniform;
    b.service("api", 8, Distribution::constant(1.0));
    b.edge("web", "api");
    b.requests(50);
    runtime::Simulation sim(b.s);
    Recorder rec;
    sim.set_observer(&rec);
    sim.run_to_end();
    ASSERT_EQ(rec.ends.size(), 50u);
    for (std::size_t i = 0; i < rec.ends.size(); ++i)
        EXPECT_NEAR(Recorder::started_ms(rec.ends[i]), 25.0 * static_cast<double>(i + 1), 1e-6);
}

TEST(Client, PoissonGapsHaveMeanAndSpreadOfTheRate) {
    // Exponential gaps with mean 1/rate: the mean of n gaps has standard error mean/sqrt(n),
    // and their coefficient of variation is 1 (the sample CV has se about 1/sqrt(n)).
    const double rate = 200;
    ScenarioBuilder b;
    b.client("web", rate);
    b.service("api", 64, Distribution::constant(0.0));
    b.edge("web", "api");
    b.requests(20001);
    runtime::Simulation sim(b.s);
    Recorder rec;
    sim.set_observer(&rec);
    sim.run_to_end();
    ASSERT_EQ(rec.ends.size(), 20001u);
    double prev = 0, sum = 0, sq = 0;
    const double n = 20000;
    for (std::size_t i = 0; i < rec.ends.size(); ++i) {
        double t = Recorder::started_ms(rec.ends[i]);
        if (i > 0) {
            sum += t - prev;
            sq += (t - prev) * (t - prev);
        }
        prev = t;
    }
    const double mean = sum / n;
    const double sd = std::sqrt(sq / n - mean * mean);
    const double expected = 1000.0 / rate;
    EXPECT_NEAR(mean, expected, 4 * expected / std::sqrt(n));
    // Var of the sample variance of Exp: (mu4 - sigma^4)/n = 8 sigma^4 / n; so sd/mean
    // has se about sqrt(2/n).
    EXPECT_NEAR(sd / mean, 1.0, 4 * std::sqrt(2.0 / n));
}

TEST(Client, UserTimeoutFailsTheRequestButWorkGoesOn) {
    // The user waits 50 ms; the service needs 200 ms. Every request fails with timeout
    // after exactly 50 ms, and the service still does (and wastes) all of its work.
    ScenarioBuilder b;
    b.client("web", 20).timeout_ms = 50;
    b.service("api", 64, Distribution::constant(200.0));
    b.edge("web", "api");
    b.requests(100);
    auto r = testing::run_report(b.s);
    EXPECT_EQ(num(r, {"clients", "web", "timed_out"}), 100);
    EXPECT_EQ(num(r, {"clients", "web", "failure_reasons", "timeout"}), 100);
    EXPECT_NEAR(num(r, {"clients", "web", "latency_ms", "max"}), 50.0, 1e-9);
    EXPECT_NEAR(num(r, {"clients", "web", "latency_ms", "mean"}), 50.0, 1e-9);
    EXPECT_EQ(num(r, {"nodes", "api", "ok"}), 100);
    EXPECT_NEAR(num(r, {"nodes", "api", "wasted_work_ms"}), 100 * 200.0, 1e-6);
}

TEST(Client, UserTimeoutThatDoesNotFireChangesNothing) {
    ScenarioBuilder b;
    b.client("web", 20).timeout_ms = 500;
    b.service("api", 64, Distribution::constant(200.0));
    b.edge("web", "api");
    b.requests(100);
    auto r = testing::run_report(b.s);
    EXPECT_EQ(num(r, {"clients", "web", "ok"}), 100);
    EXPECT_EQ(num(r, {"nodes", "api", "wasted_work_ms"}), 0.0);
}

TEST(Client, ClientEdgesRunInFileOrder) {
    // A client with two sync edges waits for both, one after the other.
    ScenarioBuilder b;
    b.client("web", 10);
    b.service("a", 8, Distribution::constant(7.0));
    b.service("b", 8, Distribution::constant(5.0));
    b.edge("web", "a");
    b.edge("web", "b");
    b.requests(50);
    auto r = testing::run_report(b.s);
    EXPECT_NEAR(num(r, {"clients", "web", "latency_ms", "mean"}), 12.0, 1e-9);
    EXPECT_EQ(num(r, {"nodes", "b", "received"}), 50);
}

TEST(Client, EdgeLatencyIsPaidBothWays) {
    ScenarioBuilder b;
    b.client("web", 10);
    b.service("api", 8, Distribution::constant(3.0));
    b.edge("web", "api").latency = Distribution::constant(4.0);
    b.requests(50);
    auto r = testing::run_report(b.s);
    EXPECT_NEAR(num(r, {"clients", "web", "latency_ms", "mean"}), 4 + 3 + 4, 1e-9);
    EXPECT_NEAR(num(r, {"nodes", "api", "latency_ms", "mean"}), 3.0, 1e-9);
}

}  // namespace
}  // namespace flowlab
