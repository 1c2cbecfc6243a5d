#pragma once
/// Whether two scenarios have the same topology: the same nodes (id, kind) and edges
/// (from, to, mode) in the same order. A running world's node and edge runtimes are
/// built from its topology, so only edits that keep it can be applied live
/// (run/live_edit.cpp), and the app rebuilds its views only when it changes.

#include <string>

#include "flowlab/model/scenario.hpp"

namespace flowlab::model {

/// How `b`'s nodes and edges differ from `a`'s ("nodes were added or removed", "a node
/// was renamed or replaced", "edges were added or removed", "an edge was reconnected"),
/// or "" when the topology is the same (parameters, faults, layout and text may differ).
std::string topology_difference(const Scenario& a, const Scenario& b);

}  // namespace flowlab::model
