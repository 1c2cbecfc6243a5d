#pragma once
/// Latency percentiles from a log-bucketed histogram (HDR style, under 1% relative error).
///
/// Buckets are log-linear, as in HdrHistogram: each power of two (a binade) from
/// `lowest_ms` (2^-10 ms, about 1 us) to `highest_ms` (2^27 ms, about 37 hours) is cut into
/// `bins_per_binade` equal slices. The bucket of a value comes from the bits of the double
/// (exponent, then the top of the mantissa), so recording costs no logarithm: this runs
/// several times per simulated request. A quantile is answered with the midpoint of the
/// bucket that holds the true order statistic; a bucket is at most 1/64 of its lower edge
/// wide, so the relative error is at most 1/128 = `max_relative_error` (0.79%), whatever
/// the shape of the distribution. Below `lowest_ms` (exact zeros are common: zero-latency
/// hops) values go to an underflow count and read back as 0; above `highest_ms` they go to
/// an overflow count and read back as the exact maximum. Count, sum, min and max are
/// exact, so the mean never carries bucket error.
///
/// Memory: 2368 buckets + 2 flow counters of 8 bytes = 18,960 bytes of counts, allocated
/// once, at the first record(): a node that never sees a request (an idle service, a
/// client's job histograms when it sends plain requests) keeps only its ~130 bytes of
/// axis and summary state. After that record() never allocates (dense 64-bit counters,
/// unlike Boost's default adaptive storage, which grows its cell width on the fly).

// The parts of <boost/histogram.hpp> this class needs: the runtime includes this header
// everywhere it counts latency, and the umbrella header costs compile time.
#include <boost/histogram/axis/integer.hpp>
#include <boost/histogram/histogram.hpp>
#include <boost/histogram/storage_adaptor.hpp>
#include <boost/json/object.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <tuple>
#include <vector>

namespace flowlab::metrics {

class LatencyHistogram {
public:
    static constexpr int lowest_binade = -10;  ///< 2^-10 ms, about 1 us
    static constexpr int highest_binade = 27;  ///< 2^27 ms, about 37 hours
    static constexpr double lowest_ms = 1.0 / 1024.0;
    static constexpr double highest_ms = 134217728.0;
    static constexpr int bins_per_binade = 64;
    static constexpr int bins = (highest_binade - lowest_binade) * bins_per_binade;
    /// Worst relative error of quantile() for a value inside [lowest_ms, highest_ms): half
    /// a bucket over its lower edge, 1 / (2 * bins_per_binade) = 0.0078125, rounded up.
    static constexpr double max_relative_error = 0.0079;

    LatencyHistogram();

    /// Counts one latency. Negative and NaN values are caller bugs; they count as 0 so
    /// they cannot poison the sum.
    void record(double ms) noexcept {
        if (!(ms > 0.0)) ms = 0.0;
        ++count_;
        add_to_sum(ms);
        if (ms < min_) min_ = ms;
        if (ms > max_) max_ = ms;
        if (!hist_) [[unlikely]]
            make_counts();
        (*hist_)(bucket_of(ms));
    }

    std::uint64_t count() const { return count_; }
    /// Exact mean (exact sum / count); 0 when empty.
    double mean() const;
    /// Exact extremes; 0 when empty.
    double min() const { return count_ ? min_ : 0.0; }
    double max() const { return count_ ? max_ : 0.0; }
    /// Compensated (Neumaier) sum of everything recorded, in ms.
    double sum() const { return sum_ + sum_error_; }
    /// Values below lowest_ms (zeros included) and at or above highest_ms.
    std::uint64_t underflow_count() const;
    std::uint64_t overflow_count() const;

    /// The q-quantile by nearest rank: the k-th smallest value with k = ceil(q * count)
    /// (at least 1), estimated by its bucket's geometric midpoint and clamped to
    /// [min, max]. Underflow reads as 0 (then clamped), overflow as max. q = 0 gives min,
    /// q = 1 gives max, an empty histogram gives 0. Throws std::invalid_argument if q is
    /// outside [0, 1].
    double quantile(double q) const;

    /// Adds another histogram's samples (all histograms share one bucket layout).
    void merge(const LatencyHistogram& other);
    void clear();

    /// {"mean","p50","p90","p95","p99","p999","max"} in ms, each rounded half away from
    /// zero to 0.001; all 0 when empty.
    boost::json::object summary() const;

    /// The bucket of a value: its binade (the double's exponent) and the top 6 bits of
    /// its mantissa. -1 below lowest_ms (zeros included), `bins` at or above highest_ms.
    static int bucket_of(double ms) noexcept {
        if (!(ms > 0.0)) return -1;
        const auto bits = std::bit_cast<std::uint64_t>(ms);
        const int binade = static_cast<int>((bits >> 52) & 0x7ff) - 1023;
        if (binade < lowest_binade) return -1;
        if (binade >= highest_binade) return bins;
        return (binade - lowest_binade) * bins_per_binade + static_cast<int>((bits >> 46) & 63);
    }
    /// The midpoint of bucket `i`: buckets are linear inside a binade.
    static double bucket_middle(int i) noexcept {
        const int binade = lowest_binade + i / bins_per_binade;
        const double slice = (i % bins_per_binade + 0.5) / bins_per_binade;
        return std::ldexp(1.0 + slice, binade);
    }

private:
    static_assert(bins_per_binade == 64, "bucket_of reads 6 mantissa bits");
    // Boost.Histogram's integer axis over our own bucket index: a regular axis would
    // cost a division per record, and this runs several times per simulated request.
    using Axis = boost::histogram::axis::integer<int>;
    using Storage = boost::histogram::dense_storage<std::uint64_t>;
    using Histogram = boost::histogram::histogram<std::tuple<Axis>, Storage>;

    // Neumaier's compensated summation: a million 0.1 ms hops would otherwise drift in
    // the last digits, and the report prints the mean.
    void add_to_sum(double x) noexcept {
        double t = sum_ + x;
        if (std::fabs(sum_) >= std::fabs(x))
            sum_error_ += (sum_ - t) + x;
        else
            sum_error_ += (x - t) + sum_;
        sum_ = t;
    }

    /// Allocates the bucket counts (all zero): at the first record or merge.
    void make_counts();
    /// The count in bucket i (-1 underflow, `bins` overflow); 0 before the first record.
    std::uint64_t cell(int i) const { return hist_ ? hist_->at(i) : 0; }

    std::optional<Histogram> hist_;  // empty until something is recorded
    std::uint64_t count_ = 0;
    double sum_ = 0.0;
    double sum_error_ = 0.0;
    double min_ = std::numeric_limits<double>::infinity();
    double max_ = -std::numeric_limits<double>::infinity();
};

}  // namespace flowlab::metrics
