#pragma once
// The client's P99 bound: a number the P99 of its latency provably does not exceed,
// queueing included, or the reason none is given.

#include <optional>
#include <string>

#include "theory/topology.hpp"

namespace flowlab::theory {

struct ClientBound {
    std::optional<double> p99_ms;
    std::string why_not;  ///< when there is no bound
};

/// See predict.hpp ("p99_bound_ms") for when it applies.
ClientBound client_p99_bound(const Topology& t, std::size_t client);

}  // namespace flowlab::theory
