// Caches and rate limiters stand in front of exactly one callee: each needs one outgoing
// sync edge, or it would have nothing to pass a call (or a miss) on to.
#include "model/validate_checker.hpp"

namespace flowlab::model::detail {

void check_proxies(Checker& c) {
    // An edge whose source or mode is unreadable might be the missing one: judge nothing.
    for (std::size_t j = 0; j < c.s.edges.size(); ++j) {
        const std::string path = json::path_index("edges", j);
        if (!c.trusted(path + ".from") || !c.trusted(path + ".mode")) return;
    }
    std::map<std::string_view, std::vector<std::size_t>> out;  // node id -> its sync edges
    for (std::size_t j = 0; j < c.s.edges.size(); ++j)
        if (c.s.edges[j].mode == EdgeMode::sync) out[c.s.edges[j].from].push_back(j);
    for (std::size_t i = 0; i < c.s.nodes.size(); ++i) {
        const Node& n = c.s.nodes[i];
        const bool proxy = n.kind == NodeKind::cache || n.kind == NodeKind::rate_limiter;
        const std::string path = json::path_index("nodes", i);
        if (!proxy || !c.kind_known(static_cast<int>(i)) || !c.trusted(path + ".id")) continue;
        const std::string what = n.kind == NodeKind::cache
                                     ? "cache '" + n.id +
                                           "' needs the service or database it "
                                           "answers for on a miss"
                                     : "rate limiter '" + n.id + "' needs the callee it protects";
        const auto it = out.find(n.id);
        const std::size_t count = it == out.end() ? 0 : it->second.size();
        if (count == 0)
            c.error(path, what + ": connect it with one sync edge");
        else if (count > 1)
            c.error(json::path_index("edges", it->second[1]),
                    "'" + n.id + "' already calls '" + c.s.edges[it->second[0]].to + "' (edges[" +
                        std::to_string(it->second[0]) + "]): a " + to_string(n.kind) +
                        " stands in front of one callee");
    }
}

}  // namespace flowlab::model::detail
