// Checks of the graph: edge endpoints and modes, one source per consumer, one
// dead-letter target per node, clients that call something, no sync call cycles.
#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string_view>

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
        case EdgeMode::webhook:
            return "a consumer calls a client back when the client's work is done (its webhook "
                   "endpoint)";
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
    // One pass over the edges, not one per client: a file with many clients stays linear.
    std::set<std::string_view> callers;
    for (const auto& e : c.s.edges)
        if (e.mode == EdgeMode::sync) callers.insert(e.from);
    for (std::size_t i = 0; i < c.s.nodes.size(); ++i) {
        const Node& n = c.s.nodes[i];
        if (n.kind != NodeKind::client || !c.kind_known(static_cast<int>(i)) ||
            !c.trusted(json::path_index("nodes", i) + ".id"))
            continue;
        if (callers.count(n.id) == 0)
            c.error(json::path_index("nodes", i),
                    "client '" + n.id +
                        "' has no outgoing sync edge: connect it to the service it calls");
    }
}

namespace {

/// A cycle is printed with at most this many node ids, and at most this many cycles are
/// listed: a generated file with thousands of long cycles must not print megabytes.
constexpr std::size_t max_cycle_ids = 8;
constexpr std::size_t max_cycles_listed = 20;

/// A back edge found by the search: the edge that closes the cycle, the cycle's first
/// node ids (at most max_cycle_ids) and its length in nodes.
struct FoundCycle {
    std::size_t edge = 0;
    std::vector<int> first_nodes;
    std::size_t length = 0;
};

std::string cycle_text(const Checker& c, const FoundCycle& cycle) {
    std::string text;
    for (int node : cycle.first_nodes) text += c.s.nodes[node].id + " -> ";
    if (cycle.length > cycle.first_nodes.size())
        text += "... (" + std::to_string(cycle.length - cycle.first_nodes.size()) + " more) -> ";
    return text + c.s.nodes[cycle.first_nodes.front()].id;
}

/// Sync call edges between nodes whose kinds call each other: node -> (callee, edge).
std::vector<std::vector<std::pair<int, std::size_t>>> sync_calls(Checker& c) {
    std::vector<std::vector<std::pair<int, std::size_t>>> calls(c.s.nodes.size());
    for (std::size_t j = 0; j < c.s.edges.size(); ++j) {
        Endpoints ep = resolve(c, j, false);
        // Only edges that are valid sync calls: a wrong edge is reported as such already.
        if (ep.from >= 0 && ep.to >= 0 && ep.mode_known && c.s.edges[j].mode == EdgeMode::sync &&
            c.kind_known(ep.from) && c.kind_known(ep.to) &&
            edge_mode_between(c.s.nodes[ep.from].kind, c.s.nodes[ep.to].kind) == EdgeMode::sync)
            calls[ep.from].push_back({ep.to, j});
    }
    return calls;
}

/// Iterative depth-first search: every back edge closes one cycle, so each cycle is found
/// once, at the edge that closes it. Linear in nodes + edges: where a node sits on the
/// stack is kept, so a cycle costs at most max_cycle_ids steps to describe.
std::vector<FoundCycle> find_sync_cycles(Checker& c) {
    const auto calls = sync_calls(c);
    const std::size_t n = calls.size();
    constexpr std::size_t off_stack = SIZE_MAX;
    std::vector<std::size_t> stack_at(n, off_stack);
    std::vector<bool> done(n, false);
    std::vector<FoundCycle> found;
    for (std::size_t root = 0; root < n; ++root) {
        if (done[root]) continue;
        std::vector<std::pair<int, std::size_t>> stack{{static_cast<int>(root), 0}};  // node, next
        stack_at[root] = 0;
        while (!stack.empty()) {
            auto& [node, next] = stack.back();
            if (next == calls[node].size()) {
                done[node] = true;
                stack_at[node] = off_stack;
                stack.pop_back();
                continue;
            }
            auto [callee, edge] = calls[node][next++];
            if (stack_at[callee] != off_stack) {
                FoundCycle cycle{edge, {}, stack.size() - stack_at[callee]};
                for (std::size_t k = stack_at[callee];
                     k < stack.size() && cycle.first_nodes.size() < max_cycle_ids; ++k)
                    cycle.first_nodes.push_back(stack[k].first);
                found.push_back(std::move(cycle));
            } else if (!done[callee]) {
                stack_at[callee] = stack.size();
                stack.push_back({callee, 0});
            }
        }
    }
    return found;
}

}  // namespace

void check_sync_cycles(Checker& c) {
    auto cycles = find_sync_cycles(c);
    // In file order, so the ones listed and the "more" line after them read top to bottom.
    std::sort(cycles.begin(), cycles.end(),
              [](const FoundCycle& a, const FoundCycle& b) { return a.edge < b.edge; });
    const std::size_t listed = std::min(cycles.size(), max_cycles_listed);
    for (std::size_t k = 0; k < listed; ++k)
        c.error(json::path_index("edges", cycles[k].edge),
                "sync call cycle: " + cycle_text(c, cycles[k]) +
                    " (each call would wait for itself: threads deadlock)");
    if (cycles.size() > listed)
        c.error(json::path_index("edges", cycles[listed].edge),
                "and " + std::to_string(cycles.size() - listed) +
                    " more sync call cycles, the first closed by this edge (only the first " +
                    std::to_string(listed) + " are listed)");
}

}  // namespace flowlab::model::detail
