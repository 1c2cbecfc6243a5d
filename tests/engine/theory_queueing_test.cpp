#include "flowlab/theory/queueing.hpp"

#include <gtest/gtest.h>

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace th = flowlab::theory;

// Textbook values. Exact rationals where small: B(2, 1) = (1/2) / (1 + 1 + 1/2) = 1/5,
// C(2, 1) = 1/3, C(3, 2) = 4/9, C(5, 4) = 128/231; the others are the published Erlang
// tables (B(10, 5) = 1.84 %, C(10, 8) = 40.9 %), here to the digits an exact rational
// evaluation gives.
TEST(ErlangB, TextbookValues) {
    EXPECT_DOUBLE_EQ(th::erlang_b(2, 1.0), 0.2);
    EXPECT_DOUBLE_EQ(th::erlang_b(1, 0.5), 1.0 / 3.0);  // a / (1 + a)
    EXPECT_NEAR(th::erlang_b(5, 2.0), 0.0366972477064220, 1e-15);
    EXPECT_NEAR(th::erlang_b(10, 5.0), 0.0183845703366481, 1e-15);
    EXPECT_NEAR(th::erlang_b(100, 80.0), 0.00399202860455320, 1e-14);
    EXPECT_EQ(th::erlang_b(0, 3.0), 1.0);  // no server: everyone is blocked
    EXPECT_EQ(th::erlang_b(4, 0.0), 0.0);
}

TEST(ErlangB, StableForLargePools) {
    // a^c / c! overflows a double at c = 171; the recurrence must not care.
    double b = th::erlang_b(1000, 950.0);
    EXPECT_TRUE(std::isfinite(b));
    EXPECT_GT(b, 0.0);
    EXPECT_LT(b, 0.05);
    // More servers for the same load never block more.
    EXPECT_LT(th::erlang_b(1001, 950.0), b);
}

TEST(ErlangC, TextbookValues) {
    EXPECT_DOUBLE_EQ(th::erlang_c(2, 1.0), 1.0 / 3.0);
    EXPECT_DOUBLE_EQ(th::erlang_c(3, 2.0), 4.0 / 9.0);
    EXPECT_DOUBLE_EQ(th::erlang_c(5, 4.0), 128.0 / 231.0);
    EXPECT_NEAR(th::erlang_c(10, 8.0), 0.409180150796444, 1e-14);
    EXPECT_NEAR(th::erlang_c(20, 15.0), 0.160429387416924, 1e-14);
    EXPECT_DOUBLE_EQ(th::erlang_c(1, 0.5), 0.5);  // M/M/1: P(wait) = rho
}

TEST(ErlangC, OneWhenOverloaded) {
    EXPECT_EQ(th::erlang_c(4, 4.0), 1.0);
    EXPECT_EQ(th::erlang_c(4, 9.0), 1.0);
}

TEST(Theory, InvalidArgumentsThrow) {
    EXPECT_THROW(th::erlang_b(-1, 1.0), std::invalid_argument);
    EXPECT_THROW(th::erlang_b(2, -1.0), std::invalid_argument);
    EXPECT_THROW(th::erlang_c(0, 1.0), std::invalid_argument);
    EXPECT_THROW(th::erlang_c(2, std::nan("")), std::invalid_argument);
    EXPECT_THROW(th::mmc(10, 0.0, 1), std::invalid_argument);
    EXPECT_THROW(th::mmc(-1, 10.0, 1), std::invalid_argument);
    EXPECT_THROW(th::mmc(10, 10.0, 0), std::invalid_argument);
    EXPECT_THROW(th::mmc_response_quantile_ms(10, 10, 1, 1.5), std::invalid_argument);
    EXPECT_THROW(th::mmc_wait_quantile_ms(10, 10, 1, -0.5), std::invalid_argument);
    EXPECT_THROW(th::chain_availability({0.9, 1.2}), std::invalid_argument);
}

