#include "flowlab/theory/quantile_bound.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <mutex>
#include <string>

#include "flowlab/theory/queueing.hpp"

namespace flowlab::theory {

using model::Distribution;
using Kind = Distribution::Kind;

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

/// A lognormal with sigma 0 (P99 not above the median) or median 0 is the constant it
/// samples as (runtime/sampling.cpp).
bool degenerate_lognormal(const Distribution& d) {
    return d.kind == Kind::lognormal && (d.a <= 0 || d.lognormal_sigma() == 0.0);
}
double constant_value(const Distribution& d) {
    return d.kind == Kind::lognormal ? std::max(0.0, d.a) : d.a;
}

}  // namespace

double second_moment_ms2(const Distribution& d) {
    if (degenerate_lognormal(d)) return constant_value(d) * constant_value(d);
    switch (d.kind) {
        case Kind::constant: return d.a * d.a;
        case Kind::exponential: return 2.0 * d.a * d.a;
        case Kind::uniform: return (d.a * d.a + d.a * d.b + d.b * d.b) / 3.0;
        case Kind::lognormal: {
            double s = d.lognormal_sigma();
            return d.a * d.a * std::exp(2.0 * s * s);
        }
    }
    return 0.0;
}

double cdf(const Distribution& d, double x) {
    if (d.kind == Kind::constant || degenerate_lognormal(d) ||
        (d.kind == Kind::uniform && d.b <= d.a))
        return x >= constant_value(d) ? 1.0 : 0.0;
    if (x <= 0) return d.kind == Kind::exponential && d.a <= 0 ? 1.0 : 0.0;
    switch (d.kind) {
        case Kind::exponential: return d.a > 0 ? -std::expm1(-x / d.a) : 1.0;
        case Kind::uniform: return std::clamp((x - d.a) / (d.b - d.a), 0.0, 1.0);
        case Kind::lognormal:
            return normal_cdf((std::log(x) - std::log(d.a)) / d.lognormal_sigma());
        case Kind::constant: break;
    }
    return 1.0;
}

double mean_min_ms(const Distribution& d, double x) {
    if (x <= 0) return 0.0;
    if (d.kind == Kind::constant || degenerate_lognormal(d) ||
        (d.kind == Kind::uniform && d.b <= d.a))
        return std::min(constant_value(d), x);
    switch (d.kind) {
        case Kind::exponential: return d.a > 0 ? -d.a * std::expm1(-x / d.a) : 0.0;
        case Kind::uniform:
            if (x <= d.a) return x;
            if (x >= d.b) return 0.5 * (d.a + d.b);
            return x - (x - d.a) * (x - d.a) / (2.0 * (d.b - d.a));
        case Kind::lognormal: {
            // E[min(S, x)] = E[S; S <= x] + x P(S > x), both in closed form.
            double s = d.lognormal_sigma(), z = (std::log(x) - std::log(d.a)) / s;
            return d.mean_ms() * normal_cdf(z - s) + x * normal_cdf(-z);
        }
        case Kind::constant: break;
    }
    return 0.0;
}

double mg1_mean_wait_ms(double lambda_per_s, const Distribution& work) {
    double lambda = lambda_per_s / 1000.0;  // per ms
    double rho = lambda * work.mean_ms();
    if (rho >= 1.0) return infinity;
    return lambda * second_moment_ms2(work) / (2.0 * (1.0 - rho));
}

