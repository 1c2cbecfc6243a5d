#include "run/live_edit.hpp"

#include "runtime/async_messaging.hpp"

namespace flowlab::run {

namespace {
bool same_topology(const model::Scenario& a, const model::Scenario& b, std::string* why) {
    if (a.nodes.size() != b.nodes.size()) {
        *why = "nodes were added or removed";
        return false;
    }
    for (std::size_t i = 0; i < a.nodes.size(); ++i)
        if (a.nodes[i].id != b.nodes[i].id || a.nodes[i].kind != b.nodes[i].kind) {
            *why = "a node was renamed or replaced";
            return false;
        }
    if (a.edges.size() != b.edges.size()) {
        *why = "edges were added or removed";
        return false;
    }
    for (std::size_t i = 0; i < a.edges.size(); ++i)
        if (a.edges[i].from != b.edges[i].from || a.edges[i].to != b.edges[i].to ||
            a.edges[i].mode != b.edges[i].mode) {
            *why = "an edge was reconnected";
            return false;
        }
    if (a.faults != b.faults) {
        *why = "the scheduled faults changed";
        return false;
    }
    if (a.run != b.run || a.trace != b.trace || a.seed != b.seed) {
        *why = "the run settings changed";
        return false;
    }
    return true;
}
}  // namespace

bool apply_live_edit(runtime::World& world, const model::Scenario& edited, std::string* why) {
    std::string reason;
    if (!same_topology(world.scenario, edited, &reason)) {
        if (why) *why = reason;
        return false;
    }
    // Node and edge runtimes point into world.scenario, so assigning element-wise keeps
    // those pointers valid while the values change.
    for (std::size_t i = 0; i < edited.nodes.size(); ++i) {
        const model::Node before = world.scenario.nodes[i];
        world.scenario.nodes[i] = edited.nodes[i];
        runtime::NodeRt& n = world.nodes[i];
        if (n.kind == model::NodeKind::service || n.kind == model::NodeKind::database) {
            n.threads = n.cfg->threads;
            world.release_thread(
                static_cast<runtime::Id>(i));  // more threads drain the backlog now
        }
        if (n.kind == model::NodeKind::client &&
            (before.rate_per_s != n.cfg->rate_per_s || before.arrival != n.cfg->arrival) &&
            n.arrivals_on) {
            ++n.arrival_gen;  // redraw the next arrival at the new rate
            world.schedule_next_arrival(static_cast<runtime::Id>(i));
        }
    }
    for (std::size_t e = 0; e < edited.edges.size(); ++e) {
        const model::Edge before = world.scenario.edges[e];
        world.scenario.edges[e] = edited.edges[e];
        runtime::EdgeRt& rt = world.edges[e];
        rt.timeout = rt.cfg->timeout_ms ? kernel::from_ms(*rt.cfg->timeout_ms) : kernel::never;
        if (before.breaker != rt.cfg->breaker) {
            if (rt.cfg->breaker)
                rt.breaker.emplace(*rt.cfg->breaker);
            else
                rt.breaker.reset();
        }
    }
    world.scenario.name = edited.name;
    world.scenario.description = edited.description;
    world.scenario.layout = edited.layout;
    world.scenario.lesson = edited.lesson;
    world.messaging->on_params_changed();
    return true;
}

}  // namespace flowlab::run
