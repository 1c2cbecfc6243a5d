#pragma once
/// Random streams.
///
/// Every node (and every edge) owns its own stream, seeded from the run seed and its
/// own id, so adding a node or an edge leaves the draws of all the others unchanged:
/// a sync and an async variant of one system see the same arrivals. Only Boost.Random
/// is used: std:: distributions differ between standard libraries.

#include <boost/random/mersenne_twister.hpp>

#include <cstdint>
#include <memory>
#include <string_view>

namespace flowlab::kernel {

/// One entity's random stream (a node's, an edge's).
using RandomStream = boost::random::mt19937_64;

/// A stable 64-bit hash of a name (FNV-1a), identical on every platform.
std::uint64_t stable_hash(std::string_view name);

/// The stream for the entity named `name` (a node id, or "from->to" for an edge).
RandomStream make_stream(std::uint64_t run_seed, std::string_view name);

/// A stream whose generator (2.5 KB of Mersenne Twister state) is made at its first
/// draw: a node or an edge that never draws (an idle service, a queue) costs 16 bytes,
/// not 2.5 KB. Its draws are those of make_stream's stream for the same name.
class LazyStream {
public:
    LazyStream() = default;
    LazyStream(std::uint64_t run_seed, std::string_view name);
    LazyStream(const LazyStream& other) { *this = other; }
    LazyStream& operator=(const LazyStream& other);
    LazyStream(LazyStream&&) noexcept = default;
    LazyStream& operator=(LazyStream&&) noexcept = default;

    /// The generator, made on first use: passes wherever a RandomStream& is taken.
    operator RandomStream&() { return engine_ ? *engine_ : make(); }

private:
    RandomStream& make();

    std::uint64_t seed_ = 0;
    std::unique_ptr<RandomStream> engine_;
};

/// Uniform in [0, 1).
double uniform01(RandomStream& rng);

/// True with probability p.
inline bool bernoulli(RandomStream& rng, double p) {
    return p > 0.0 && (p >= 1.0 || uniform01(rng) < p);
}

/// Exponential with the given mean (same units out as in).
double exponential(RandomStream& rng, double mean);

/// Uniform in [lo, hi); `lo` when the range is empty (a degenerate distribution).
double uniform(RandomStream& rng, double lo, double hi);

/// Lognormal with the given median and log-space sigma.
double lognormal(RandomStream& rng, double median, double sigma);

}  // namespace flowlab::kernel
