#pragma once
/// Means over replications and their 95% confidence intervals (Student's t), the one
/// implementation behind `sweep`, `compare --replications` and `check`.
///
/// Replications of a run differ only in their seed, so their figures are independent
/// draws of the same quantity; with n of them the interval is mean +- t(0.975, n-1) *
/// s / sqrt(n), s the sample standard deviation.

#include <cstddef>
#include <optional>
#include <vector>

namespace flowlab::metrics {

/// Student's t quantile for a two-sided 95% interval from `n` >= 2 samples (n-1
/// degrees of freedom): 12.706 for n = 2, 2.776 for n = 5, towards 1.96 for large n.
double t_975(std::size_t n);

struct MeanCi {
    double mean = 0;
    std::optional<double> half_width;  ///< nullopt with fewer than two samples
};

/// The mean of `xs` (0 when empty) and the half-width of its 95% interval.
MeanCi mean_ci95(const std::vector<double>& xs);

}  // namespace flowlab::metrics
