#pragma once
/// Random streams and duration sampling.
///
/// Every node (and every edge) owns its own stream, seeded from the run seed and its
/// own id, so adding a node or an edge leaves the draws of all the others unchanged:
/// a sync and an async variant of one system see the same arrivals. Only Boost.Random
/// is used: std:: distributions differ between standard libraries.

#include <boost/random/mersenne_twister.hpp>

#include <cstdint>
#include <string_view>

#include "flowlab/kernel/sim_time.hpp"
#include "flowlab/model/scenario.hpp"

namespace flowlab::kernel {

using Engine = boost::random::mt19937_64;

/// A stable 64-bit hash of a name (FNV-1a), identical on every platform.
std::uint64_t stable_hash(std::string_view name);

/// The stream for the entity named `name` (a node id, or "from->to" for an edge).
Engine make_stream(std::uint64_t run_seed, std::string_view name);

/// Uniform in [0, 1).
double uniform01(Engine& rng);

/// True with probability p.
inline bool bernoulli(Engine& rng, double p) { return p > 0.0 && (p >= 1.0 || uniform01(rng) < p); }

/// Exponential with the given mean (same units out as in).
double exponential(Engine& rng, double mean);

/// A draw of `d` in milliseconds (never negative).
double sample_ms(const model::Distribution& d, Engine& rng);

/// A draw of `d` as virtual time. Constant distributions draw nothing from `rng`.
inline SimTime sample(const model::Distribution& d, Engine& rng) {
    if (d.kind == model::Distribution::Kind::constant) return from_ms(d.a);  // the common case
    return from_ms(sample_ms(d, rng));
}

}  // namespace flowlab::kernel
