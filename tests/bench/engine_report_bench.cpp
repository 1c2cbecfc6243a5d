// The report of the run so far, taken for every live frame (the watch panel, node figures
// and metric paths read from it) and at every chart sample. Target (2-core machine): a
// lesson's report in <= 200 us, so that building it at 60 frames a second costs at most
// about 1 % of one core. Figures in docs/performance.md.

#include <benchmark/benchmark.h>

#include <string>

#include "flowlab/run/metric_path.hpp"
#include "flowlab/runtime/simulation.hpp"

namespace {

using namespace flowlab;

/// Simulation::report() of `lesson` paused at 30 s of virtual time.
void report_mid_run(benchmark::State& state, const std::string& lesson) {
    const auto parsed =
        run::load_scenario_checked(std::string(FLOWLAB_SCENARIOS_DIR) + "/" + lesson);
    if (!parsed.ok()) {
        state.SkipWithError("the lesson does not load");
        return;
    }
    runtime::Simulation sim(*parsed.scenario);
    sim.advance_to(kernel::from_s(30));
    for (auto _ : state) benchmark::DoNotOptimize(sim.report());
}

BENCHMARK_CAPTURE(report_mid_run, cascading_checkout_11_services, "08-cascading-checkout.json")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(report_mid_run, hybrid_checkout_async, "21-hybrid-checkout.json")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(report_mid_run, observability_gap_traces, "19-observability-gap.json")
    ->Unit(benchmark::kMicrosecond);

}  // namespace
