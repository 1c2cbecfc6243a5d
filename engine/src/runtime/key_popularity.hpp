#pragma once
// Which key a request to a cache asks for: independent draws (the independent reference
// model) from Zipf(s) over N keys, or uniformly. Key 0 is the most popular.

#include <cstdint>
#include <vector>

#include "flowlab/kernel/random.hpp"
#include "flowlab/model/scenario.hpp"

namespace flowlab::runtime {

class KeyPopularity {
public:
    /// Set from a cache node's keys, popularity and zipf_s (again after a live edit).
    void configure(const model::Node& cache);
    std::uint32_t draw(kernel::RandomStream& rng) const;

private:
    std::int64_t keys_ = 1;
    /// Zipf: cumulative weights of ranks 1..N, normalised (empty for uniform).
    std::vector<double> cdf_;
    model::Popularity popularity_ = model::Popularity::uniform;
    double s_ = -1;
};

}  // namespace flowlab::runtime
