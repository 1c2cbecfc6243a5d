#include "flowlab/metrics/latency_histogram.hpp"

#include <gtest/gtest.h>

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

using flowlab::metrics::LatencyHistogram;

namespace {

const std::vector<double> quantiles = {0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 0.9999};

// The nearest-rank quantile of a sorted sample: the definition quantile() documents.
double exact_quantile(const std::vector<double>& sorted, double q) {
    double target = q * static_cast<double>(sorted.size());
    auto rank = static_cast<std::size_t>(std::ceil(target - target * 1e-12));
    rank = std::clamp<std::size_t>(rank, 1, sorted.size());
    return sorted[rank - 1];
}

// Every quantile of the histogram lies in the bucket of the true order statistic, so the
// bound is deterministic: the bucket's half-width in log space, for any sample.
void expect_quantiles_within_bucket_error(const std::vector<double>& sample) {
    LatencyHistogram h;
    for (double x : sample) h.record(x);
    std::vector<double> sorted = sample;
    std::sort(sorted.begin(), sorted.end());
    for (double q : quantiles) {
        double exact = exact_quantile(sorted, q);
        ASSERT_GE(exact, LatencyHistogram::lowest_ms) << "test sample must stay in range, q=" << q;
        double rel = std::fabs(h.quantile(q) - exact) / exact;
        EXPECT_LE(rel, LatencyHistogram::max_relative_error) << "q=" << q << " exact=" << exact;
    }
    EXPECT_EQ(h.min(), sorted.front());
    EXPECT_EQ(h.max(), sorted.back());
}

}  // namespace

TEST(LatencyHistogram, BucketWidthGivesAboutOnePercent) {
    // The widest bucket relative to its lower edge is the first of a binade: 1/64 of it.
    double half_bucket = 1.0 / (2.0 * LatencyHistogram::bins_per_binade);
    EXPECT_LE(half_bucket, LatencyHistogram::max_relative_error);
    EXPECT_LE(LatencyHistogram::max_relative_error, 0.01);
    EXPECT_GE(LatencyHistogram::highest_ms, 1e8);
    EXPECT_LE(LatencyHistogram::lowest_ms, 1e-3);
}

TEST(LatencyHistogram, ExponentialQuantilesWithinOnePercent) {
    boost::random::mt19937_64 rng(20240611);
    boost::random::exponential_distribution<double> exp_dist(1.0 / 10.0);  // mean 10 ms
    std::vector<double> sample(200000);
    // Shift by 1 ms so every value is in range: the claim under test is the bucket error.
    for (double& x : sample) x = 1.0 + exp_dist(rng);
    expect_quantiles_within_bucket_error(sample);
}

TEST(LatencyHistogram, LognormalQuantilesWithinOnePercent) {
    boost::random::mt19937_64 rng(7);
    // Median 20 ms, sigma 1.5: P99 near 650 ms, a heavy tail across several decades.
    boost::random::lognormal_distribution<double> logn(std::log(20.0), 1.5);
    std::vector<double> sample(200000);
    for (double& x : sample) x = logn(rng);
    expect_quantiles_within_bucket_error(sample);
}

TEST(LatencyHistogram, WholeRangeQuantilesWithinOnePercent) {
    boost::random::mt19937_64 rng(99);
    boost::random::uniform_real_distribution<double> exponent(-3.0, 8.0);
    std::vector<double> sample(100000);
    for (double& x : sample) x = std::min(std::pow(10.0, exponent(rng)), 0.999e8);
    expect_quantiles_within_bucket_error(sample);
}

TEST(LatencyHistogram, MeanAndSumAreExact) {
    boost::random::mt19937_64 rng(3);
    boost::random::exponential_distribution<double> exp_dist(1.0 / 0.1);
    LatencyHistogram h;
    std::vector<double> sample(1000000);
    for (double& x : sample) {
        x = exp_dist(rng);
        h.record(x);
    }
    // Reference: a long double sum is ~11 bits more precise than the double it checks.
    long double ref = 0;
    for (double x : sample) ref += x;
    EXPECT_EQ(h.count(), sample.size());
    EXPECT_NEAR(h.sum(), static_cast<double>(ref), 1e-12 * static_cast<double>(ref));
    EXPECT_NEAR(h.mean(), static_cast<double>(ref / sample.size()), 1e-12);
}

TEST(LatencyHistogram, ZerosReadBackAsExactZero) {
    LatencyHistogram h;
    for (int i = 0; i < 900; ++i) h.record(0.0);
    for (int i = 0; i < 100; ++i) h.record(5.0);
    EXPECT_EQ(h.count(), 1000u);
    EXPECT_EQ(h.underflow_count(), 900u);
    EXPECT_EQ(h.min(), 0.0);
    EXPECT_EQ(h.quantile(0.5), 0.0);
    EXPECT_EQ(h.quantile(0.9), 0.0);  // rank 900 is the last zero
    const double tolerance = 5.0 * LatencyHistogram::max_relative_error;
    EXPECT_NEAR(h.quantile(0.901), 5.0, tolerance);  // rank 901 is the first 5
    EXPECT_DOUBLE_EQ(h.mean(), 0.5);
    auto s = h.summary();
    EXPECT_EQ(s.at("p50").as_double(), 0.0);
    EXPECT_NEAR(s.at("p99").as_double(), 5.0, tolerance);
    EXPECT_EQ(s.at("max").as_double(), 5.0);
}

