// LiveRunner's transport on the engine thread: play and pause paced by the wall clock,
// steps, run_for with its final token window, and lesson checkpoints that pause the run.

#include <algorithm>
#include <chrono>
#include <cstdint>

#include "run/live_runner_impl.hpp"

namespace flowlab::run {

void LiveRunner::Impl::start_token_window() {
    observer->restart_window(sim->now());
    Frame scratch;  // builds once so that "arrived since the last frame" starts here too
    builder->build(sim->world(), *observer, scratch);
    window_mark = -1;
    in_final_window = true;
}

void LiveRunner::Impl::advance_to(kernel::SimTime t) {
    apply_due_inputs();
    if (window_mark >= 0 && sim->now() >= window_mark) start_token_window();
    while (!sim->finished() && sim->now() < t) {
        kernel::SimTime stop = std::min({t, sampler->next_sample(), next_input_time()});
        if (window_mark > sim->now()) stop = std::min(stop, window_mark);
        if (armed_id >= 0) stop = std::min(stop, checkpoint_stop());
        sim->advance_to(stop);
        sample_if_due();
        apply_due_inputs();
        if (window_mark >= 0 && sim->now() >= window_mark) start_token_window();
        if (armed_id >= 0 && checkpoint_due()) {
            reach_checkpoint();
            break;
        }
    }
    reached = std::max(reached, sim->now());
}

kernel::SimTime LiveRunner::Impl::checkpoint_stop() const {
    kernel::SimTime stop = kernel::never;
    if (armed.at_s) stop = std::max(sim->now(), kernel::from_s(*armed.at_s));
    if (armed.when) stop = std::min(stop, next_condition_check(sim->now()));
    return stop;
}

bool LiveRunner::Impl::checkpoint_due() const {
    const kernel::SimTime now = sim->now();
    if (armed.at_s && now >= kernel::from_s(*armed.at_s)) return true;
    const bool on_grid = now % kernel::from_s(condition_check_interval_s) == 0;
    return armed.when && on_grid && condition_holds(sim->report(), *armed.when);
}

void LiveRunner::Impl::reach_checkpoint(std::shared_ptr<const boost::json::object> report) {
    reached_id = armed_id;
    reached_s = kernel::to_s(sim->now());
    reached_report =
        report ? std::move(report) : std::make_shared<const boost::json::object>(sim->report());
    armed_id = -1;
    stop_playing();
}

void LiveRunner::Impl::arm_checkpoint(int id, const Checkpoint& checkpoint) {
    if (!sim || id < 0 || id == armed_id || id == reached_id) return;
    armed_id = id;
    armed = checkpoint;
    publish();  // reached already (a time passed, a condition holding) shows at once
}

void LiveRunner::Impl::disarm_checkpoint() {
    armed_id = -1;
    publish();
}

void LiveRunner::Impl::run_to_checkpoint() {
    if (!sim) return;
    run_target = kernel::never;
    start_playing();
    publish();
}

void LiveRunner::Impl::sample_if_due() {
    if (sim->now() >= sampler->next_sample()) sampler->sample(sim->world(), *observer);
}

void LiveRunner::Impl::tick() {
    if (!sim || !playing) return;
    const auto wall_now = Clock::now();
    const double wall_dt =
        std::min(0.1, std::chrono::duration<double>(wall_now - last_wall).count());
    last_wall = wall_now;
    if (speed <= 0 || run_target >= 0) {
        // As fast as possible, but publish a frame every ~15 ms of wall time.
        const auto budget_end = wall_now + fast_slice_budget;
        const kernel::SimTime target = run_target >= 0 ? run_target : kernel::never;
        // The last token window runs in one go: a frame published inside it would
        // restart the tokens at a time that depends on the machine's speed.
        while (playing && !sim->finished() && sim->now() < target &&
               (Clock::now() < budget_end || in_final_window))
            advance_to(std::min(target, sim->now() + kernel::from_ms(20)));
        if (run_target >= 0 && sim->now() >= run_target) stop_playing();
    } else {
        advance_to(sim->now() + kernel::from_s(wall_dt * speed));
    }
    if (sim->finished()) stop_playing();  // a target past the end ends with the run
    publish();
    schedule_tick();
}

void LiveRunner::Impl::schedule_tick() {
    if (!playing) return;
    timer.expires_after(tick_period);
    timer.async_wait([this](const boost::system::error_code& ec) {
        if (!ec) post([this] { tick(); });
    });
}

void LiveRunner::Impl::start_playing() {
    if (!sim || sim->finished() || playing) return;
    playing = true;
    last_wall = Clock::now();
    schedule_tick();
}

void LiveRunner::Impl::stop_playing() {
    playing = false;
    run_target = -1;
    window_mark = -1;
    in_final_window = false;
}

void LiveRunner::Impl::pause() {
    stop_playing();
    publish();
}

void LiveRunner::Impl::toggle_play() {
    if (playing) {
        pause();
    } else {
        start_playing();
    }
}

void LiveRunner::Impl::step_once() {
    apply_due_inputs();
    const kernel::SimTime input = next_input_time();
    if (input != kernel::never && input < sim->next_event_time()) {
        sim->advance_to(input);
        sample_if_due();
        apply_due_inputs();
    } else {
        sim->step();
        sample_if_due();
    }
    reached = std::max(reached, sim->now());
}

void LiveRunner::Impl::step_event() {
    if (!sim) return;
    stop_playing();
    step_once();
    publish();
}

std::uint64_t LiveRunner::Impl::hops_so_far() const {
    std::uint64_t n = 0;
    for (auto c : observer->hops_per_edge) n += c;
    return n;
}

void LiveRunner::Impl::step_hop() {
    if (!sim) return;
    stop_playing();
    // Run until something starts moving along an edge (bounded, in case nothing will).
    const std::uint64_t before = hops_so_far();
    for (int n = 0; n < 1'000'000 && !sim->finished(); ++n) {
        step_once();
        if (hops_so_far() > before) break;
    }
    publish();
}

void LiveRunner::Impl::run_for(double virtual_seconds) {
    if (!sim) return;
    if (sim->finished()) {
        publish();
        return;
    }
    run_target = sim->now() + kernel::from_s(std::max(0.0, virtual_seconds));
    window_mark = std::max(sim->now(), run_target - kernel::from_s(token_window_s));
    in_final_window = false;
    if (playing) return;
    playing = true;
    last_wall = Clock::now();
    schedule_tick();
}

void LiveRunner::Impl::set_speed(double x) {
    speed = x <= 0 ? 0.0 : std::clamp(x, 0.1, 1000.0);
    publish();
}

}  // namespace flowlab::run
