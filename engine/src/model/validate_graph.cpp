// Checks of the graph: edge endpoints and modes, one source per consumer, one
// dead-letter target per node, clients that call something, no sync call cycles.
#include <map>

#include "model/parse_context.hpp"
#include "model/validate_checker.hpp"

namespace flowlab::model::detail {

namespace {

/// Why an edge into this kind of target has to have this mode.
const char* mode_reason(EdgeMode expected) {
    switch (expected) {
        case EdgeMode::sync:
            return "a service or database answers requests, so the caller waits for the response";
        case EdgeMode::async:
            return "a queue or topic is not called and waited on: the publisher hands over the "
                   "message "
                   "and waits only for the broker's ack";
        case EdgeMode::deliver:
            return "a queue or topic feeds its consumers by delivering messages";
        case EdgeMode::dead_letter: return "a dlq only receives messages that others gave up on";
    }
    return "";
}

struct Endpoints {
    int from = -1;
    int to = -1;
    bool mode_known = false;
};

Endpoints resolve(Checker& c, std::size_t j, bool report) {
    const Edge& e = c.s.edges[j];
    std::string path = json::path_index("edges", j);
    Endpoints ep;
    ep.mode_known = c.trusted(path + ".mode");
    if (!c.ids_known) return ep;
    if (c.trusted(path + ".from")) {
        ep.from = c.node_index(e.from);
        if (ep.from < 0 && report)
            c.error(path + ".from", "no node with id '" + e.from + "'" + c.id_hint(e.from));
    }
    if (c.trusted(path + ".to")) {
        ep.to = c.node_index(e.to);
        if (ep.to < 0 && report)
            c.error(path + ".to", "no node with id '" + e.to + "'" + c.id_hint(e.to));
    }
    return ep;
}

}  // namespace

void check_edges(Checker& c) {
    std::map<int, std::size_t> deliver_into;      // consumer -> its deliver edge
    std::map<int, std::size_t> dead_letter_from;  // node -> its dead_letter edge
    const Edge fresh;
    for (std::size_t j = 0; j < c.s.edges.size(); ++j) {
        const Edge& e = c.s.edges[j];
        std::string path = json::path_index("edges", j);
        Endpoints ep = resolve(c, j, true);
        bool from_kind = c.kind_known(ep.from), to_kind = c.kind_known(ep.to);
        check_params(c, path, edge_params(), e);
        if (ep.mode_known) {
            std::optional<NodeKind> target;
            if (to_kind) target = c.s.nodes[ep.to].kind;
            for (const auto& p : edge_params())
                if (auto why = edge_param_restriction(p.key, e.mode, target);
                    !why.empty() && p.get(e) != p.get(fresh))
                    c.error(path + "." + p.key, why);
        }
        if (!from_kind || !to_kind || !ep.mode_known) continue;
        const Node& from = c.s.nodes[ep.from];
        const Node& to = c.s.nodes[ep.to];
        std::string why;
        auto expected = edge_mode_between(from.kind, to.kind, &why);
        std::string ends = "'" + from.id + "' (" + to_string(from.kind) + ") to '" + to.id + "' (" +
                           to_string(to.kind) + ")";
        if (!expected) {
            c.error(path, "cannot connect " + ends + ": " + why);
            continue;
        }
        if (*expected != e.mode) {
            c.error(path + ".mode", std::string("must be '") + to_string(*expected) + "' from " +
                                        ends + ", not '" + to_string(e.mode) +
                                        "': " + mode_reason(*expected));
            continue;
        }
        if (e.mode == EdgeMode::deliver) {
            auto [it, fresh_consumer] = deliver_into.emplace(ep.to, j);
            if (!fresh_consumer) {
                const Edge& first = c.s.edges[it->second];
                c.error(path, "consumer '" + to.id + "' is already fed by '" + first.from +
                                  "' (edges[" + std::to_string(it->second) +
                                  "]): a consumer is fed by one queue or topic; add another "
                                  "consumer instead");
            }
        }
        if (e.mode == EdgeMode::dead_letter) {
            auto [it, first_dlq] = dead_letter_from.emplace(ep.from, j);
            if (!first_dlq)
                c.error(path, "'" + from.id + "' already has a dead_letter edge (edges[" +
                                  std::to_string(it->second) +
                                  "]): given-up messages go to one place");
        }
    }
}

void check_clients_call_out(Checker& c) {
    // An edge whose source or mode is unreadable might be the client's call: judge nothing then.
    for (std::size_t j = 0; j < c.s.edges.size(); ++j) {
        std::string path = json::path_index("edges", j);
        if (!c.trusted(path + ".from") || !c.trusted(path + ".mode")) return;
    }
    for (std::size_t i = 0; i < c.s.nodes.size(); ++i) {
        const Node& n = c.s.nodes[i];
        if (n.kind != NodeKind::client || !c.kind_known(static_cast<int>(i)) ||
            !c.trusted(json::path_index("nodes", i) + ".id"))
            continue;
        bool calls = false;
        for (const auto& e : c.s.edges)
            calls = calls || (e.from == n.id && e.mode == EdgeMode::sync);
        if (!calls)
            c.error(json::path_index("nodes", i),
                    "client '" + n.id +
                        "' has no outgoing sync edge: connect it to the service it calls");
    }
}

void check_sync_cycles(Checker& c) {
    // Iterative depth-first search over sync edges: every back edge closes one cycle, so
    // each cycle is reported once, at the edge that closes it.
    const std::size_t n = c.s.nodes.size();
    std::vector<std::vector<std::pair<int, std::size_t>>> calls(n);  // node -> (callee, edge)
    for (std::size_t j = 0; j < c.s.edges.size(); ++j) {
        Endpoints ep = resolve(c, j, false);
        // Only edges that are valid sync calls: a wrong edge is reported as such already.
        if (ep.from >= 0 && ep.to >= 0 && ep.mode_known && c.s.edges[j].mode == EdgeMode::sync &&
            c.kind_known(ep.from) && c.kind_known(ep.to) &&
            edge_mode_between(c.s.nodes[ep.from].kind, c.s.nodes[ep.to].kind) == EdgeMode::sync)
            calls[ep.from].push_back({ep.to, j});
    }
    enum class Color { white, grey, black };
    std::vector<Color> color(n, Color::white);
    for (std::size_t root = 0; root < n; ++root) {
        if (color[root] != Color::white) continue;
        std::vector<std::pair<int, std::size_t>> stack{
            {static_cast<int>(root), 0}};  // node, next call
        color[root] = Color::grey;
        while (!stack.empty()) {
            auto& [node, next] = stack.back();
            if (next == calls[node].size()) {
                color[node] = Color::black;
                stack.pop_back();
                continue;
            }
            auto [callee, edge] = calls[node][next++];
            if (color[callee] == Color::white) {
                color[callee] = Color::grey;
                stack.push_back({callee, 0});
            } else if (color[callee] == Color::grey) {
                std::string cycle;
                bool on = false;
                for (const auto& frame : stack) {
                    on = on || frame.first == callee;
                    if (on) cycle += c.s.nodes[frame.first].id + " -> ";
                }
                cycle += c.s.nodes[callee].id;
                c.error(json::path_index("edges", edge),
                        "sync call cycle: " + cycle +
                            " (each call would wait for itself: threads deadlock)");
            }
        }
    }
}

}  // namespace flowlab::model::detail
