#pragma once
/// Closed forms for the two nodes that stand in front of a server: an LRU cache under
/// independent requests (Che's approximation) and a token bucket under Poisson arrivals
/// (an exact M/D/1/K equivalence). Invalid arguments throw std::invalid_argument.

#include <cstdint>
#include <vector>

namespace flowlab::theory {

/// Each key's share of requests under Zipf(s) over `keys` keys: rank k weighs k^-s
/// (s = 0 is uniform). Sums to 1; key 0 is the most popular.
std::vector<double> zipf_popularity(std::int64_t keys, double s);

/// Che's approximation of an LRU cache of `capacity` entries under the independent
/// reference model (each request asks for key i with probability q_i, independently).
/// A key stays held for the characteristic time t_C after its last request, t_C solving
/// sum_i (1 - exp(-q_i t_C)) = capacity (measured in requests, so the arrival timing
/// does not matter), and the hit ratio is sum_i q_i (1 - exp(-q_i t_C)). Very accurate
/// for caches of tens of entries and more (Fricker, Robert and Roberts 2012 explain why;
/// tests/engine/theory_cache_test.cpp measures the error); exact when everything fits.
struct LruPrediction {
    double hit_ratio = 0.0;
    double characteristic_requests = 0.0;  ///< t_C in requests (+inf when everything fits)
};
LruPrediction che_lru(const std::vector<double>& popularity, double capacity);

/// A cache that never evicts (it holds every key) whose entries expire `ttl_s` after they
/// were stored by a miss (a hit does not renew them), with key i requested as a Poisson
/// process of rate popularity[i] * lambda_per_s: each miss starts a cycle of one miss and
/// on average lambda_i ttl hits, so the hit ratio is sum_i q_i (lambda_i ttl / (1 + lambda_i ttl)).
double ttl_hit_ratio(const std::vector<double>& popularity, double lambda_per_s, double ttl_s);

/// A token bucket (refill `rate_per_s`, `burst` tokens, one per request) fed by Poisson
/// arrivals of rate lambda_per_s. The bucket's deficit (burst - tokens) is the workload
/// of an M/D/1/K queue with K = burst and service time 1/rate: a request is admitted
/// exactly when that queue would admit a customer. The blocking probability follows from
/// the departure-epoch chain of M/D/1/K (solved by its level-crossing recursion, which
/// adds positive terms only) and PASTA: admitted rate = lambda / (pi_0 + rho).
struct TokenBucketPrediction {
    bool exact = false;                 ///< false: the recursion was too long; only the fluid limit
    double accepted_per_s = 0.0;        ///< exact long-run admitted rate (when `exact`)
    double rejected_ratio = 0.0;        ///< share of requests answered 429 (when `exact`)
    double fluid_accepted_per_s = 0.0;  ///< min(lambda, rate): the burst-free fluid limit
};
TokenBucketPrediction token_bucket(double lambda_per_s, double rate_per_s, std::int64_t burst);

}  // namespace flowlab::theory