namespace {

/// A law on the grid {0, h, 2h, ..., n h}: p[j] is the mass at j h; what is missing from
/// 1 lies past the end, and counts as infinitely late.
using GridLaw = std::vector<double>;

constexpr std::size_t grid_cells = 4096;

/// X rounded up to the grid: mass of ((j-1) h, j h] at j h.
GridLaw draw_law(const Distribution& d, double h) {
    GridLaw p(grid_cells + 1, 0.0);
    double below = cdf(d, 0.0);
    p[0] = below;
    for (std::size_t j = 1; j <= grid_cells; ++j) {
        double upto = cdf(d, static_cast<double>(j) * h);
        p[j] = std::max(0.0, upto - below);
        below = upto;
    }
    return p;
}

/// The M/G/1 wait, from the residual law R rounded up: W = 0 with probability 1 - rho,
/// else R + W'. R > 0 almost surely, so each cell depends only on cells below it.
GridLaw mg1_wait_law(double lambda_per_s, const Distribution& work, double h) {
    const double mean = work.mean_ms();
    const double rho = lambda_per_s / 1000.0 * mean;
    std::vector<double> r(grid_cells + 1, 0.0);
    double below = 0.0;
    for (std::size_t j = 1; j <= grid_cells; ++j) {
        double upto = mean_min_ms(work, static_cast<double>(j) * h) / mean;
        r[j] = std::max(0.0, upto - below);
        below = upto;
    }
    GridLaw w(grid_cells + 1, 0.0);
    w[0] = 1.0 - rho;
    for (std::size_t n = 1; n <= grid_cells; ++n) {
        double sum = 0.0;
        for (std::size_t j = 1; j <= n; ++j) sum += r[j] * w[n - j];
        w[n] = rho * sum;
    }
    return w;
}

/// The M/M/c wait: an atom 1 - C at 0, then C e^{-theta t}, rounded up.
GridLaw mmc_wait_law(double lambda_per_s, double mean_ms, int c, double h) {
    const double lambda = lambda_per_s / 1000.0;
    const double theta = c / mean_ms - lambda;
    const double waits = erlang_c(c, lambda * mean_ms);
    GridLaw w(grid_cells + 1, 0.0);
    w[0] = 1.0 - waits;
    for (std::size_t j = 1; j <= grid_cells; ++j)
        w[j] = waits * (std::exp(-theta * static_cast<double>(j - 1) * h) -
                        std::exp(-theta * static_cast<double>(j) * h));
    return w;
}

std::size_t nonzero(const GridLaw& p) {
    return static_cast<std::size_t>(
        std::count_if(p.begin(), p.end(), [](double x) { return x != 0.0; }));
}

/// The law of the sum of two independent grid laws, cut at the grid's end.
GridLaw convolve(const GridLaw& x, const GridLaw& y) {
    const bool x_sparser = nonzero(x) <= nonzero(y);
    const GridLaw& a = x_sparser ? x : y;
    const GridLaw& b = x_sparser ? y : x;
    GridLaw out(grid_cells + 1, 0.0);
    for (std::size_t i = 0; i <= grid_cells; ++i) {
        if (a[i] == 0.0) continue;  // constants and short laws touch few cells
        for (std::size_t k = 0; i + k <= grid_cells; ++k) out[i + k] += a[i] * b[k];
    }
    return out;
}

bool stable(const TimeTerm& t) {
    const double load = t.lambda_per_s / 1000.0 * t.time.mean_ms();
    switch (t.kind) {
        case TimeTerm::Kind::draw: return true;
        case TimeTerm::Kind::mg1_wait: return t.time.mean_ms() > 0 && load < 1.0;
        case TimeTerm::Kind::mmc_wait: return t.time.a > 0 && t.c >= 1 && load < t.c;
    }
    return false;
}

GridLaw term_law(const TimeTerm& t, double h) {
    switch (t.kind) {
        case TimeTerm::Kind::draw: return draw_law(t.time, h);
        case TimeTerm::Kind::mg1_wait: return mg1_wait_law(t.lambda_per_s, t.time, h);
        case TimeTerm::Kind::mmc_wait: return mmc_wait_law(t.lambda_per_s, t.time.a, t.c, h);
    }
    return {};
}

/// A first guess at where the sum's q-quantile lies, so the grid covers it with room.
double scale_guess_ms(const TimeTerm& t, double q) {
    const double q_term = 1.0 - (1.0 - q) / 8.0;
    switch (t.kind) {
        case TimeTerm::Kind::draw: return t.time.quantile_ms(q_term);
        case TimeTerm::Kind::mg1_wait:
            return 3.0 * mg1_mean_wait_ms(t.lambda_per_s, t.time) * std::log(1.0 / (1.0 - q)) +
                   2.0 * t.time.quantile_ms(q_term);
        case TimeTerm::Kind::mmc_wait:
            return mmc_wait_quantile_ms(t.lambda_per_s, t.time.a, t.c, q_term);
    }
    return 0.0;
}

/// The smallest grid point where the sum's distribution function reaches q, if any.
std::optional<std::size_t> grid_quantile(const std::vector<TimeTerm>& terms, double q, double h) {
    GridLaw sum(grid_cells + 1, 0.0);
    sum[0] = 1.0;
    for (const TimeTerm& t : terms) sum = convolve(term_law(t, h), sum);
    double cumulative = 0.0;
    // A margin far above the rounding error of the sums, so rounding never lets the
    // distribution function reach q a cell early.
    const double target = q + 1e-9;
    for (std::size_t j = 0; j <= grid_cells; ++j) {
        cumulative += sum[j];
        if (cumulative >= target) return j;
    }
    return std::nullopt;
}

std::optional<double> compute(const std::vector<TimeTerm>& terms, double q) {
    for (const TimeTerm& t : terms)
        if (!stable(t)) return std::nullopt;
    double span = 0.0;
    for (const TimeTerm& t : terms) span += scale_guess_ms(t, q);
    if (!(span > 0.0)) return 0.0;  // every term is 0
    span *= 2.0;
    // Widen until the grid holds the quantile (a guess can be short for heavy tails),
    // then narrow once so it sits in the grid's upper half: the rounding-up error is a
    // few cells, a small share of the answer.
    for (int widen = 0; widen < 8; ++widen, span *= 4.0) {
        double h = span / static_cast<double>(grid_cells);
        auto j = grid_quantile(terms, q, h);
        if (!j) continue;
        double bound = static_cast<double>(*j) * h;
        if (*j < grid_cells / 2 && *j > 0) {
            double finer = 1.5 * bound / static_cast<double>(grid_cells);
            if (auto k = grid_quantile(terms, q, finer))
                bound = std::min(bound, static_cast<double>(*k) * finer);
        }
        return bound;
    }
    return std::nullopt;
}

std::string cache_key(const std::vector<TimeTerm>& terms, double q) {
    std::string key;
    char buf[160];
    std::snprintf(buf, sizeof buf, "%a", q);
    key += buf;
    for (const TimeTerm& t : terms) {
        std::snprintf(buf, sizeof buf, "|%d,%d,%a,%a,%a,%d", static_cast<int>(t.kind),
                      static_cast<int>(t.time.kind), t.time.a, t.time.b, t.lambda_per_s, t.c);
        key += buf;
    }
    return key;
}

}  // namespace

std::optional<double> sum_quantile_bound_ms(const std::vector<TimeTerm>& all_terms, double q) {
    // Zero-latency links add nothing; leaving them out lets equal sums share one result.
    std::vector<TimeTerm> terms;
    for (const TimeTerm& t : all_terms)
        if (t.kind != TimeTerm::Kind::draw || cdf(t.time, 0.0) < 1.0) terms.push_back(t);
    // A live run builds a report (and so these predictions) every frame; the grid costs
    // milliseconds, so each distinct sum is computed once per process.
    static std::mutex mutex;
    static std::map<std::string, std::optional<double>> cache;
    const std::string key = cache_key(terms, q);
    {
        std::lock_guard lock(mutex);
        if (auto it = cache.find(key); it != cache.end()) return it->second;
    }
    std::optional<double> result = compute(terms, q);
    std::lock_guard lock(mutex);
    if (cache.size() >= 256) cache.clear();  // live edits can try many variants
    cache.emplace(key, result);
    return result;
}

}  // namespace flowlab::theory
