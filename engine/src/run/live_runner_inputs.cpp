// LiveRunner's inputs on the engine thread: live edits, faults, redrives and extensions
// are applied and recorded with their virtual time; recorded ones replay as the run passes
// them. An input given in the past forks the run and keeps the abandoned future.

#include <algorithm>
#include <cstdio>

#include "flowlab/model/param_path.hpp"
#include "run/live_edit.hpp"
#include "run/live_runner_impl.hpp"
#include "run/recorded_input.hpp"

namespace flowlab::run {

kernel::SimTime LiveRunner::Impl::next_input_time() const {
    return applied < inputs.size() ? kernel::from_s(inputs[applied].at_s) : kernel::never;
}

void LiveRunner::Impl::apply_due_inputs(bool quiet) {
    while (applied < inputs.size() && kernel::from_s(inputs[applied].at_s) <= sim->now()) {
        const std::string what = apply_recorded_input(*sim, scenario, inputs[applied]);
        if (inputs[applied].kind == model::RecordedInput::Kind::set)
            builder = std::make_unique<FrameBuilder>(scenario);
        ++applied;
        if (!quiet) message = "Replayed from the recording: " + what;
    }
}

void LiveRunner::Impl::give(model::RecordedInput input, bool applied_already) {
    input.at_s = kernel::to_s(sim->now());
    if (!applied_already) message = apply_recorded_input(*sim, scenario, input);
    if (applied < inputs.size() || reached > sim->now()) {
        abandoned = recorded;
        abandoned_until_s = kernel::to_s(reached);
        inputs.resize(applied);
    }
    inputs.push_back(std::move(input));
    applied = inputs.size();
    reached = sim->now();
    update_recorded();
}

void LiveRunner::Impl::update_recorded() {
    auto run = std::make_shared<model::Scenario>(base);
    run->recording = inputs;
    recorded = std::move(run);
}

void LiveRunner::Impl::apply_edit(const model::Scenario& edited, std::uint64_t rev) {
    if (!sim) {
        load(edited, rev);
        return;
    }
    std::string why;
    model::Scenario next = edited;
    next.recording.clear();  // the runner's own inputs are the recording
    auto changes = model::param_changes(scenario, next);
    if (apply_live_edit(sim->world(), next, &why)) {
        scenario = next;
        revision = rev;
        builder = std::make_unique<FrameBuilder>(next);
        // Recorded as the parameters it changed, which a replay sets at the same time.
        if (!changes.empty()) {
            model::RecordedInput input;
            input.kind = model::RecordedInput::Kind::set;
            input.set = std::move(changes);
            give(std::move(input), true);
        }
        message = "Applied to the running engine";
        publish();
        return;
    }
    const bool was_playing = playing;
    load(next, rev, "Restarted: " + why);
    if (was_playing) start_playing();
}

void LiveRunner::Impl::set_fault(const model::Fault& fault, bool on) {
    if (!sim) return;
    model::RecordedInput input;
    input.kind = on ? model::RecordedInput::Kind::fault : model::RecordedInput::Kind::heal;
    input.fault = fault;
    input.fault.at_s = 0;  // the entry's at_s says when
    give(std::move(input));
    if (sim->finished()) message += ": the run has ended, Continue to see the effect";
    publish();
}

void LiveRunner::Impl::extend(double seconds) {
    if (!sim) return;
    model::RecordedInput input;
    input.kind = model::RecordedInput::Kind::extend;
    input.seconds = std::max(0.0, seconds);
    if (input.seconds > 0) give(std::move(input));
    char text[96];
    std::snprintf(text, sizeof text, "Continued: clients send until %.1f s",
                  kernel::to_s(sim->now()) + std::max(0.0, seconds));
    message = text;
    publish();
}

void LiveRunner::Impl::redrive(const std::string& dlq_id) {
    if (!sim) return;
    model::RecordedInput input;
    input.kind = model::RecordedInput::Kind::redrive;
    input.dlq = dlq_id;
    give(std::move(input));
    publish();
}

}  // namespace flowlab::run
