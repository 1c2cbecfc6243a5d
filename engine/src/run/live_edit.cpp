#include "run/live_edit.hpp"

#include "flowlab/model/topology.hpp"
#include "runtime/async_messaging.hpp"

namespace flowlab::run {

namespace {
/// Why `edited` cannot be applied to a running world, or "": the same topology (a world's
/// node and edge runtimes are built from it) and the same schedule of faults and settings.
std::string why_not_live(const model::Scenario& running, const model::Scenario& edited) {
    std::string why = model::topology_difference(running, edited);
    if (!why.empty()) return why;
    if (running.faults != edited.faults) return "the scheduled faults changed";
    if (running.run != edited.run || running.trace != edited.trace || running.seed != edited.seed)
        return "the run settings changed";
    return "";
}
}  // namespace

bool apply_live_edit(runtime::World& world, const model::Scenario& edited, std::string* why) {
    if (const std::string reason = why_not_live(world.scenario, edited); !reason.empty()) {
        if (why) *why = reason;
        return false;
    }
    // Node and edge runtimes point into world.scenario, so assigning element-wise keeps
    // those pointers valid while the values change.
    for (std::size_t i = 0; i < edited.nodes.size(); ++i) {
        const model::Node before = world.scenario.nodes[i];
        world.scenario.nodes[i] = edited.nodes[i];
        runtime::NodeRt& n = world.nodes[i];
        if (model::serves_requests(n.kind)) {
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
