#pragma once
/// Closed-form queueing results that a lesson compares its measured figures against.
///
/// Notation: lambda is the arrival rate (per second), mu = 1 / mean service time, c the
/// number of servers (threads, connections), a = lambda / mu the offered load in Erlangs
/// and rho = a / c the utilization. M/M/c: Poisson arrivals, exponential service, c
/// servers, FCFS, unbounded waiting room. Invalid arguments (negative rates, c < 1, q
/// outside [0, 1], NaN) throw std::invalid_argument naming the function and the value.

#include <vector>

namespace flowlab::theory {

/// Erlang B: probability that an arrival finds all c servers busy in a loss system
/// (M/G/c/c, no waiting room). c >= 0, offered_erlangs >= 0.
double erlang_b(int c, double offered_erlangs);

/// Erlang C: probability that an arrival has to wait in M/M/c. 1 when a >= c (unstable:
/// eventually everyone waits). c >= 1.
double erlang_c(int c, double offered_erlangs);

/// Steady-state M/M/c figures. When unstable (rho >= 1) only `utilization` (= rho, may
/// exceed 1) is meaningful; p_wait is 1 and the means are +infinity.
struct MmcPrediction {
    bool stable = false;
    double utilization = 0.0;       ///< rho = lambda / (c mu): share of time a server is busy
    double p_wait = 0.0;            ///< Erlang C
    double mean_wait_ms = 0.0;      ///< Wq, time in the waiting room
    double mean_response_ms = 0.0;  ///< W = Wq + 1/mu
    double mean_in_system = 0.0;    ///< L = lambda W (Little)
    double mean_in_queue = 0.0;     ///< Lq = lambda Wq (Little)
};

/// M/M/c with arrival rate lambda_per_s and mean service time mean_service_ms (> 0).
MmcPrediction mmc(double lambda_per_s, double mean_service_ms, int c);

/// The q-quantile of the M/M/c FCFS response time (wait + service), in ms; q in [0, 1].
/// +infinity when unstable or q = 1. For c = 1 it equals the Exp(mu - lambda) quantile.
double mmc_response_quantile_ms(double lambda_per_s, double mean_service_ms, int c, double q);

/// The q-quantile of the M/M/c FCFS waiting time (before service starts), in ms; 0 when
/// q <= 1 - C (those arrivals found a free server).
double mmc_wait_quantile_ms(double lambda_per_s, double mean_service_ms, int c, double q);

/// Success probability of a request that needs every hop, when hops fail independently:
/// the product of the per-hop success probabilities (each in [0, 1]); 1 for no hops.
double chain_availability(const std::vector<double>& per_hop_success);

/// Little's law: mean number in the system L = lambda W (lambda per s, W in ms).
double littles_law_L(double lambda_per_s, double mean_time_ms);

}  // namespace flowlab::theory
