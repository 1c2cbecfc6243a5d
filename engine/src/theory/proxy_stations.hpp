#pragma once
// Predictions for caches (Che's approximation) and rate limiters (token bucket as
// M/D/1/K), keyed into "stations" by predict.cpp; formulas in flowlab/theory/cache_limiter.hpp.

#include <boost/json/object.hpp>

#include <optional>

#include "theory/topology.hpp"

namespace flowlab::theory {

bool is_proxy(model::NodeKind k);
/// True when node i calls a cache or a rate limiter: what reaches the caller then depends
/// on hits and 429s, which the chain's availability and P99 sums leave out.
bool calls_proxy(const Topology& t, std::size_t i);

/// True when a cache or rate limiter calls node i: hits and 429s thin its load by amounts
/// that the offered-load figures do not know.
bool called_by_proxy(const Topology& t, std::size_t i);

std::optional<boost::json::object> cache_station(const Topology& t, std::size_t i);
std::optional<boost::json::object> limiter_station(const Topology& t, std::size_t i);

}  // namespace flowlab::theory
