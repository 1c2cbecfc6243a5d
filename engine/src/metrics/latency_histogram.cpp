#include "flowlab/metrics/latency_histogram.hpp"
#include "flowlab/metrics/rounding.hpp"

#include <boost/histogram/make_histogram.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace flowlab::metrics {

LatencyHistogram::LatencyHistogram() = default;

void LatencyHistogram::make_counts() {
    hist_.emplace(boost::histogram::make_histogram_with(Storage(), Axis(0, bins)));
}

double LatencyHistogram::mean() const { return count_ ? sum() / static_cast<double>(count_) : 0.0; }

std::uint64_t LatencyHistogram::underflow_count() const { return cell(-1); }
std::uint64_t LatencyHistogram::overflow_count() const { return cell(bins); }

double LatencyHistogram::quantile(double q) const {
    if (!(q >= 0.0 && q <= 1.0))
        throw std::invalid_argument("LatencyHistogram::quantile: q must be in [0, 1], got " +
                                    std::to_string(q));
    if (count_ == 0) return 0.0;
    if (q == 0.0) return min_;
    if (q == 1.0) return max_;

    // Nearest rank. q * n is computed in floating point: 0.99 * 1000 may come out a hair
    // above 990, and ceil would then pick the 991st value; the relative slack absorbs it.
    double target = q * static_cast<double>(count_);
    auto rank = static_cast<std::uint64_t>(std::ceil(target - target * 1e-12));
    rank = std::clamp<std::uint64_t>(rank, 1, count_);

    auto clamp = [this](double v) { return std::clamp(v, min_, max_); };
    std::uint64_t seen = cell(-1);
    if (rank <= seen) return clamp(0.0);
    for (int i = 0; i < bins; ++i) {
        seen += cell(i);
        // The middle of the bucket halves the worst relative error of either edge.
        if (rank <= seen) return clamp(bucket_middle(i));
    }
    return max_;  // overflow: max is the only exact figure there
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
    // Cell by cell (flow bins included) rather than histogram::operator+=, whose overload
    // for identical types drags in the axis-merging code path: same result, no allocation.
    if (other.hist_) {
        if (!hist_) make_counts();
        for (int i = -1; i <= bins; ++i) hist_->at(i) += other.hist_->at(i);
    }
    count_ += other.count_;
    add_to_sum(other.sum_);
    add_to_sum(other.sum_error_);
    min_ = std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
}

void LatencyHistogram::clear() {
    if (hist_) hist_->reset();  // keeps the counts allocated: they will be needed again
    count_ = 0;
    sum_ = 0.0;
    sum_error_ = 0.0;
    min_ = std::numeric_limits<double>::infinity();
    max_ = -std::numeric_limits<double>::infinity();
}

boost::json::object LatencyHistogram::summary() const {
    boost::json::object o;
    o["mean"] = round_to(mean(), 3);
    o["p50"] = round_to(quantile(0.50), 3);
    o["p90"] = round_to(quantile(0.90), 3);
    o["p95"] = round_to(quantile(0.95), 3);
    o["p99"] = round_to(quantile(0.99), 3);
    o["p999"] = round_to(quantile(0.999), 3);
    o["max"] = round_to(max(), 3);
    return o;
}

}  // namespace flowlab::metrics
