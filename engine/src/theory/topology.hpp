#pragma once
// The scenario's graph as the predictions read it: edges by node, in file order, and
// which nodes a fault touches. Built once per predict() call.

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "flowlab/model/scenario.hpp"

namespace flowlab::theory {

bool is_caller(model::NodeKind k);
bool is_server(model::NodeKind k);

struct Topology {
    explicit Topology(const model::Scenario& scenario);

    const model::Scenario& s;
    std::map<std::string, std::size_t> index;
    /// Sync edges from a client, service or consumer into a service or database.
    std::vector<std::vector<const model::Edge*>> sync_in, sync_out;
    std::vector<std::vector<const model::Edge*>> async_in, async_out;
    /// Every outgoing edge, in file order: the order a caller performs them in.
    std::vector<std::vector<const model::Edge*>> out;
    std::set<std::string> faulted;

    std::size_t at(const std::string& id) const { return index.at(id); }
    const model::Node& node(std::size_t i) const { return s.nodes[i]; }
    const model::Node& node(const std::string& id) const { return s.nodes[at(id)]; }
    bool is_faulted(std::size_t i) const { return faulted.count(s.nodes[i].id) != 0; }
    bool has_out(std::size_t i) const { return !out[i].empty(); }
};

}  // namespace flowlab::theory
