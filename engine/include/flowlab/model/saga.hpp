#pragma once
/// A saga's steps as the scenario describes them (docs/engine-semantics.md#sagas).
///
/// An orchestrator calls its outgoing sync edges one after another, in file order: those
/// are the saga's steps. A step's edge may name `compensate`, the node that undoes it; the
/// orchestrator reaches that node along its own sync edge. An edge into a node that some
/// other step names as its compensation is that compensation's channel, not a step.

#include <vector>

#include "flowlab/model/scenario.hpp"

namespace flowlab::model {

struct SagaStep {
    std::size_t edge = 0;             ///< index into Scenario::edges: the step's call
    std::optional<std::size_t> undo;  ///< the edge its compensation is called along, if any
};

/// The steps of orchestrator `orchestrator` (an index into Scenario::nodes), in order. A
/// `compensate` that names no node or no sync edge of the orchestrator gives no `undo`
/// (the validator reports it).
std::vector<SagaStep> saga_steps(const Scenario& s, std::size_t orchestrator);

}  // namespace flowlab::model
