#pragma once
// When the calls (or publishes) arriving over a set of edges form exactly one Poisson
// process: the condition under which a station's queueing formulas hold without
// approximation, and the P99 bound may use them.

#include <string>
#include <vector>

#include "theory/topology.hpp"

namespace flowlab::theory {

struct PoissonFeed {
    bool exact = false;
    double rate_per_s = 0.0;
    std::string why_not;  ///< when not exact: which edge breaks it and how
};

/// Exact when every edge starts at a client whose requests arrive as a Poisson process
/// (request pattern, no fault) and is that client's first sync call, with at most
/// publishes into unbounded, unfaulted brokers before it; the edge itself has no retry
/// and no breaker. Each request then reaches the station once, delayed from its arrival
/// by independent draws (network, acks), and independent delays keep a Poisson process
/// Poisson (the displacement theorem); independent Poisson processes merge into one.
PoissonFeed poisson_feed(const Topology& t, const std::vector<const model::Edge*>& edges);

/// True when the broker at node i answers a publish after fixed-law draws only: no
/// capacity (a full broker blocks or rejects) and no fault.
bool publishes_freely(const Topology& t, std::size_t broker);

}  // namespace flowlab::theory
