#include "flowlab/theory/queueing.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace flowlab::theory {

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

[[noreturn]] void invalid(const char* function, const char* what, double value) {
    throw std::invalid_argument(std::string(function) + ": " + what + ", got " +
                                std::to_string(value));
}

void check_mmc_args(const char* function, double lambda_per_s, double mean_service_ms, int c) {
    if (!(lambda_per_s >= 0.0) || std::isinf(lambda_per_s))
        invalid(function, "lambda_per_s must be a finite number >= 0", lambda_per_s);
    if (!(mean_service_ms > 0.0) || std::isinf(mean_service_ms))
        invalid(function, "mean_service_ms must be a finite number > 0", mean_service_ms);
    if (c < 1) invalid(function, "c must be >= 1", c);
}

void check_q(const char* function, double q) {
    if (!(q >= 0.0 && q <= 1.0)) invalid(function, "q must be in [0, 1]", q);
}

// The M/M/c parameters in per-ms units, so the quantiles come out in ms directly.
struct Rates {
    double mu;      ///< service rate of one server, per ms
    double theta;   ///< c mu - lambda: the rate at which a waiting arrival's wait decays
    double c_wait;  ///< Erlang C
};

Rates rates(double lambda_per_s, double mean_service_ms, int c) {
    double lambda = lambda_per_s / 1000.0;
    double mu = 1.0 / mean_service_ms;
    return {mu, c * mu - lambda, erlang_c(c, lambda / mu)};
}

// P(E_theta + E_mu > t) for independent exponentials (the hypoexponential tail):
// (theta e^{-mu t} - mu e^{-theta t}) / (theta - mu). Both terms stay bounded, so it never
// overflows; when theta and mu nearly coincide the division cancels badly, and the limit
// Erlang-2 tail e^{-mu t} (1 + mu t) is exact to O(theta - mu) instead.
double hypoexponential_tail(double theta, double mu, double t) {
    double d = theta - mu;
    if (std::fabs(d) <= 1e-7 * mu) {
        double r = 0.5 * (theta + mu);
        return std::exp(-r * t) * (1.0 + r * t);
    }
    return (theta * std::exp(-mu * t) - mu * std::exp(-theta * t)) / d;
}

}  // namespace

double erlang_b(int c, double offered_erlangs) {
    if (c < 0) invalid("erlang_b", "c must be >= 0", c);
    if (!(offered_erlangs >= 0.0) || std::isinf(offered_erlangs))
        invalid("erlang_b", "offered_erlangs must be a finite number >= 0", offered_erlangs);
    // B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)). Every step stays in [0, 1], unlike the
    // textbook ratio of a^c / c! to a partial exponential series, which overflows near c = 170.
    double b = 1.0;
    for (int k = 1; k <= c; ++k) b = offered_erlangs * b / (k + offered_erlangs * b);
    return b;
}

double erlang_c(int c, double offered_erlangs) {
    if (c < 1) invalid("erlang_c", "c must be >= 1", c);
    if (!(offered_erlangs >= 0.0) || std::isinf(offered_erlangs))
        invalid("erlang_c", "offered_erlangs must be a finite number >= 0", offered_erlangs);
    if (offered_erlangs >= c) return 1.0;
    // C = B / (1 - rho (1 - B)) with rho = a / c: the waiting system's "all busy"
    // probability follows from the loss system's by rescaling the states with a queue.
    double b = erlang_b(c, offered_erlangs);
    double rho = offered_erlangs / c;
    return b / (1.0 - rho * (1.0 - b));
}

MmcPrediction mmc(double lambda_per_s, double mean_service_ms, int c) {
    check_mmc_args("mmc", lambda_per_s, mean_service_ms, c);
    MmcPrediction p;
    double a = lambda_per_s * mean_service_ms / 1000.0;  // Erlangs: busy servers on average
    p.utilization = a / c;
    p.stable = a < c;
    if (!p.stable) {
        p.p_wait = 1.0;
        p.mean_wait_ms = p.mean_response_ms = p.mean_in_system = p.mean_in_queue = infinity;
        return p;
    }
    Rates r = rates(lambda_per_s, mean_service_ms, c);
    p.p_wait = r.c_wait;
    // A waiting arrival waits Exp(c mu - lambda) (all c servers drain the queue at c mu
    // while arrivals keep coming at lambda), so Wq = C / (c mu - lambda).
    p.mean_wait_ms = r.c_wait / r.theta;
    p.mean_response_ms = p.mean_wait_ms + mean_service_ms;
    p.mean_in_system = littles_law_L(lambda_per_s, p.mean_response_ms);
    p.mean_in_queue = littles_law_L(lambda_per_s, p.mean_wait_ms);
    return p;
}

double mmc_wait_quantile_ms(double lambda_per_s, double mean_service_ms, int c, double q) {
    check_mmc_args("mmc_wait_quantile_ms", lambda_per_s, mean_service_ms, c);
    check_q("mmc_wait_quantile_ms", q);
    if (lambda_per_s * mean_service_ms / 1000.0 >= c || q == 1.0) return infinity;
    Rates r = rates(lambda_per_s, mean_service_ms, c);
    // P(Wq > t) = C e^{-theta t}: an atom 1 - C at zero, then an exponential tail.
    if (q <= 1.0 - r.c_wait) return 0.0;
    return std::log(r.c_wait / (1.0 - q)) / r.theta;
}

double mmc_response_quantile_ms(double lambda_per_s, double mean_service_ms, int c, double q) {
    check_mmc_args("mmc_response_quantile_ms", lambda_per_s, mean_service_ms, c);
    check_q("mmc_response_quantile_ms", q);
    if (lambda_per_s * mean_service_ms / 1000.0 >= c || q == 1.0) return infinity;
    if (q == 0.0) return 0.0;
    Rates r = rates(lambda_per_s, mean_service_ms, c);
    // Under FCFS an arrival's wait does not depend on its own service time, so
    // T = Wq + S with S ~ Exp(mu), and P(T > t) mixes the two cases of Wq:
    //   no wait (prob 1 - C): e^{-mu t};  wait (prob C): hypoexponential(theta, mu) tail.
    // The tail is strictly decreasing in t, so bisection on it converges to the quantile.
    auto tail = [&](double t) {
        return (1.0 - r.c_wait) * std::exp(-r.mu * t) +
               r.c_wait * hypoexponential_tail(r.theta, r.mu, t);
    };
    double target = 1.0 - q;
    double lo = 0.0;
    double hi = 1.0 / r.mu + 1.0 / r.theta;  // the mean: a start, doubled until past q
    while (tail(hi) > target) {
        lo = hi;
        hi *= 2.0;
    }
    // 200 halvings reach the resolution of a double long before they run out.
    for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; ++i) {
        double mid = 0.5 * (lo + hi);
        (tail(mid) > target ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

double chain_availability(const std::vector<double>& per_hop_success) {
    double p = 1.0;
    for (double s : per_hop_success) {
        if (!(s >= 0.0 && s <= 1.0))
            invalid("chain_availability", "each per-hop success probability must be in [0, 1]", s);
        p *= s;
    }
    return p;
}

double littles_law_L(double lambda_per_s, double mean_time_ms) {
    return lambda_per_s * mean_time_ms / 1000.0;
}

}  // namespace flowlab::theory
