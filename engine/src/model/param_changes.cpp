// What a live edit changed, as parameter paths: the recording of a run stores edits this
// way (`"set": {"nodes.api.threads": 32}`), so that a replay applies the same values to the
// same parameters whatever else the document held.
#include "flowlab/model/param_path.hpp"

namespace flowlab::model {

namespace {

using Changes = std::vector<std::pair<std::string, ParamValue>>;

template <class Owner>
void diff_params(const std::vector<Param<Owner>>& params, const Owner& before, const Owner& after,
                 const std::string& prefix, Changes& out) {
    for (const auto& p : params) {
        const ParamValue was = p.get(before), now = p.get(after);
        const std::string path = prefix + "." + p.key;
        if (p.type != ParamType::group) {
            if (was != now) out.emplace_back(path, now);
            continue;
        }
        if (now != ParamValue(true)) {
            if (was == ParamValue(true)) out.emplace_back(path, false);  // removed
            continue;
        }
        if (was != ParamValue(true)) {
            // Added: every field, so that the replay builds the same group.
            for (const auto& f : p.fields) out.emplace_back(path + "." + f.key, f.get(after));
            continue;
        }
        diff_params(p.fields, before, after, path, out);
    }
}

}  // namespace

std::string edge_path(const Scenario& scenario, std::size_t index) {
    const Edge& e = scenario.edges[index];
    for (std::size_t i = 0; i < index; ++i)
        if (scenario.edges[i].from == e.from && scenario.edges[i].to == e.to)
            return "edges." + std::to_string(index);
    return "edges." + e.from + "->" + e.to;
}

Changes param_changes(const Scenario& before, const Scenario& after) {
    Changes out;
    const std::size_t nodes = std::min(before.nodes.size(), after.nodes.size());
    for (std::size_t i = 0; i < nodes; ++i) {
        const Node& b = before.nodes[i];
        const Node& a = after.nodes[i];
        if (b.kind != a.kind) continue;  // not the same topology: nothing to say here
        diff_params(node_params(a.kind), b, a, "nodes." + a.id, out);
    }
    const std::size_t edges = std::min(before.edges.size(), after.edges.size());
    for (std::size_t i = 0; i < edges; ++i)
        diff_params(edge_params(), before.edges[i], after.edges[i], edge_path(after, i), out);
    return out;
}

}  // namespace flowlab::model
