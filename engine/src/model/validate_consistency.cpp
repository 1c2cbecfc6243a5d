// Checks of the write_then_read pattern: the client has a write to make and one read
// model to read. (Keys of another pattern or threading model are allowed and unused, as
// poll_interval_ms is on a request client: a file may switch models back and forth.)
#include <vector>

#include "model/parse_context.hpp"
#include "model/validate_checker.hpp"

namespace flowlab::model::detail {

namespace {

/// Sync edges out of node `id` whose target's kind is known: (edge index, target kind).
std::vector<std::pair<std::size_t, NodeKind>> sync_targets(Checker& c, const std::string& id) {
    std::vector<std::pair<std::size_t, NodeKind>> out;
    for (std::size_t j = 0; j < c.s.edges.size(); ++j) {
        const Edge& e = c.s.edges[j];
        if (e.from != id || e.mode != EdgeMode::sync) continue;
        const int to = c.node_index(e.to);
        if (c.kind_known(to)) out.emplace_back(j, c.s.nodes[to].kind);
    }
    return out;
}

void check_write_then_read(Checker& c, const Node& n, const std::string& path) {
    const auto targets = sync_targets(c, n.id);
    std::size_t reads = 0, writes = 0;
    for (const auto& [edge, kind] : targets) {
        if (kind != NodeKind::read_model) {
            ++writes;
            continue;
        }
        if (++reads > 1)
            c.error(json::path_index("edges", edge),
                    "client '" + n.id +
                        "' already reads a read model: a write_then_read client reads one");
    }
    if (reads == 0)
        c.error(path + ".pattern", "write_then_read: client '" + n.id +
                                       "' has no sync edge to a read_model to read from");
    if (writes == 0)
        c.error(path + ".pattern",
                "write_then_read: client '" + n.id +
                    "' has no sync edge to a service to write through (its other edges)");
}

}  // namespace

void check_consistency(Checker& c) {
    if (!c.ids_known) return;
    for (std::size_t i = 0; i < c.s.nodes.size(); ++i) {
        const Node& n = c.s.nodes[i];
        if (!c.kind_known(static_cast<int>(i))) continue;
        const std::string path = json::path_index("nodes", i);
        if (n.kind == NodeKind::client && n.pattern == ClientPattern::write_then_read)
            check_write_then_read(c, n, path);
    }
}

}  // namespace flowlab::model::detail
