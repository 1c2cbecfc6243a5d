#include "flowlab/model/topology.hpp"

namespace flowlab::model {

std::string topology_difference(const Scenario& a, const Scenario& b) {
    if (a.nodes.size() != b.nodes.size()) return "nodes were added or removed";
    for (std::size_t i = 0; i < a.nodes.size(); ++i)
        if (a.nodes[i].id != b.nodes[i].id || a.nodes[i].kind != b.nodes[i].kind)
            return "a node was renamed or replaced";
    if (a.edges.size() != b.edges.size()) return "edges were added or removed";
    for (std::size_t i = 0; i < a.edges.size(); ++i)
        if (a.edges[i].from != b.edges[i].from || a.edges[i].to != b.edges[i].to ||
            a.edges[i].mode != b.edges[i].mode)
            return "an edge was reconnected";
    return "";
}

}  // namespace flowlab::model
