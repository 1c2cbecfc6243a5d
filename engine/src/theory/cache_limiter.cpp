#include "flowlab/theory/cache_limiter.hpp"

#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/tools/toms748_solve.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace flowlab::theory {

namespace {
void require(bool ok, const char* function, const std::string& what) {
    if (!ok) throw std::invalid_argument(std::string(function) + ": " + what);
}
}  // namespace

std::vector<double> zipf_popularity(std::int64_t keys, double s) {
    require(keys >= 1 && s >= 0 && std::isfinite(s), "zipf_popularity",
            "needs keys >= 1 and a finite s >= 0");
    std::vector<double> q(static_cast<std::size_t>(keys));
    double sum = 0;
    for (std::size_t k = 0; k < q.size(); ++k) sum += q[k] = std::pow(double(k + 1), -s);
    for (double& x : q) x /= sum;
    return q;
}

LruPrediction che_lru(const std::vector<double>& q, double capacity) {
    require(capacity >= 1 && !q.empty(), "che_lru", "needs capacity >= 1 and keys");
    if (capacity >= static_cast<double>(q.size()))
        return {1.0, std::numeric_limits<double>::infinity()};
    // Entries held after t requests with no repeat: increasing from 0 to N > capacity.
    auto excess = [&](double t) {
        double held = 0;
        for (double qi : q) held -= std::expm1(-qi * t);
        return held - capacity;
    };
    double hi = capacity;
    while (excess(hi) < 0) hi *= 2;
    std::uintmax_t iterations = 200;
    // Stop at 1e-12 relative: far below the approximation's own error.
    auto tolerance = [](double a, double b) { return std::abs(b - a) <= 1e-12 * b; };
    const auto [lo_t, hi_t] = boost::math::tools::toms748_solve(excess, 0.0, hi, -capacity,
                                                                excess(hi), tolerance, iterations);
    const double t = 0.5 * (lo_t + hi_t);
    double hit = 0;
    for (double qi : q) hit -= qi * std::expm1(-qi * t);
    return {hit, t};
}

double ttl_hit_ratio(const std::vector<double>& q, double lambda_per_s, double ttl_s) {
    require(lambda_per_s > 0 && ttl_s > 0, "ttl_hit_ratio", "needs lambda > 0 and ttl > 0");
    double hit = 0;
    for (double qi : q) {
        const double hits_per_miss = qi * lambda_per_s * ttl_s;
        hit += qi * hits_per_miss / (1 + hits_per_miss);
    }
    return hit;
}

TokenBucketPrediction token_bucket(double lambda, double rate, std::int64_t burst) {
    require(lambda > 0 && rate > 0 && burst >= 1, "token_bucket",
            "needs lambda > 0, rate > 0 and burst >= 1");
    TokenBucketPrediction p;
    p.fluid_accepted_per_s = std::min(lambda, rate);
    const double rho = lambda / rate;
    // O(K^2): past this many states give the fluid limit alone rather than stall a report.
    constexpr std::int64_t max_states = 4000;
    // pi[j]: departures leaving j behind, unnormalised (pi[0] = 1). Level crossing between
    // j-1 and j: pi[j] a_0 = pi[0] P(A > j-1) + sum_{i=1}^{j-1} pi[i] P(A > j-i), with A the
    // arrivals during one service (Poisson, mean rho).
    auto tail = [rho](std::int64_t m) { return boost::math::gamma_p(double(m + 1), rho); };
    const double a0 = std::exp(-rho);
    std::vector<double> tails{tail(0)};
    std::vector<double> pi{1.0};
    double sum = 1.0;
    for (std::int64_t j = 1; j < burst; ++j) {
        if (j >= max_states) return p;
        tails.push_back(tail(j));
        double up = pi[0] * tails[static_cast<std::size_t>(j - 1)];
        for (std::int64_t i = 1; i < j; ++i)
            up += pi[static_cast<std::size_t>(i)] * tails[static_cast<std::size_t>(j - i)];
        pi.push_back(up / a0);
        sum += pi.back();
        if (sum > 1e200) {  // growing geometrically (rho > 1): rescale, the ratios are kept
            for (double& x : pi) x /= sum;
            sum = 1.0;
        }
        // Converged: further states change pi[0] / sum, or its weight beside rho, by less
        // than a double can show (rho < 1: the states fade; rho > 1: pi[0] does).
        if ((pi.back() < 1e-18 * sum && tails.back() < 1e-18) || pi[0] < 1e-17 * rho * sum) break;
    }
    const double pi0 = pi[0] / sum;
    p.exact = true;
    p.accepted_per_s = lambda / (pi0 + rho);
    p.rejected_ratio = 1.0 - 1.0 / (pi0 + rho);
    return p;
}

}  // namespace flowlab::theory
