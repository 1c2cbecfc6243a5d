#pragma once
/// Upper bounds on quantiles of sums of independent times, some of which are queueing
/// waits, computed numerically with every approximation on the safe side.
///
/// Method (docs/engine-semantics.md, "Theory"): each term's law is put on a grid of
/// step h by rounding every value UP to the next grid point (so the grid variable is
/// never smaller than the true one), the grid laws are convolved, and mass that falls
/// past the grid's end is treated as infinitely late. The smallest grid point where the
/// resulting distribution function reaches q is therefore >= the true q-quantile of the
/// sum. An M/G/1 wait enters through the Pollaczek-Khinchine (Benes) series
///     P(W <= x) = (1 - rho) sum_k rho^k R^{*k}(x),
/// R the equilibrium (residual) law of the work, density (1 - F(x)) / E[S], which the
/// grid solves as W = 0 with probability 1 - rho, else R + W' (R rounded up as well).
/// An M/M/c wait is exact: an atom 1 - C at 0, then C e^{-theta t}.

#include <optional>
#include <vector>

#include "flowlab/model/scenario.hpp"

namespace flowlab::theory {

/// E[X^2] of a work or network time, in ms^2.
double second_moment_ms2(const model::Distribution& d);

/// P(X <= x) of a work or network time.
double cdf(const model::Distribution& d, double x_ms);

/// E[min(X, x)] in ms: the integral of P(X > t) from 0 to x, the residual law's
/// distribution function times E[X].
double mean_min_ms(const model::Distribution& d, double x_ms);

/// Pollaczek-Khinchine: the mean wait before service in M/G/1 (FCFS), in ms,
///   Wq = lambda E[S^2] / (2 (1 - rho)),  rho = lambda E[S].
/// +infinity when rho >= 1. lambda_per_s >= 0; the work's mean must be > 0.
double mg1_mean_wait_ms(double lambda_per_s, const model::Distribution& work);

/// One independent term of a sum.
struct TimeTerm {
    enum class Kind {
        draw,      ///< a fresh draw of `time` (work, network latency, an ack)
        mg1_wait,  ///< the FCFS wait of a Poisson(lambda) arrival at one server with `time` work
        mmc_wait,  ///< the FCFS wait in M/M/c: exponential work of mean time.a, c servers
    };
    Kind kind = Kind::draw;
    model::Distribution time;
    double lambda_per_s = 0.0;
    int c = 1;

    static TimeTerm draw(const model::Distribution& d) { return {Kind::draw, d, 0.0, 1}; }
    static TimeTerm mg1_wait(double lambda_per_s, const model::Distribution& work) {
        return {Kind::mg1_wait, work, lambda_per_s, 1};
    }
    static TimeTerm mmc_wait(double lambda_per_s, double mean_work_ms, int c) {
        return {Kind::mmc_wait, model::Distribution::exponential(mean_work_ms), lambda_per_s, c};
    }
};

/// A number >= the q-quantile (0 < q < 1) of the sum of the independent `terms`, in ms:
/// within a few percent of it (the grid's step). nullopt when a wait has no steady
/// state (load at or above its servers) or the sum has no finite q-quantile.
/// Results are remembered, so asking again for the same sum costs a lookup.
std::optional<double> sum_quantile_bound_ms(const std::vector<TimeTerm>& terms, double q);

}  // namespace flowlab::theory
