#pragma once
// Drawing a scenario's durations (work, latency, ack time) from a node's or an edge's
// random stream. Lives in the runtime: the kernel knows streams, not the model's
// distributions.

#include <cmath>

#include "flowlab/kernel/random.hpp"
#include "flowlab/kernel/sim_time.hpp"
#include "flowlab/model/scenario.hpp"

namespace flowlab::runtime {

/// A draw of `d` in milliseconds (never negative).
double sample_ms(const model::Distribution& d, kernel::RandomStream& rng);

/// A draw of `d` as virtual time. Constant distributions draw nothing from `rng`.
inline kernel::SimTime sample(const model::Distribution& d, kernel::RandomStream& rng) {
    if (d.kind == model::Distribution::Kind::constant)
        return kernel::from_ms(d.a);  // the common case
    return kernel::from_ms(sample_ms(d, rng));
}

/// The wait before retrying after failed attempt `attempt` (1-based) of an edge's retry
/// policy: exponential backoff; with jitter the wait is drawn uniformly below it ("full
/// jitter"), which spreads retries so they do not arrive in synchronized waves.
inline double retry_backoff_ms(const model::EdgeRetry& retry, std::uint32_t attempt,
                               kernel::RandomStream& rng) {
    double ms = retry.backoff_ms * std::pow(retry.multiplier, static_cast<double>(attempt - 1));
    if (retry.jitter) ms *= kernel::uniform01(rng);
    return ms;
}

}  // namespace flowlab::runtime
