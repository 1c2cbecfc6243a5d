// The timeline's seek: going to 590 s in a 600 s run re-runs the scenario from 0 with
// its recorded inputs. Measured on the shipped lesson with the most events per virtual
// second (02, the 8-hop chain) and on the cascading checkout (08), three ways:
//   - Bare: the engine alone to 590 s (no live view): the floor of any re-execution;
//   - LiveViewFromZero: the engine with the live view's observer and chart sampler all
//     the way (what a seek cost before the replay skipped the view up to the charts'
//     window);
//   - LiveRunnerSeek: LiveRunner::seek_to, frame and charts included (what the app does).
// Target: under 0.5 s on the 2-core machine (docs/performance.md).

#include <benchmark/benchmark.h>

#include "flowlab/model/parse.hpp"
#include "flowlab/run/live_runner.hpp"
#include "flowlab/runtime/simulation.hpp"
#include "run/chart_sampler.hpp"
#include "run/live_observer.hpp"
#include "runtime/world.hpp"

namespace {

using namespace flowlab;

constexpr double run_s = 600, seek_s = 590;

model::Scenario ten_minutes(const char* file) {
    auto r = model::load_scenario_file(std::string(FLOWLAB_SCENARIOS_DIR) + "/" + file);
    if (!r.ok()) throw std::runtime_error(r.errors.at(0).to_string());
    model::Scenario s = *r.scenario;
    s.run.duration_s = run_s;
    s.run.requests.reset();
    return s;
}

void Bare(benchmark::State& state, const char* file) {
    const model::Scenario s = ten_minutes(file);
    std::uint64_t events = 0;
    for (auto _ : state) {
        runtime::Simulation sim(s);
        sim.advance_to(kernel::from_s(seek_s));
        events = sim.events_processed();
    }
    state.counters["events"] = static_cast<double>(events);
}

void LiveViewFromZero(benchmark::State& state, const char* file) {
    const model::Scenario s = ten_minutes(file);
    for (auto _ : state) {
        runtime::Simulation sim(s);
        run::LiveObserver observer(s.edges.size());
        sim.set_observer(&observer);
        sim.advance_to(0);
        run::ChartSampler sampler(sim.world(), 60.0, 0.5);
        const kernel::SimTime target = kernel::from_s(seek_s);
        while (sim.now() < target && !sim.finished()) {
            sim.advance_to(std::min(target, sampler.next_sample()));
            if (sim.now() >= sampler.next_sample()) sampler.sample(sim.world(), observer);
        }
    }
}

void LiveRunnerSeek(benchmark::State& state, const char* file) {
    run::LiveRunner runner;
    runner.load(ten_minutes(file));
    runner.run_for(run_s);
    runner.sync();
    for (auto _ : state) {
        runner.seek_to(seek_s);
        runner.sync();
    }
    state.counters["now_s"] = kernel::to_s(runner.latest_frame()->now);
}

BENCHMARK_CAPTURE(Bare, lesson02, "02-availability-trap-8-hops.json")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK_CAPTURE(LiveViewFromZero, lesson02, "02-availability-trap-8-hops.json")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK_CAPTURE(LiveRunnerSeek, lesson02, "02-availability-trap-8-hops.json")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK_CAPTURE(Bare, lesson08, "08-cascading-checkout.json")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK_CAPTURE(LiveRunnerSeek, lesson08, "08-cascading-checkout.json")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

}  // namespace
