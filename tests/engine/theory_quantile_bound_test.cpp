// The numerical quantile bound (theory/quantile_bound.hpp) against laws known in closed
// form: it must never be below the exact quantile, and only a few grid steps above.

#include "flowlab/theory/quantile_bound.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "flowlab/theory/queueing.hpp"

namespace th = flowlab::theory;
using flowlab::model::Distribution;

namespace {

/// The exact M/D/1 FCFS wait distribution (Erlang 1909): with D the work and lambda the
/// rate, P(W <= t) = (1 - rho) sum_{k=0}^{floor(t/D)} [lambda (k D - t)]^k / k! e^{-lambda (k D -
/// t)}.
double md1_wait_cdf(double lambda_per_ms, double d_ms, double t_ms) {
    const double rho = lambda_per_ms * d_ms;
    double sum = 0.0;
    for (int k = 0; k <= static_cast<int>(std::floor(t_ms / d_ms)); ++k) {
        const double x = lambda_per_ms * (k * d_ms - t_ms);
        sum += std::pow(x, k) / std::tgamma(k + 1.0) * std::exp(-x);
    }
    return (1.0 - rho) * sum;
}

/// The q-quantile of an increasing distribution function, by bisection.
template <class F>
double quantile_of(F cdf, double q, double hi) {
    double lo = 0.0;
    for (int i = 0; i < 200; ++i) {
        double mid = 0.5 * (lo + hi);
        (cdf(mid) >= q ? hi : lo) = mid;
    }
    return hi;
}

}  // namespace

TEST(QuantileBound, SingleDrawIsItsOwnQuantileRoundedUp) {
    for (Distribution d : {Distribution::exponential(4.0), Distribution::lognormal(5, 40),
                           Distribution::uniform(2, 9)}) {
        const double exact = d.quantile_ms(0.99);
        const auto bound = th::sum_quantile_bound_ms({th::TimeTerm::draw(d)}, 0.99);
        ASSERT_TRUE(bound);
        EXPECT_GE(*bound, exact);
        EXPECT_LE(*bound, exact * 1.002);  // one grid step of a 4096-cell grid around it
    }
    // A constant is exact: it sits on a grid point.
    EXPECT_EQ(*th::sum_quantile_bound_ms({th::TimeTerm::draw(Distribution::constant(10))}, 0.99),
              10.0);
}

TEST(QuantileBound, MM1ResponseThroughTheMg1SeriesMatchesTheClosedForm) {
    // Exponential work through the Pollaczek-Khinchine series must give the M/M/1
    // response time, Exp(mu - lambda): an independent check of the series.
    const double lambda = 800, mean = 1.0;
    const auto exp_work = Distribution::exponential(mean);
    const double exact = th::mmc_response_quantile_ms(lambda, mean, 1, 0.99);
    const auto via_mg1 = th::sum_quantile_bound_ms(
        {th::TimeTerm::mg1_wait(lambda, exp_work), th::TimeTerm::draw(exp_work)}, 0.99);
    const auto via_mmc = th::sum_quantile_bound_ms(
        {th::TimeTerm::mmc_wait(lambda, mean, 1), th::TimeTerm::draw(exp_work)}, 0.99);
    ASSERT_TRUE(via_mg1);
    ASSERT_TRUE(via_mmc);
    EXPECT_GE(*via_mg1, exact);
    EXPECT_GE(*via_mmc, exact);
    EXPECT_LE(*via_mg1, exact * 1.03);
    EXPECT_LE(*via_mmc, exact * 1.01);
}

TEST(QuantileBound, MM4ResponseIsAboveTheExactQuantile) {
    const double exact = th::mmc_response_quantile_ms(3200, 1.0, 4, 0.99);
    const auto bound = th::sum_quantile_bound_ms(
        {th::TimeTerm::mmc_wait(3200, 1.0, 4), th::TimeTerm::draw(Distribution::exponential(1))},
        0.99);
    ASSERT_TRUE(bound);
    EXPECT_GE(*bound, exact);
    EXPECT_LE(*bound, exact * 1.01);
}

TEST(QuantileBound, MD1WaitMatchesErlangsFormula) {
    // Constant 10 ms work at 80/s (rho = 0.8): the first example of issue 12.
    const double lambda_ms = 0.08, d = 10.0;
    const double exact =
        quantile_of([&](double t) { return md1_wait_cdf(lambda_ms, d, t); }, 0.99, 1000.0);
    const auto bound =
        th::sum_quantile_bound_ms({th::TimeTerm::mg1_wait(80, Distribution::constant(d))}, 0.99);
    ASSERT_TRUE(bound);
    EXPECT_GE(*bound, exact);
    EXPECT_LE(*bound, exact * 1.03);
}

TEST(QuantileBound, UnstableWaitsAndMomentsOfTheLaws) {
    EXPECT_FALSE(
        th::sum_quantile_bound_ms({th::TimeTerm::mg1_wait(100, Distribution::constant(10))}, 0.99));
    EXPECT_FALSE(th::sum_quantile_bound_ms({th::TimeTerm::mmc_wait(4000, 1.0, 4)}, 0.99));
    EXPECT_TRUE(std::isinf(th::mg1_mean_wait_ms(100, Distribution::constant(10))));
    // P-K for M/D/1 at rho = 0.8: lambda D^2 / (2 (1 - rho)) = 0.08 * 100 / 0.4 = 20 ms.
    EXPECT_NEAR(th::mg1_mean_wait_ms(80, Distribution::constant(10)), 20.0, 1e-12);
    // P-K with exponential work is the M/M/1 wait.
    EXPECT_NEAR(th::mg1_mean_wait_ms(800, Distribution::exponential(1)),
                th::mmc(800, 1.0, 1).mean_wait_ms, 1e-12);
    // E[min(S, x)] tends to E[S]; for a lognormal it is the integral of the survival.
    const auto ln = Distribution::lognormal(5, 40);
    EXPECT_NEAR(th::mean_min_ms(ln, 1e7), ln.mean_ms(), 1e-9);
    double integral = 0.0;
    const double step = 0.001;
    for (double t = 0.5 * step; t < 20.0; t += step) integral += (1.0 - th::cdf(ln, t)) * step;
    EXPECT_NEAR(th::mean_min_ms(ln, 20.0), integral, 1e-6);
    EXPECT_NEAR(th::second_moment_ms2(Distribution::uniform(0, 3)), 3.0, 1e-12);
}