TEST(LatencyHistogram, BelowRangeCountsAsZeroAndClampsToMin) {
    LatencyHistogram h;
    h.record(0.0004);
    h.record(0.0004);
    h.record(2.0);
    EXPECT_EQ(h.underflow_count(), 2u);
    // Underflow reads as 0, clamped to the exact min: never below what was recorded.
    EXPECT_EQ(h.quantile(0.5), 0.0004);
    EXPECT_EQ(h.min(), 0.0004);
}

TEST(LatencyHistogram, NegativeAndNanCountAsZero) {
    LatencyHistogram h;
    h.record(-3.0);
    h.record(std::nan(""));
    EXPECT_EQ(h.count(), 2u);
    EXPECT_EQ(h.sum(), 0.0);
    EXPECT_EQ(h.max(), 0.0);
    EXPECT_EQ(h.underflow_count(), 2u);
}

TEST(LatencyHistogram, OverflowKeepsExactMax) {
    LatencyHistogram h;
    h.record(10.0);
    h.record(3e8);
    EXPECT_EQ(h.overflow_count(), 1u);
    EXPECT_EQ(h.max(), 3e8);
    EXPECT_EQ(h.quantile(0.99), 3e8);
    EXPECT_EQ(h.quantile(1.0), 3e8);
    EXPECT_NEAR(h.quantile(0.5), 10.0, 10.0 * LatencyHistogram::max_relative_error);
}

TEST(LatencyHistogram, MergeEqualsRecordingAll) {
    boost::random::mt19937_64 rng(11);
    boost::random::lognormal_distribution<double> logn(std::log(5.0), 1.0);
    LatencyHistogram all, a, b;
    for (int i = 0; i < 50000; ++i) {
        double x = i % 10 == 0 ? 0.0 : logn(rng);
        all.record(x);
        (i % 3 == 0 ? a : b).record(x);
    }
    a.merge(b);
    EXPECT_EQ(a.count(), all.count());
    EXPECT_EQ(a.underflow_count(), all.underflow_count());
    EXPECT_EQ(a.min(), all.min());
    EXPECT_EQ(a.max(), all.max());
    EXPECT_NEAR(a.sum(), all.sum(), 1e-12 * all.sum());
    for (double q : quantiles) EXPECT_EQ(a.quantile(q), all.quantile(q)) << "q=" << q;
}

TEST(LatencyHistogram, MergeIntoEmptyAndClear) {
    LatencyHistogram a, b;
    b.record(4.0);
    a.merge(b);
    EXPECT_EQ(a.count(), 1u);
    EXPECT_EQ(a.min(), 4.0);
    EXPECT_EQ(a.max(), 4.0);
    a.clear();
    EXPECT_EQ(a.count(), 0u);
    EXPECT_EQ(a.sum(), 0.0);
    EXPECT_EQ(a.quantile(0.5), 0.0);
    a.record(1.0);
    EXPECT_EQ(a.min(), 1.0);  // extremes restart after clear()
    EXPECT_EQ(a.max(), 1.0);
}

TEST(LatencyHistogram, EmptySummaryIsAllZero) {
    LatencyHistogram h;
    auto s = h.summary();
    for (const char* key : {"mean", "p50", "p90", "p95", "p99", "p999", "max"}) {
        ASSERT_TRUE(s.contains(key)) << key;
        EXPECT_EQ(s.at(key).as_double(), 0.0) << key;
    }
    EXPECT_EQ(s.size(), 7u);
    EXPECT_EQ(h.min(), 0.0);
    EXPECT_EQ(h.mean(), 0.0);
}

TEST(LatencyHistogram, SummaryRoundsHalfAwayFromZero) {
    LatencyHistogram h;
    h.record(0.0625);  // exactly representable; 62.5 thousandths is a true tie
    auto s = h.summary();
    EXPECT_EQ(s.at("max").as_double(), 0.063);  // half-to-even would give 0.062
    EXPECT_EQ(s.at("mean").as_double(), 0.063);
    EXPECT_EQ(s.at("p50").as_double(), 0.063);  // clamped to [min, max] = 0.0625
}

TEST(LatencyHistogram, QuantileOutsideUnitIntervalThrows) {
    LatencyHistogram h;
    h.record(1.0);
    EXPECT_THROW(h.quantile(-0.1), std::invalid_argument);
    EXPECT_THROW(h.quantile(1.5), std::invalid_argument);
    EXPECT_THROW(h.quantile(std::nan("")), std::invalid_argument);
}
