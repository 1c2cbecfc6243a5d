// Reading a large scenario: 210,000 edges (a 15 MB file, under the 16 MiB cap) took 191 s
// and 568 MB when each edge looked its nodes up by a search; with the index by id it is
// linear. Figures go to docs/performance.md.

#include <benchmark/benchmark.h>

#include <string>

#include "flowlab/model/parse.hpp"

namespace {

using namespace flowlab;

/// web -> s0, and `edges` sync edges between 1,000 services, each from a lower to a higher
/// index (no cycles), spread so that every service calls many others.
std::string many_edges(int edges) {
    constexpr int services = 1000;
    std::string nodes = R"({"id": "web", "kind": "client", "rate_per_s": 1})";
    for (int i = 0; i < services; ++i)
        nodes +=
            std::string(R"(, {"id": "s)").append(std::to_string(i)) + R"(", "kind": "service"})";
    std::string list = R"({"from": "web", "to": "s0", "mode": "sync"})";
    int made = 0;
    for (int gap = 1; gap < services && made < edges; ++gap)
        for (int i = 0; i + gap < services && made < edges; ++i, ++made)
            list += std::string(R"(, {"from": "s)").append(std::to_string(i)) + R"(", "to": "s)" +
                    std::to_string(i + gap) + R"(", "mode": "sync"})";
    return R"({"format": "flowlab/1", "run": {"duration_s": 1}, "nodes": [)" + nodes +
           R"(], "edges": [)" + list + "]}";
}

void ParseManyEdges(benchmark::State& state) {
    const std::string text = many_edges(static_cast<int>(state.range(0)));
    bool ok = false;
    for (auto _ : state) ok = model::parse_scenario(text, "many.json").ok();
    if (!ok) state.SkipWithError("the generated scenario did not load");
    state.counters["MB"] = static_cast<double>(text.size()) / 1e6;
}
BENCHMARK(ParseManyEdges)->Arg(80000)->Arg(210000)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace
