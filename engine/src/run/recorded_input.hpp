#pragma once
// Applying a recorded live input (model::RecordedInput) to a running simulation: the one
// path through which the app's live inputs, their replay after a seek and a batch run of
// a scenario with a recording all change a run, so that the three cannot drift apart.

#include <string>

#include "flowlab/model/scenario.hpp"
#include "flowlab/runtime/simulation.hpp"

namespace flowlab::run {

/// Applies `input` now. `scenario` is the run's current scenario: a `set` changes it (and
/// the running engine with it). Returns what was done, for the status line ("Injected
/// down on ledger"). Throws std::runtime_error when the input does not fit the run.
std::string apply_recorded_input(runtime::Simulation& sim, model::Scenario& scenario,
                                 const model::RecordedInput& input);

/// Advances `sim` to `until`, applying `scenario.recording`'s inputs at their times on the
/// way (each after the events of its instant, as in the live run).
void advance_with_recording(runtime::Simulation& sim, const model::Scenario& scenario,
                            kernel::SimTime until);

}  // namespace flowlab::run
