#pragma once
// The words of the eventual-consistency and threading additions (node_text.cpp calls
// them): an event-loop service's loop and in-flight count, a read model's lag and
// staleness, a write_then_read client's reads that missed their own write.

#include <vector>

#include "canvas/node_text.hpp"

namespace flowlab::ui::detail {

/// An event-loop service: one loop (busy or idle) and how many requests are in flight.
void eventLoopLines(std::vector<NodeLine>& out, const model::Node& node,
                    const run::NodeFrame* state, const NodeFigures& f);
/// A read model, after its connection lines: the view's lag and staleness.
void viewLines(std::vector<NodeLine>& out, const run::NodeFrame* state, const NodeFigures& f);
/// A write_then_read client, after its request lines: the reads and their misses.
void readYourWritesLines(std::vector<NodeLine>& out, const model::Node& node,
                         const run::NodeFrame* state, const NodeFigures& f);

}  // namespace flowlab::ui::detail
