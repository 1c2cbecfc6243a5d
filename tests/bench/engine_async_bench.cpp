// Engine speed and memory for asynchronous scenarios (figures in docs/performance.md).
// Targets (2-core machine): >= 2 M messages/s from a queue through a consumer, and
// <= 200 bytes of engine memory per queued message with a backlog of one million.

#include <benchmark/benchmark.h>

#include "flowlab/runtime/simulation.hpp"
#include "runtime/async_messaging.hpp"
#include "runtime/world.hpp"

namespace {

using namespace flowlab;

model::Scenario queue_and_consumer(int concurrency) {
    model::Scenario s;
    s.name = "queue to consumer";
    s.trace.sample = 0;
    s.run.duration_s = 0.001;  // no client: the backlog is injected directly
    s.run.drain_s = 1e7;       // let the consumer drain all of it
    auto q = model::make_node(model::NodeKind::queue, "q");
    q.visibility_timeout_ms = 1e9;
    auto c = model::make_node(model::NodeKind::consumer, "c");
    c.concurrency = concurrency;
    c.work = model::Distribution::exponential(1.0);
    s.nodes = {q, c};
    model::Edge e;
    e.from = "q";
    e.to = "c";
    e.mode = model::EdgeMode::deliver;
    s.edges = {e};
    return s;
}

/// Puts `n` messages straight into the queue, as if published.
void inject(runtime::World& w, std::int64_t n) {
    auto& m = *w.messaging;
    runtime::QueueRt& q = m.queues[0];
    for (std::int64_t i = 0; i < n; ++i) {
        runtime::Id id =
            m.make_message(q.node, runtime::Ref{}, static_cast<std::uint32_t>(i & 1023), 0);
        m.queue_accept(q, id);
    }
}

/// Messages per second from a full queue through a 4-instance consumer to the ack.
void QueueToConsumer(benchmark::State& state) {
    const std::int64_t n = 1'000'000;
    for (auto _ : state) {
        state.PauseTiming();
        auto sim = std::make_unique<runtime::Simulation>(queue_and_consumer(4));
        inject(sim->world(), n);  // before the start, so the run does not end at once
        sim->advance_to(0);
        state.ResumeTiming();
        auto& m = *sim->world().messaging;
        m.queue_dispatch(m.queues[0]);
        sim->run_to_end();
        if (m.queues[0].counters.acked != static_cast<std::uint64_t>(n))
            state.SkipWithError("not every message was acked");
        state.PauseTiming();
        sim.reset();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(QueueToConsumer)->Unit(benchmark::kMillisecond)->UseRealTime();

/// Engine bytes per queued message: a million messages waiting, no consumer running.
void MemoryPerQueuedMessage(benchmark::State& state) {
    const std::int64_t n = 1'000'000;
    double per_message = 0;
    for (auto _ : state) {
        auto s = queue_and_consumer(1);
        s.edges.clear();  // nobody consumes
        s.nodes.pop_back();
        runtime::Simulation sim(s);
        inject(sim.world(), n);
        auto& m = *sim.world().messaging;
        const std::size_t bytes = m.messages.capacity_bytes() +
                                  m.queues[0].visible.size() * sizeof(runtime::Id) +
                                  sim.engine_bytes();
        per_message = static_cast<double>(bytes) / static_cast<double>(n);
    }
    state.counters["bytes_per_message"] = per_message;
}
BENCHMARK(MemoryPerQueuedMessage)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
