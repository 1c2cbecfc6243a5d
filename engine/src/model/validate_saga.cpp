// Checks of sagas: an orchestrator's steps and compensations, and a consumer's
// choreography failure event (docs/engine-semantics.md#sagas).
#include <string>

#include "flowlab/model/saga.hpp"
#include "model/parse_context.hpp"
#include "model/validate_checker.hpp"

namespace flowlab::model::detail {

namespace {

bool has_edge(const Scenario& s, const std::string& from, const std::string& to, EdgeMode mode) {
    for (const auto& e : s.edges)
        if (e.from == from && e.to == to && e.mode == mode) return true;
    return false;
}

/// The node `id` names, or -1 after reporting it at `path`.
int referenced(Checker& c, const std::string& path, const std::string& id) {
    const int i = c.node_index(id);
    if (i < 0) c.error(path, "no node with id '" + id + "'" + c.id_hint(id));
    return i;
}

void check_compensation(Checker& c, std::size_t j) {
    const Edge& e = c.s.edges[j];
    const std::string path = json::path_index("edges", j) + ".compensate";
    if (e.compensate.empty() || !c.trusted(path) || !c.trusted(json::path_index("edges", j)))
        return;
    const int from = c.node_index(e.from);
    if (from < 0 || !c.kind_known(from)) return;  // the edge's own check reports it
    if (c.s.nodes[from].kind != NodeKind::orchestrator) {
        c.error(path, "only an orchestrator's steps have compensations; '" + e.from + "' is " +
                          with_article(to_string(c.s.nodes[from].kind)));
        return;
    }
    if (referenced(c, path, e.compensate) < 0) return;
    if (!has_edge(c.s, e.from, e.compensate, EdgeMode::sync))
        c.error(path, "'" + e.from + "' has no sync edge to '" + e.compensate +
                          "': add one, the compensation is a call along it");
}

void check_failure_event(Checker& c, std::size_t i) {
    const Node& n = c.s.nodes[i];
    const std::string path = json::path_index("nodes", i) + ".on_failure_publish";
    if (n.on_failure_publish.empty() || n.kind != NodeKind::consumer || !c.trusted(path)) return;
    const int t = referenced(c, path, n.on_failure_publish);
    if (t < 0 || !c.kind_known(t)) return;
    const NodeKind kind = c.s.nodes[t].kind;
    if (kind != NodeKind::topic && kind != NodeKind::queue) {
        c.error(path, "must name a topic or queue; '" + n.on_failure_publish + "' is " +
                          with_article(to_string(kind)));
        return;
    }
    if (!has_edge(c.s, n.id, n.on_failure_publish, EdgeMode::async))
        c.error(path, "'" + n.id + "' has no async edge to '" + n.on_failure_publish +
                          "': add one, the failure event is published along it");
}

void check_orchestrator_has_steps(Checker& c, std::size_t i) {
    if (c.s.nodes[i].kind != NodeKind::orchestrator || !c.kind_known(static_cast<int>(i))) return;
    if (saga_steps(c.s, i).empty())
        c.error(json::path_index("nodes", i),
                "orchestrator '" + c.s.nodes[i].id +
                    "' has no steps: connect it to the services it calls, in order");
}

}  // namespace

void check_sagas(Checker& c) {
    if (!c.ids_known) return;
    for (std::size_t j = 0; j < c.s.edges.size(); ++j) check_compensation(c, j);
    for (std::size_t i = 0; i < c.s.nodes.size(); ++i) {
        if (!c.kind_known(static_cast<int>(i))) continue;
        check_failure_event(c, i);
        check_orchestrator_has_steps(c, i);
    }
}

}  // namespace flowlab::model::detail
