// Is a solution a fair answer to its challenge? Everything the challenge fixes is held
// to the challenge as given: what the student may not touch (locked nodes and their own
// calls, clients and theirs, scheduled faults, run settings, seed, the challenge block)
// and what they may spend (the budget). Each difference is one located line.

#include <algorithm>
#include <set>

#include "flowlab/model/schema.hpp"
#include "flowlab/run/challenge.hpp"

namespace flowlab::run {

namespace {

using Problems = std::vector<std::string>;

/// "<path>.<key>: <why>" for every parameter `now` changed from `was`; inside a group
/// present in both, per field ("nodes.c.autoscale.max: ...").
template <class Owner>
void param_differences(const std::vector<model::Param<Owner>>& params, const Owner& was,
                       const Owner& now, const std::string& path, const std::string& why,
                       Problems& out) {
    for (const auto& p : params) {
        const std::string child = path + "." + p.key;
        if (p.get(was) != p.get(now))
            out.push_back(child + ": " + why);
        else if (p.type == model::ParamType::group)
            param_differences(p.fields, was, now, child, why, out);
    }
}

void node_differences(const model::Node& was, const model::Node& now, const std::string& why,
                      Problems& out) {
    const std::string path = "nodes." + was.id;
    if (was.kind != now.kind)
        out.push_back(path + ".kind: " + why);
    else
        param_differences(model::node_params(was.kind), was, now, path, why, out);
}

std::string edge_name(const model::Edge& e) { return e.from + "->" + e.to; }

const model::Edge* find_edge(const model::Scenario& s, const model::Edge& like) {
    for (const auto& e : s.edges)
        if (e.from == like.from && e.to == like.to) return &e;
    return nullptr;
}

/// A client's outgoing calls are part of the load: where the users enter and the network
/// in front of them are the challenge's, not the student's.
void call_differences(const model::Scenario& challenge, const model::Scenario& solution,
                      const std::string& id, const std::string& who, Problems& out) {
    for (const auto& e : challenge.edges) {
        if (e.from != id) continue;
        const std::string path = "edges." + edge_name(e);
        const model::Edge* now = find_edge(solution, e);
        if (!now) {
            out.push_back(path + ": call of " + who + " removed");
            continue;
        }
        if (now->mode != e.mode) out.push_back(path + ".mode: call of " + who + " changed");
        param_differences(model::edge_params(), e, *now, path, "call of " + who + " changed", out);
    }
    for (const auto& e : solution.edges)
        if (e.from == id && !find_edge(challenge, e))
            out.push_back("edges." + edge_name(e) + ": call added to " + who);
}

/// A fixed node keeps its parameters (its label and position are free). A locked
/// service's calls are free: adding a breaker or moving a call behind a queue is the
/// design work a challenge asks for.
void fixed_node(const model::Scenario& challenge, const model::Scenario& solution,
                const model::Node& was, const std::string& who, Problems& out) {
    const model::Node* now = solution.find_node(was.id);
    if (!now) {
        out.push_back("nodes." + was.id + ": " + who + " deleted");
        return;
    }
    node_differences(was, *now, who + " changed", out);
    if (was.kind == model::NodeKind::client)
        call_differences(challenge, solution, was.id, who, out);
}

void fixed_nodes(const model::Scenario& challenge, const model::Scenario& solution, Problems& out) {
    const auto& locked = challenge.challenge->locked;
    for (const auto& n : challenge.nodes) {
        const bool is_locked = std::find(locked.begin(), locked.end(), n.id) != locked.end();
        if (is_locked)
            fixed_node(challenge, solution, n, "locked node", out);
        else if (n.kind == model::NodeKind::client)
            fixed_node(challenge, solution, n, "client", out);
    }
    for (const auto& n : solution.nodes) {
        const model::Node* was = challenge.find_node(n.id);
        if (n.kind == model::NodeKind::client && (!was || was->kind != n.kind))
            out.push_back("nodes." + n.id + ": client added (the load is the challenge's)");
    }
}

std::string fault_text(const model::Fault& f) {
    return std::string(model::to_string(f.kind)) + " on '" + f.target + "' at " +
           model::format_number(f.at_s) + " s";
}

/// Faults as a multiset: order does not matter, each one of the challenge must be there
/// exactly once, and nothing may be added (a spike could lower the load).
void fault_differences(const model::Scenario& challenge, const model::Scenario& solution,
                       Problems& out) {
    std::vector<bool> matched(solution.faults.size(), false);
    for (std::size_t i = 0; i < challenge.faults.size(); ++i) {
        bool found = false;
        for (std::size_t j = 0; j < solution.faults.size() && !found; ++j)
            if (!matched[j] && solution.faults[j] == challenge.faults[i]) matched[j] = found = true;
        if (!found)
            out.push_back("faults[" + std::to_string(i) +
                          "]: scheduled fault removed or changed (" +
                          fault_text(challenge.faults[i]) + ")");
    }
    for (std::size_t j = 0; j < solution.faults.size(); ++j)
        if (!matched[j])
            out.push_back("faults[" + std::to_string(j) + "]: fault added (" +
                          fault_text(solution.faults[j]) + ")");
}

void run_differences(const model::Scenario& challenge, const model::Scenario& solution,
                     Problems& out) {
    for (const auto& p : model::run_params())
        if (p.get(challenge.run) != p.get(solution.run))
            out.push_back("run." + p.key + ": run setting changed");
    if (challenge.seed != solution.seed)
        out.push_back("seed: changed (the challenge runs with seed " +
                      std::to_string(challenge.seed) + ")");
}

void block_differences(const model::Challenge& was, const std::optional<model::Challenge>& now,
                       Problems& out) {
    if (!now) return;  // a solution may leave the block out: the challenge's goals apply
    if (now->goals != was.goals) out.push_back("challenge.goals: goals changed");
    if (now->locked != was.locked) out.push_back("challenge.locked: locked nodes changed");
    if (now->budget != was.budget) out.push_back("challenge.budget: budget changed");
}

void budget_differences(const model::Budget& allowed, const BudgetUse& used, Problems& out) {
    if (allowed.threads && used.threads > *allowed.threads)
        out.push_back("budget.threads: " + std::to_string(used.threads) +
                      " service threads, the budget allows " + std::to_string(*allowed.threads));
    if (allowed.consumer_instances && used.consumer_instances > *allowed.consumer_instances)
        out.push_back("budget.consumer_instances: " + std::to_string(used.consumer_instances) +
                      " consumer instances, the budget allows " +
                      std::to_string(*allowed.consumer_instances));
}

}  // namespace

BudgetUse budget_use(const model::Scenario& design) {
    BudgetUse use;
    for (const auto& n : design.nodes) {
        if (n.kind == model::NodeKind::service || n.kind == model::NodeKind::orchestrator)
            use.threads += n.threads;
        if (n.kind == model::NodeKind::consumer)
            use.consumer_instances += std::max(n.concurrency, n.autoscale ? n.autoscale->max : 0);
    }
    return use;
}

std::vector<std::string> fairness_problems(const model::Scenario& challenge,
                                           const model::Scenario& solution) {
    Problems out;
    if (!challenge.challenge) return out;
    fixed_nodes(challenge, solution, out);
    fault_differences(challenge, solution, out);
    run_differences(challenge, solution, out);
    block_differences(*challenge.challenge, solution.challenge, out);
    budget_differences(challenge.challenge->budget, budget_use(solution), out);
    return out;
}

}  // namespace flowlab::run
