#pragma once
// Read-your-writes misses of a write_then_read client: the chance that its read, sent
// read_delay_ms after the write was answered, reaches the read model before the write's
// event is applied there. Exact where the event's trip from the broker to the view is
// the sojourn of a FIFO M/M/1 station and every other leg is a constant.

#include <boost/json/object.hpp>

#include "theory/topology.hpp"

namespace flowlab::theory {

/// The prediction for client `c` (predict.hpp, "read_your_writes"): the figures, or
/// {"unavailable": why} naming the first assumption that does not hold.
boost::json::object read_your_writes(const Topology& t, std::size_t c);

}  // namespace flowlab::theory
