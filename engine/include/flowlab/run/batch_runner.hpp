#pragma once
/// Headless runs: one scenario to its end as fast as the machine allows, or many
/// replications in parallel (for sweeps and confidence intervals).

#include <boost/json/object.hpp>

#include <functional>
#include <vector>

#include "flowlab/model/scenario.hpp"
#include "flowlab/runtime/simulation.hpp"

namespace flowlab::run {

/// Runs to the end and returns the report with its "perf" section (wall time and
/// events per second: the only part of a report that may differ between runs).
boost::json::object run_batch(const model::Scenario& scenario,
                              const runtime::SimulationOptions& options = {});

/// The report of the run so far at virtual time `until_s` (the end, if the run ends
/// first): exactly what the app's live metric paths read at that time. No "perf".
boost::json::object report_at(const model::Scenario& scenario, double until_s,
                              const runtime::SimulationOptions& options = {});

/// Runs each (scenario, options) job, up to `threads` at a time, and returns the
/// reports in job order. Each run is independent and deterministic, so the results do
/// not depend on `threads`.
struct BatchJob {
    model::Scenario scenario;
    runtime::SimulationOptions options;
};
std::vector<boost::json::object> run_many(const std::vector<BatchJob>& jobs, unsigned threads);

/// Calls `task(i)` for every i in [0, count), up to `threads` at a time; the first
/// exception any task throws is rethrown here (after the others stopped taking work).
void for_each_parallel(std::size_t count, unsigned threads,
                       const std::function<void(std::size_t)>& task);

}  // namespace flowlab::run
