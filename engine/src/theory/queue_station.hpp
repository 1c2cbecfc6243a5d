#pragma once
// A queue and the consumer group behind it as one M/M/c station: the queue is the
// waiting room, the consumers' workers are the servers.

#include <boost/json/object.hpp>

#include <functional>
#include <optional>

#include "theory/topology.hpp"

namespace flowlab::theory {

/// A worker that outlasts the visibility timeout makes the queue hand the message out a
/// second time, extra work M/M/c does not have. With exponential work of mean m that
/// happens with probability e^{-timeout/m}: below e^{-50} (a timeout of 50 means) the
/// queue models ignore it.
inline constexpr double visibility_in_means = 50.0;

/// The rate of node i's invocations when they arrive as a (possibly approximate) Poisson
/// stream of known rate, else nullopt: each invocation publishes once per async edge.
using PoissonRate = std::function<std::optional<double>(std::size_t)>;

/// The station's figures (predict.hpp, "stations") when queue `q` and its consumers meet
/// the M/M/c assumptions, else nullopt.
std::optional<boost::json::object> queue_station(const Topology& t, std::size_t q,
                                                 const PoissonRate& rate_of);

}  // namespace flowlab::theory