TEST(Mmc, MM1HalfLoadedRespondsInTwoServiceTimes) {
    // mu = 100/s (10 ms), lambda = 50/s: W = 1 / (mu - lambda) = 20 ms = 2 / mu.
    auto p = th::mmc(50.0, 10.0, 1);
    EXPECT_TRUE(p.stable);
    EXPECT_DOUBLE_EQ(p.utilization, 0.5);
    EXPECT_DOUBLE_EQ(p.p_wait, 0.5);
    EXPECT_DOUBLE_EQ(p.mean_response_ms, 20.0);
    EXPECT_DOUBLE_EQ(p.mean_wait_ms, 10.0);
    EXPECT_DOUBLE_EQ(p.mean_in_system, 1.0);  // rho / (1 - rho)
    EXPECT_DOUBLE_EQ(p.mean_in_queue, 0.5);   // rho^2 / (1 - rho)
}

TEST(Mmc, MM2FromErlangC) {
    // c = 2, a = 1 (lambda 100/s, 10 ms): C = 1/3, Wq = C / (c mu - lambda) = (1/3) / 0.1 per ms.
    auto p = th::mmc(100.0, 10.0, 2);
    EXPECT_TRUE(p.stable);
    EXPECT_DOUBLE_EQ(p.utilization, 0.5);
    EXPECT_DOUBLE_EQ(p.p_wait, 1.0 / 3.0);
    EXPECT_DOUBLE_EQ(p.mean_wait_ms, 10.0 / 3.0);
    EXPECT_DOUBLE_EQ(p.mean_response_ms, 40.0 / 3.0);
    EXPECT_DOUBLE_EQ(p.mean_in_system, 4.0 / 3.0);  // textbook L for M/M/2 at rho 1/2
}

TEST(Mmc, UnstableIsFlaggedWithInfiniteMeans) {
    auto p = th::mmc(300.0, 10.0, 2);  // a = 3 > c = 2
    EXPECT_FALSE(p.stable);
    EXPECT_DOUBLE_EQ(p.utilization, 1.5);
    EXPECT_EQ(p.p_wait, 1.0);
    EXPECT_TRUE(std::isinf(p.mean_response_ms));
    EXPECT_TRUE(std::isinf(th::mmc_response_quantile_ms(300.0, 10.0, 2, 0.99)));
    EXPECT_TRUE(std::isinf(th::mmc_wait_quantile_ms(300.0, 10.0, 2, 0.99)));
}

TEST(MmcQuantile, MM1ResponseIsExponential) {
    // M/M/1 FCFS response time is Exp(mu - lambda): quantile = -ln(1 - q) / (mu - lambda).
    for (double rho : {0.1, 0.5, 0.9, 0.99}) {
        double lambda = rho * 100.0;  // mu = 100/s: 10 ms
        for (double q : {0.5, 0.9, 0.99, 0.999}) {
            double expected = -std::log(1.0 - q) / ((100.0 - lambda) / 1000.0);
            EXPECT_NEAR(th::mmc_response_quantile_ms(lambda, 10.0, 1, q), expected, 1e-9 * expected)
                << "rho=" << rho << " q=" << q;
        }
    }
}

TEST(MmcQuantile, MM1WaitHasAnAtomAtZero) {
    // P(Wq > t) = rho e^{-(mu - lambda) t}; at rho = 0.5 half the arrivals never wait.
    EXPECT_EQ(th::mmc_wait_quantile_ms(50.0, 10.0, 1, 0.4), 0.0);
    EXPECT_EQ(th::mmc_wait_quantile_ms(50.0, 10.0, 1, 0.5), 0.0);
    EXPECT_NEAR(th::mmc_wait_quantile_ms(50.0, 10.0, 1, 0.99), std::log(50.0) / 0.05, 1e-9);
}

// The response CDF evaluated independently: Simpson's rule on the convolution of the wait
// density C theta e^{-theta s} with the service CDF, plus the no-wait part.
static double response_cdf_by_quadrature(double lambda_per_s, double mean_ms, int c, double t) {
    double mu = 1.0 / mean_ms, lambda = lambda_per_s / 1000.0, theta = c * mu - lambda;
    double cw = th::erlang_c(c, lambda / mu);
    const int n = 20000;  // even
    double h = t / n, acc = 0.0;
    for (int i = 0; i <= n; ++i) {
        double s = i * h;
        double f = theta * std::exp(-theta * s) * (1.0 - std::exp(-mu * (t - s)));
        acc += f * (i == 0 || i == n ? 1.0 : (i % 2 ? 4.0 : 2.0));
    }
    return (1.0 - cw) * (1.0 - std::exp(-mu * t)) + cw * acc * h / 3.0;
}

