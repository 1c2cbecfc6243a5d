// Heap memory per idle node: a scenario of many nodes that see no traffic (a large system
// drawn for its structure, most of it quiet). Target (docs/performance.md): a few KB per
// node, so 100,000 nodes fit in well under 1 GB. Measured with glibc's mallinfo2: the heap
// in use one virtual second into the run, minus the same scenario without the idle nodes.

#include <benchmark/benchmark.h>

#include <malloc.h>

#include <string>

#include "flowlab/kernel/sim_time.hpp"
#include "flowlab/runtime/simulation.hpp"

namespace {

using namespace flowlab;

/// web -> api, and `idle` services (or consumers of one queue) that nothing calls.
model::Scenario with_idle_nodes(int idle, model::NodeKind kind) {
    model::Scenario s;
    s.name = "idle nodes";
    s.trace.sample = 0;
    s.run.duration_s = 2.0;
    auto web = model::make_node(model::NodeKind::client, "web");
    web.rate_per_s = 50;
    s.nodes = {web, model::make_node(model::NodeKind::service, "api")};
    model::Edge e;
    e.from = "web";
    e.to = "api";
    s.edges = {e};
    if (kind == model::NodeKind::consumer) s.nodes.push_back(model::make_node(kind, "q"));
    for (int i = 0; i < idle; ++i) {
        const std::string id = std::string("idle").append(std::to_string(i));
        s.nodes.push_back(model::make_node(kind, id));
        if (kind != model::NodeKind::consumer) continue;
        model::Edge d;
        d.from = "q";
        d.to = id;
        d.mode = model::EdgeMode::deliver;
        s.edges.push_back(d);
    }
    if (kind == model::NodeKind::consumer) s.nodes[2].kind = model::NodeKind::queue;
    return s;
}

/// Heap bytes in use, mmapped chunks included (large blocks such as the node table).
std::size_t heap_in_use() {
    const struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
}

std::size_t simulation_bytes(const model::Scenario& s) {
    const std::size_t before = heap_in_use();
    runtime::Simulation sim(s);
    sim.advance_to(kernel::from_s(1.0));
    return heap_in_use() - before;
}

void MemoryPerIdleNode(benchmark::State& state, model::NodeKind kind) {
    const int idle = static_cast<int>(state.range(0));
    const auto none = with_idle_nodes(0, kind), many = with_idle_nodes(idle, kind);
    double per_node = 0, total = 0;
    for (auto _ : state) {
        const double with = static_cast<double>(simulation_bytes(many));
        per_node = (with - static_cast<double>(simulation_bytes(none))) / idle;
        total = with;
    }
    state.counters["bytes_per_idle_node"] = per_node;
    state.counters["total_MB"] = total / 1e6;
}
BENCHMARK_CAPTURE(MemoryPerIdleNode, service, model::NodeKind::service)
    ->Arg(30000)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK_CAPTURE(MemoryPerIdleNode, consumer, model::NodeKind::consumer)
    ->Arg(30000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

}  // namespace
