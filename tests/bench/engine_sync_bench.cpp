// Engine speed and memory for synchronous scenarios. Figures and the machine they were
// taken on are recorded in docs/performance.md; targets (2-core machine):
//   - M/M/1 through the whole CLI path (parse, run, report) >= 3 M requests/s, and
//     within 3x of BareHeapMM1, a loop that does nothing but that queue;
//   - a 4-hop sync chain >= 1 M requests/s;
//   - <= 200 bytes of engine memory per request in flight.

#include <benchmark/benchmark.h>

#include <boost/json/serialize.hpp>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>

#include <fstream>
#include <queue>
#include <sstream>
#include <vector>

#include "flowlab/model/parse.hpp"
#include "flowlab/run/batch_runner.hpp"
#include "flowlab/runtime/simulation.hpp"

namespace {

using namespace flowlab;

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const std::string bench_dir = FLOWLAB_BENCH_DATA_DIR;

/// What `flowlab-cli run FILE --format json` does, minus the process start and the write.
void whole_cli(benchmark::State& state, const std::string& file) {
    const std::string text = read_file(bench_dir + "/" + file);
    std::int64_t requests = 0;
    for (auto _ : state) {
        auto parsed = model::parse_scenario(text, file);
        if (!parsed.ok()) {
            state.SkipWithError("scenario did not parse");
            return;
        }
        auto report = run::run_batch(*parsed.scenario);
        std::string out = boost::json::serialize(report);
        benchmark::DoNotOptimize(out);
        requests += *parsed.scenario->run.requests;
    }
    state.SetItemsProcessed(requests);
}

void MM1WholeCli(benchmark::State& state) { whole_cli(state, "mm1.json"); }
BENCHMARK(MM1WholeCli)->Unit(benchmark::kMillisecond)->UseRealTime();

void FourHopChainWholeCli(benchmark::State& state) { whole_cli(state, "chain4.json"); }
BENCHMARK(FourHopChainWholeCli)->Unit(benchmark::kMillisecond)->UseRealTime();

/// The floor: an M/M/1 queue as a bare binary-heap event loop (same generator, same
/// exponential draws), keeping only a FIFO of arrival times and the sum of responses.
void BareHeapMM1(benchmark::State& state) {
    const std::int64_t n = 2'000'000;
    for (auto _ : state) {
        boost::random::mt19937_64 rng(1);
        boost::random::exponential_distribution<double> arrival(800.0 / 1000.0), service(1.0);
        struct Ev {
            double t;
            std::uint64_t seq;
            int kind;
            bool operator>(const Ev& o) const { return t > o.t || (t == o.t && seq > o.seq); }
        };
        std::priority_queue<Ev, std::vector<Ev>, std::greater<>> heap;
        std::vector<double> fifo;
        std::size_t head = 0;
        std::uint64_t seq = 0;
        std::int64_t arrived = 0;
        double sum = 0;
        bool busy = false;
        heap.push({arrival(rng), seq++, 0});
        while (!heap.empty()) {
            Ev e = heap.top();
            heap.pop();
            if (e.kind == 0) {
                fifo.push_back(e.t);
                if (++arrived < n) heap.push({e.t + arrival(rng), seq++, 0});
                if (!busy) {
                    busy = true;
                    heap.push({e.t + service(rng), seq++, 1});
                }
            } else {
                sum += e.t - fifo[head++];
                if (head < fifo.size())
                    heap.push({e.t + service(rng), seq++, 1});
                else
                    busy = false;
            }
        }
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BareHeapMM1)->Unit(benchmark::kMillisecond)->UseRealTime();

/// Memory per request in flight: an overloaded server (arrivals at twice its rate)
/// builds a backlog of requests; engine bytes (calendar + pools + backlog) per request.
void MemoryPerRequestInFlight(benchmark::State& state) {
    model::Scenario s;
    s.name = "overload";
    s.trace.sample = 0;
    s.run.requests = 1'000'000;
    auto web = model::make_node(model::NodeKind::client, "web");
    web.rate_per_s = 2000;
    auto api = model::make_node(model::NodeKind::service, "api");
    api.threads = 1;
    api.work = model::Distribution::constant(1.0);
    s.nodes = {web, api};
    model::Edge e;
    e.from = "web";
    e.to = "api";
    s.edges = {e};
    double per_request = 0;
    for (auto _ : state) {
        runtime::Simulation sim(s);
        sim.advance_to(kernel::from_s(400.0));  // 800k arrived, 400k served: ~400k in flight
        per_request =
            static_cast<double>(sim.engine_bytes()) / static_cast<double>(sim.requests_in_flight());
        state.counters["in_flight"] = static_cast<double>(sim.requests_in_flight());
    }
    state.counters["bytes_per_request"] = per_request;
}
BENCHMARK(MemoryPerRequestInFlight)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
