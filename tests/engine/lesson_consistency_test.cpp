// Lesson 26 (eventual consistency): its numbers against the M/M/1 projector's closed
// form and the mechanism of the slowdown. References come from the file's parameters;
// tolerances from replications (4 standard errors of their mean, as
// theory_validation_test.cpp) or from the mechanism, never from one run.

#include <gtest/gtest.h>

#include <cmath>

#include "flowlab/run/lesson_steps.hpp"
#include "flowlab/run/metric_path.hpp"
#include "flowlab/theory/predict.hpp"
#include "replication.hpp"
#include "scenario_builder.hpp"
#include "shipped_lessons.hpp"

namespace flowlab {
namespace {

using testing::estimate_of;
using testing::num;

model::Scenario lesson() { return testing::load_lesson("26-eventual-consistency.json"); }

const model::Node& node(const model::Scenario& s, const char* id) { return *s.find_node(id); }

/// The lesson's own reasoning: time to the view is exponential with rate mu - lambda, and
/// the read comes the queue's ack plus the read delay after the commit.
double expected_miss(const model::Scenario& s) {
    const double lambda = node(s, "web").rate_per_s / 1000.0;     // per ms
    const double mu = 1.0 / node(s, "projector").work.mean_ms();  // per ms
    const double head_start = node(s, "profile-events").ack.a + node(s, "web").read_delay.a;
    return std::exp(-(mu - lambda) * head_start);
}

/// The report of seed `seed` at virtual time `at_s`.
boost::json::object report_at(const model::Scenario& s, std::uint64_t seed, double at_s) {
    runtime::SimulationOptions options;
    options.seed = seed;
    runtime::Simulation sim(s, options);
    sim.advance_to(kernel::from_s(at_s));
    return sim.report();
}

double misses(const boost::json::object& r) {
    return num(r, {"clients", "web", "read_your_writes", "misses"});
}
double reads(const boost::json::object& r) {
    return num(r, {"clients", "web", "read_your_writes", "reads"});
}

TEST(LessonConsistency, TheoryIsTheLessonsReasoning) {
    const auto s = lesson();
    const auto report = testing::run_report(s);
    const double p = *run::metric_value(report, "theory.read_your_writes.web.miss_probability");
    EXPECT_NEAR(p, expected_miss(s), 1e-6);
    EXPECT_NEAR(p, 0.1249, 0.00005);  // as the lesson text states it
}

TEST(LessonConsistency, WithoutTheSlowdownTheMissShareIsTheTheory) {
    auto s = lesson();
    s.faults.clear();
    const auto share = testing::replicate(s, 10, [](auto& r) {
        return num(r, {"clients", "web", "read_your_writes", "miss_share"});
    });
    EXPECT_NEAR(share.mean, expected_miss(s), 4 * share.standard_error)
        << share.mean << " +- " << share.standard_error;
    const auto staleness = testing::replicate(s, 10, [](auto& r) {
        return num(r, {"nodes", "profile-view", "view", "staleness_ms", "mean"});
    });
    // Mean 1 / (mu - lambda) = 1 / (0.08 - 0.04) per ms.
    EXPECT_NEAR(staleness.mean, 25.0, 4 * staleness.standard_error);
}

TEST(LessonConsistency, ThePredictionsToleranceCoversThreeSeedToSeedDeviations) {
    // The step asks for the miss share at 60 s, before the slowdown: it is the theory,
    // and 0.05 is at least 3 standard deviations of it across seeds.
    const auto s = lesson();
    std::vector<double> shares;
    for (std::uint64_t seed = 1000; seed < 1012; ++seed) {
        const auto r = report_at(s, seed, 60);
        shares.push_back(misses(r) / reads(r));
    }
    const auto e = estimate_of(shares);
    const double sd = e.standard_error * std::sqrt(static_cast<double>(shares.size()));
    EXPECT_NEAR(e.mean, expected_miss(s), 4 * e.standard_error);
    EXPECT_LE(3 * sd, 0.05) << "seed-to-seed standard deviation " << sd;
}

TEST(LessonConsistency, TheSlowdownMakesNearlyEveryReadMiss) {
    // From 65 s to 90 s the projector finishes 27 of the 40 events a second: its backlog
    // is past the 1.4 events (52 ms at 37.5 ms each) a read can wait for within a second
    // on average, and keeps growing. Seed to seed, the share of misses in the window is
    // near 1.
    const auto s = lesson();
    std::vector<double> during;
    for (std::uint64_t seed = 1000; seed < 1006; ++seed) {
        const auto a = report_at(s, seed, 65), b = report_at(s, seed, 90);
        during.push_back((misses(b) - misses(a)) / (reads(b) - reads(a)));
    }
    EXPECT_GT(estimate_of(during).mean, 0.9);
    // By the end the whole run's share is far above the steady-state theory (the watch).
    const auto report = testing::run_report(s);
    EXPECT_GT(num(report, {"clients", "web", "read_your_writes", "miss_share"}),
              2 * expected_miss(s));
    // The write path never waits for the view: 5 ms of work and the 2 ms ack, always.
    EXPECT_EQ(num(report, {"clients", "web", "latency_ms", "max"}), 7);
    EXPECT_EQ(num(report, {"clients", "web", "latency_ms", "p50"}), 7);
}

TEST(LessonConsistency, TheLagPeaksNearTheFluidBacklog) {
    // Growth of 40 - 1000/37.5 = 13.3 events a second for 30 s: 400. The watch allows 150,
    // over 3 standard deviations of arrivals (Poisson, 1,200) less completions (about 800
    // exponential ones), sqrt(1,200 + 800) = 45: the spread across seeds must agree.
    const auto s = lesson();
    const auto depth = testing::replicate(s, 10, [](auto& r) {
        return num(r, {"nodes", "profile-events", "depth_max"});
    });
    EXPECT_NEAR(depth.mean, 400, 150 / 3.0 + 4 * depth.standard_error);
    const double sd = depth.standard_error * std::sqrt(10.0);
    EXPECT_LE(3 * sd, 150) << "seed-to-seed standard deviation " << sd;
}

}  // namespace
}  // namespace flowlab
