#pragma once
// Drawing a scenario's durations (work, latency, ack time) from a node's or an edge's
// random stream. Lives in the runtime: the kernel knows streams, not the model's
// distributions.

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

}  // namespace flowlab::runtime
