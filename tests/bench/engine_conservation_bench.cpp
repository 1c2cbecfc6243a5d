// The random-topology conservation property at a size CI cannot afford: thousands of
// topologies (the test, tests/engine/conservation_test.cpp, runs 200), every invariant of
// tests/engine/random_topology.hpp checked on each. A broken invariant stops the benchmark
// with an error naming the topology, so a long run by hand is also a search for counter-
// examples. Figures (topologies and messages per second) go to docs/performance.md.

#include <benchmark/benchmark.h>

#include <string>

#include "../engine/random_topology.hpp"

namespace {

using namespace flowlab;

void ConservationRandomTopologies(benchmark::State& state) {
    const auto topologies = static_cast<std::uint32_t>(state.range(0));
    double messages = 0, requests = 0;
    for (auto _ : state) {
        // Seeds past the test's 200, so the two cover different topologies.
        for (std::uint32_t seed = 1001; seed < 1001 + topologies; ++seed) {
            const testing::Topology t = testing::random_topology(seed);
            const testing::TopologyRun run = testing::run_topology(t);
            auto broken = testing::invariant_violations(t, run);
            if (!run.finished) broken.push_back("did not finish");
            if (!broken.empty()) {
                state.SkipWithError(
                    ("topology " + std::to_string(seed) + ": " + broken.front()).c_str());
                return;
            }
            messages += testing::num(run.report, {"conservation", "messages_published"});
            for (const auto& [id, v] : run.report.at("clients").as_object())
                requests += testing::num(v.as_object(), {"requests"});
        }
    }
    state.counters["topologies"] = topologies;
    state.counters["messages"] = messages;
    state.counters["requests"] = requests;
    state.counters["topologies_per_s"] =
        benchmark::Counter(topologies, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(ConservationRandomTopologies)->Arg(5000)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace
