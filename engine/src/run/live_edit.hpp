#pragma once
// Applying an edited scenario to a running world. Parameter changes (threads, work,
// rates, failure rates, timeouts, retries, breakers...) take effect at once; changes to
// the topology, the faults or the run settings cannot be applied to a world in flight.

#include <string>

#include "flowlab/model/scenario.hpp"
#include "runtime/world.hpp"

namespace flowlab::run {

/// Returns true if `edited` was applied in place; false (with `why`) when the run
/// must restart.
bool apply_live_edit(runtime::World& world, const model::Scenario& edited, std::string* why);

}  // namespace flowlab::run
