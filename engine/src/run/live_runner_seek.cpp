// LiveRunner's seek on the engine thread: the timeline's (and the back key's) move to
// any time played, by deterministic re-execution from time 0 with the same inputs.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

#include "run/live_runner_impl.hpp"

namespace flowlab::run {

void LiveRunner::Impl::seek_to(double seconds, bool say) {
    if (!sim) return;
    const kernel::SimTime limit = std::max(reached, sim->now());
    const kernel::SimTime target =
        std::clamp<kernel::SimTime>(kernel::from_s(std::max(0.0, seconds)), 0, limit);
    const bool was_playing = playing;
    stop_playing();
    replay_to(target);
    message.clear();
    if (say) {
        char when[32];
        std::snprintf(when, sizeof when, "%.1f", kernel::to_s(sim->now()));
        message = std::string("Back to t = ") + when + " s: the same run again, same inputs";
    }
    publish();
    if (was_playing) start_playing();
}

kernel::SimTime LiveRunner::Impl::chart_rebuild_from(kernel::SimTime target) {
    const kernel::SimTime interval = kernel::from_s(chart_interval_s);
    const auto points = static_cast<kernel::SimTime>(std::ceil(chart_window_s / chart_interval_s));
    const kernel::SimTime k = (target / interval - points - 3) * interval;
    return std::max<kernel::SimTime>(0, k);
}

void LiveRunner::Impl::replay_to(kernel::SimTime target) {
    const kernel::SimTime furthest = std::max(reached, sim->now());
    // The replay passes checkpoints already passed: none may pause it.
    const int armed_before = std::exchange(armed_id, -1);
    start(base, revision);
    applied = 0;
    const kernel::SimTime from = chart_rebuild_from(target);
    if (from > 0 && !fast_forward(from)) {
        start(base, revision);  // the run ended before: replay all of it as a live run
        applied = 0;
    }
    window_mark = std::max(sim->now(), target - kernel::from_s(token_window_s));
    advance_to(target);
    window_mark = -1;
    in_final_window = false;
    reached = std::max(furthest, sim->now());
    armed_id = armed_before;
}

bool LiveRunner::Impl::fast_forward(kernel::SimTime t) {
    sim->set_observer(nullptr);
    apply_due_inputs(true);
    while (!sim->finished() && sim->now() < t) {
        sim->advance_to(std::min(t, next_input_time()));
        apply_due_inputs(true);
    }
    if (sim->now() < t) return false;
    observer = std::make_unique<LiveObserver>(scenario.edges.size());
    sim->set_observer(observer.get());
    sampler = std::make_unique<ChartSampler>(sim->world(), chart_window_s, chart_interval_s,
                                             watched_metrics(scenario));
    return true;
}

}  // namespace flowlab::run
