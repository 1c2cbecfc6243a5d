// The kernel: event order, the virtual clock, and random streams.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "flowlab/kernel/kernel.hpp"
#include "flowlab/kernel/random.hpp"
#include "runtime/sampling.hpp"

namespace flowlab {
namespace {

using kernel::from_ms;
using kernel::Kernel;

TEST(Calendar, OrdersByTimeThenSchedulingOrder) {
    Kernel k;
    std::vector<int> order;
    auto* out = &order;
    // Ties at 5 ms must run in the order they were scheduled, whatever the heap does.
    for (int i = 0; i < 50; ++i) k.at(from_ms(i % 2 ? 5 : 10), [out, i] { out->push_back(i); });
    k.at(from_ms(1), [out] { out->push_back(-1); });
    while (k.step()) {
    }
    ASSERT_EQ(order.size(), 51u);
    EXPECT_EQ(order.front(), -1);
    std::vector<int> odd, even;
    for (std::size_t i = 1; i < order.size(); ++i) (order[i] % 2 ? odd : even).push_back(order[i]);
    EXPECT_TRUE(std::is_sorted(odd.begin(), odd.end()));
    EXPECT_TRUE(std::is_sorted(even.begin(), even.end()));
    // Every 5 ms event before every 10 ms one.
    EXPECT_EQ(order[25] % 2, 1);
    EXPECT_EQ(order[26] % 2, 0);
}

TEST(Kernel, StepRunsTheEarliestEventAndTheClockFollows) {
    Kernel k;
    int fired = 0;
    int* f = &fired;
    k.at(from_ms(30), [f] { ++*f; });
    k.at(from_ms(10), [f] { ++*f; });
    ASSERT_TRUE(k.step());
    EXPECT_EQ(fired, 1);
    EXPECT_EQ(k.now(), from_ms(10));
    // The clock may move on through empty time, but never past a pending event.
    k.advance_clock(from_ms(20));
    EXPECT_EQ(k.now(), from_ms(20));
    k.advance_clock(from_ms(40));
    EXPECT_EQ(k.now(), from_ms(20));
    ASSERT_TRUE(k.step());
    EXPECT_EQ(k.now(), from_ms(30));
    EXPECT_FALSE(k.step());
    EXPECT_EQ(k.events_processed(), 2u);
    // An event scheduled in the past runs now, not back in time.
    k.at(from_ms(5), [f] { ++*f; });
    ASSERT_TRUE(k.step());
    EXPECT_EQ(k.now(), from_ms(30));
}

TEST(RandomStreams, SameNameSameDrawsOtherNameOtherDraws) {
    auto a1 = kernel::make_stream(7, "api");
    auto a2 = kernel::make_stream(7, "api");
    auto b = kernel::make_stream(7, "db");
    auto a_other_seed = kernel::make_stream(8, "api");
    for (int i = 0; i < 100; ++i) {
        double x = kernel::uniform01(a1);
        EXPECT_EQ(x, kernel::uniform01(a2));
        EXPECT_NE(x, kernel::uniform01(b));
        EXPECT_NE(x, kernel::uniform01(a_other_seed));
    }
}

TEST(RandomStreams, DistributionsHaveTheirDeclaredShape) {
    auto rng = kernel::make_stream(1, "shape");
    const int n = 200000;
    auto check = [&](const model::Distribution& d, double mean_tol_sigmas) {
        std::vector<double> xs(n);
        double sum = 0;
        for (double& x : xs) sum += (x = runtime::sample_ms(d, rng));
        std::sort(xs.begin(), xs.end());
        const double mean = sum / n;
        double var = 0;
        for (double x : xs) var += (x - mean) * (x - mean);
        const double se = std::sqrt(var / (n - 1) / n);
        EXPECT_NEAR(mean, d.mean_ms(), mean_tol_sigmas * se + 1e-12);
        // Empirical quantiles against the exact ones: the order statistic's spread at
        // q is sqrt(q(1-q)/n) / density; 3% relative comfortably covers it at n = 200k.
        for (double q : {0.5, 0.99}) {
            const double exact = d.quantile_ms(q);
            EXPECT_NEAR(xs[static_cast<std::size_t>(q * n)], exact, 0.03 * exact + 1e-12) << q;
        }
    };
    check(model::Distribution::exponential(10), 4);
    check(model::Distribution::uniform(1, 9), 4);
    check(model::Distribution::lognormal(20, 200), 4);
    check(model::Distribution::constant(5), 0);
}

}  // namespace
}  // namespace flowlab

namespace flowlab {
namespace {

// Boost's uniform_real_distribution needs min < max: with min == max it used to spin
// for ever, so a file with "min_ms": 5, "max_ms": 5 hung the run.
TEST(RandomStreams, ADegenerateUniformDrawsItsOnlyValue) {
    auto rng = kernel::make_stream(3, "flat");
    EXPECT_EQ(runtime::sample_ms(model::Distribution::uniform(5.0, 5.0), rng), 5.0);
    EXPECT_EQ(kernel::uniform(rng, 2.0, 2.0), 2.0);
    const double x = kernel::uniform(rng, 2.0, 3.0);
    EXPECT_GE(x, 2.0);
    EXPECT_LT(x, 3.0);
}

}  // namespace
}  // namespace flowlab
