#include "run/recorded_input.hpp"

#include <stdexcept>

#include "flowlab/model/param_path.hpp"
#include "flowlab/model/schema.hpp"
#include "run/live_edit.hpp"
#include "runtime/world.hpp"

namespace flowlab::run {

namespace {

std::string apply_set(runtime::Simulation& sim, model::Scenario& scenario,
                      const model::RecordedInput& input) {
    std::string what = "Set";
    for (const auto& [path, value] : input.set) {
        std::string why;
        const auto param = model::find_param(scenario, path, &why);
        if (!param) throw std::runtime_error("recorded set " + path + ": " + why);
        param->set(scenario, value);
        what += " " + path + " = " + model::format_param_value(value);
    }
    std::string why;
    if (!apply_live_edit(sim.world(), scenario, &why))
        throw std::runtime_error("recorded set cannot apply to the running engine: " + why);
    return what;
}

}  // namespace

std::string apply_recorded_input(runtime::Simulation& sim, model::Scenario& scenario,
                                 const model::RecordedInput& input) {
    using Kind = model::RecordedInput::Kind;
    switch (input.kind) {
        case Kind::fault:
        case Kind::heal: {
            const bool on = input.kind == Kind::fault;
            sim.world().inject_fault(input.fault, on);
            return std::string(on ? "Injected " : "Healed ") + model::to_string(input.fault.kind) +
                   " on " + input.fault.target;
        }
        case Kind::set: return apply_set(sim, scenario, input);
        case Kind::redrive: {
            const auto moved = sim.redrive_dead_letters(input.dlq);
            return "Redrove " + std::to_string(moved) + " dead letters from " + input.dlq;
        }
        case Kind::extend: sim.extend(input.seconds); return "Continued the run";
    }
    return {};
}

void advance_with_recording(runtime::Simulation& sim, const model::Scenario& scenario,
                            kernel::SimTime until) {
    model::Scenario current = scenario;
    for (const auto& input : scenario.recording) {
        const kernel::SimTime at = kernel::from_s(input.at_s);
        if (at > until) break;
        sim.advance_to(at);
        apply_recorded_input(sim, current, input);
    }
    sim.advance_to(until);
}

}  // namespace flowlab::run