TEST(MmcQuantile, MultiServerResponseMatchesConvolution) {
    struct Case {
        double lambda;
        double mean_ms;
        int c;
    };
    // theta > mu, theta < mu, and theta == mu (c mu - lambda = mu: lambda = (c-1) mu).
    for (Case k : {Case{600, 10, 8}, Case{350, 10, 4}, Case{100, 10, 2}, Case{190, 10, 2}}) {
        for (double q : {0.5, 0.9, 0.99, 0.999}) {
            double t = th::mmc_response_quantile_ms(k.lambda, k.mean_ms, k.c, q);
            EXPECT_NEAR(response_cdf_by_quadrature(k.lambda, k.mean_ms, k.c, t), q, 1e-9)
                << "lambda=" << k.lambda << " c=" << k.c << " q=" << q;
        }
    }
}

// A FCFS M/M/c queue simulated directly: each arrival takes the server that frees first.
// The share of responses at or below the predicted P99 must be 0.99 within the sampling
// error, which batch means estimate (consecutive responses are correlated).
TEST(MmcQuantile, SimulatedQueueAgreesWithPrediction) {
    const double lambda = 240.0, mean_ms = 10.0;  // a = 2.4 on c = 3: rho = 0.8
    const int c = 3;
    double p99 = th::mmc_response_quantile_ms(lambda, mean_ms, c, 0.99);
    auto pred = th::mmc(lambda, mean_ms, c);

    boost::random::mt19937_64 rng(2024);
    boost::random::exponential_distribution<double> gap(lambda / 1000.0), work(1.0 / mean_ms);
    std::vector<double> free_at(c, 0.0);
    const int batches = 50, per_batch = 40000;
    std::vector<double> hit_share, mean_resp;
    double now = 0.0;
    for (int b = -1; b < batches; ++b) {  // batch -1 is warm-up
        int hits = 0;
        double sum = 0.0;
        for (int i = 0; i < per_batch; ++i) {
            now += gap(rng);
            auto server = std::min_element(free_at.begin(), free_at.end());
            double start = std::max(now, *server);
            *server = start + work(rng);
            double response = *server - now;
            hits += response <= p99;
            sum += response;
        }
        if (b >= 0) {
            hit_share.push_back(double(hits) / per_batch);
            mean_resp.push_back(sum / per_batch);
        }
    }
    auto mean_and_se = [](const std::vector<double>& v) {
        double m = 0, ss = 0;
        for (double x : v) m += x;
        m /= v.size();
        for (double x : v) ss += (x - m) * (x - m);
        return std::pair{m, std::sqrt(ss / (v.size() - 1) / v.size())};
    };
    auto [share, share_se] = mean_and_se(hit_share);
    auto [resp, resp_se] = mean_and_se(mean_resp);
    // 4 standard errors: a false alarm about once in 16,000 runs (and the seed is fixed).
    EXPECT_NEAR(share, 0.99, 4 * share_se);
    EXPECT_NEAR(resp, pred.mean_response_ms, 4 * resp_se);
}

TEST(Availability, ProductOfHops) {
    EXPECT_DOUBLE_EQ(th::chain_availability({0.999, 0.999, 0.999}), 0.997002999);
    EXPECT_EQ(th::chain_availability({}), 1.0);
    EXPECT_EQ(th::chain_availability({0.5, 0.0}), 0.0);
}

TEST(LittlesLaw, RateTimesTime) {
    EXPECT_DOUBLE_EQ(th::littles_law_L(200.0, 50.0), 10.0);  // 200/s x 0.05 s
    EXPECT_EQ(th::littles_law_L(0.0, 50.0), 0.0);
}
