#include "flowlab/model/saga.hpp"

#include <set>

namespace flowlab::model {

namespace {
std::vector<std::size_t> sync_edges_from(const Scenario& s, const std::string& id) {
    std::vector<std::size_t> out;
    for (std::size_t j = 0; j < s.edges.size(); ++j)
        if (s.edges[j].from == id && s.edges[j].mode == EdgeMode::sync) out.push_back(j);
    return out;
}
}  // namespace

std::vector<SagaStep> saga_steps(const Scenario& s, std::size_t orchestrator) {
    const std::string& id = s.nodes.at(orchestrator).id;
    const auto edges = sync_edges_from(s, id);
    // Targets that another edge names as its compensation: those edges are channels.
    std::set<std::string> channels;
    for (std::size_t j : edges)
        if (!s.edges[j].compensate.empty() && s.edges[j].compensate != s.edges[j].to)
            channels.insert(s.edges[j].compensate);
    std::vector<SagaStep> steps;
    for (std::size_t j : edges) {
        const Edge& e = s.edges[j];
        if (channels.count(e.to) && e.compensate.empty()) continue;
        SagaStep step{j, std::nullopt};
        for (std::size_t k : edges)
            if (!e.compensate.empty() && s.edges[k].to == e.compensate) {
                step.undo = k;
                break;
            }
        steps.push_back(step);
    }
    return steps;
}

}  // namespace flowlab::model
