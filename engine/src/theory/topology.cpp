#include "theory/topology.hpp"

namespace flowlab::theory {

using model::NodeKind;

bool is_caller(NodeKind k) {
    return k == NodeKind::client || k == NodeKind::service || k == NodeKind::consumer;
}
// An orchestrator serves calls too, but what its saga calls depends on which step fails,
// which no chain formula here models: theory leaves it (and what it calls) out.
bool is_server(NodeKind k) { return model::serves_calls(k) && k != NodeKind::orchestrator; }

Topology::Topology(const model::Scenario& scenario) : s(scenario) {
    for (std::size_t i = 0; i < s.nodes.size(); ++i) index[s.nodes[i].id] = i;
    const std::size_t n = s.nodes.size();
    sync_in.resize(n);
    sync_out.resize(n);
    async_in.resize(n);
    async_out.resize(n);
    out.resize(n);
    for (const model::Edge& e : s.edges) {
        auto from = index.find(e.from), to = index.find(e.to);
        if (from == index.end() || to == index.end()) continue;  // invalid file: ignore
        out[from->second].push_back(&e);
        const model::Node& caller = s.nodes[from->second];
        const model::Node& callee = s.nodes[to->second];
        if (e.mode == model::EdgeMode::sync && is_caller(caller.kind) && is_server(callee.kind)) {
            sync_out[from->second].push_back(&e);
            sync_in[to->second].push_back(&e);
        } else if (e.mode == model::EdgeMode::async) {
            async_out[from->second].push_back(&e);
            async_in[to->second].push_back(&e);
        }
    }
    for (const auto& f : s.faults) faulted.insert(f.target);
}

}  // namespace flowlab::theory
