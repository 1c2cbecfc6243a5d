#include "flowlab/metrics/confidence.hpp"

#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <stdexcept>

namespace flowlab::metrics {

double t_975(std::size_t n) {
    if (n < 2) throw std::invalid_argument("t_975: a confidence interval needs two samples");
    boost::math::students_t dist(static_cast<double>(n - 1));
    return boost::math::quantile(boost::math::complement(dist, 0.025));
}

MeanCi mean_ci95(const std::vector<double>& xs) {
    MeanCi out;
    if (xs.empty()) return out;
    double sum = 0;
    for (double x : xs) sum += x;
    out.mean = sum / static_cast<double>(xs.size());
    if (xs.size() < 2) return out;
    double ss = 0;
    for (double x : xs) ss += (x - out.mean) * (x - out.mean);
    const double sd = std::sqrt(ss / static_cast<double>(xs.size() - 1));
    out.half_width = t_975(xs.size()) * sd / std::sqrt(static_cast<double>(xs.size()));
    return out;
}

}  // namespace flowlab::metrics
