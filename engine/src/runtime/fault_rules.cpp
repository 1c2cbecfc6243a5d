// Faults: scheduled at `at_s`, healed after `for_s`. Sync nodes change how they accept
// and finish work; clients change their rate; async kinds are handed to AsyncMessaging.

#include <algorithm>

#include "runtime/async_messaging.hpp"
#include "runtime/world.hpp"

namespace flowlab::runtime {

void World::schedule_faults() {
    for (const model::Fault& f : scenario.faults) {
        World* w = this;
        const model::Fault* fault = &f;
        kernel.at(kernel::from_s(f.at_s), [w, fault] { w->apply_fault(*fault, true); });
        if (f.for_s)
            kernel.at(kernel::from_s(f.at_s + *f.for_s),
                      [w, fault] { w->apply_fault(*fault, false); });
    }
}

void World::inject_fault(const model::Fault& f, bool on) {
    if (!on || !f.for_s) {
        apply_fault(f, on);
        return;
    }
    model::Fault& kept = injected_faults.emplace_back(f);
    kept.at_s = kernel::to_s(now());
    apply_fault(kept, true);
    World* w = this;
    const model::Fault* fault = &kept;
    kernel.at(now() + kernel::from_s(*f.for_s), [w, fault] { w->apply_fault(*fault, false); });
}

void World::apply_fault(const model::Fault& f, bool on) {
    const Id target = node_index(f.target);
    if (target == no_id) return;
    NodeRt& n = nodes[target];
    using model::FaultKind;
    if (f.kind == FaultKind::reset) {
        // An action, not a condition: it happens once and leaves nothing to heal.
        if (on) messaging->apply_fault(target, f, true);
        return;
    }
    if (on) {
        const SimTime ends = f.for_s ? now() + kernel::from_s(*f.for_s) : kernel::never;
        n.active_faults.push_back({f, ends});
    } else {
        auto it =
            std::find_if(n.active_faults.begin(), n.active_faults.end(),
                         [&](const NodeRt::ActiveFault& a) { return a.fault.kind == f.kind; });
        if (it == n.active_faults.end()) return;  // healing what is not there changes nothing
        n.active_faults.erase(it);
    }
    const bool async_node = n.kind == model::NodeKind::consumer ||
                            n.kind == model::NodeKind::queue || n.kind == model::NodeKind::topic;
    if (async_node) {
        messaging->apply_fault(target, f, on);
        return;
    }
    switch (f.kind) {
        case FaultKind::down: n.down += on ? 1 : -1; break;
        case FaultKind::hang:
            n.hung += on ? 1 : -1;
            if (n.hung == 0) {
                // Healed: everything that was stuck answers now, in the order it got stuck.
                std::vector<Id> stuck;
                stuck.swap(n.hung_work);
                for (Id inv : stuck) resume_after_work(inv);
            }
            break;
        case FaultKind::slow:
        case FaultKind::errors: n.work_faults.apply(f, on); break;
        case FaultKind::spike:
            if (on)
                n.spike_rate = f.rate_per_s;
            else
                n.spike_rate.reset();
            // Poisson arrivals are memoryless, so redrawing the next gap at the new rate
            // is exact; uniform arrivals restart their spacing at the change.
            if (n.arrivals_on) {
                ++n.arrival_gen;
                schedule_next_arrival(target);
            }
            break;
        default: break;
    }
}

}  // namespace flowlab::runtime
