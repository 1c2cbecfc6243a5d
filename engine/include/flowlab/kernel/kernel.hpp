#pragma once
/// The discrete-event kernel: a virtual clock driven by the event calendar.
///
/// Events are small inline callables (Callback) in our own (time, sequence) calendar:
/// a run jumps from one event's time to the next, which no Asio timer can do on a fake
/// clock. Asio's role in FlowLab is the live runner's engine thread (an io_context that
/// serialises the UI's commands and paces ticks with a steady_timer; see
/// run/live_runner.cpp), not the events themselves (docs/engine-semantics.md, "Asio").

#include <cstdint>

#include "flowlab/kernel/calendar.hpp"
#include "flowlab/kernel/callback.hpp"
#include "flowlab/kernel/sim_time.hpp"

namespace flowlab::kernel {

class Kernel {
public:
    Kernel() = default;
    Kernel(const Kernel&) = delete;
    Kernel& operator=(const Kernel&) = delete;

    SimTime now() const { return now_; }
    std::uint64_t events_processed() const { return events_; }
    std::size_t pending_events() const { return calendar_.size(); }
    SimTime next_event_time() const { return calendar_.next_time(); }
    const Calendar& calendar() const { return calendar_; }

    /// Runs `f` at virtual time `t` (never earlier than now). `f` must be a small,
    /// trivially copyable callable: this is the hot path.
    template <class F>
    void at(SimTime t, F f) {
        calendar_.schedule(t < now_ ? now_ : t, f);
    }
    template <class F>
    void after(SimTime delay, F f) {
        at(now_ + (delay > 0 ? delay : 0), f);
    }

    /// Runs the earliest event. Returns false when the calendar is empty.
    bool step() {
        if (calendar_.empty()) return false;
        Callback action;
        now_ = calendar_.pop(action);
        ++events_;
        action();
        return true;
    }

    /// Moves the clock forward to `t` when no event is due before it (a live view
    /// shows time passing even when nothing happens).
    void advance_clock(SimTime t) {
        if (t > now_ && t != never && calendar_.next_time() >= t) now_ = t;
    }

private:
    Calendar calendar_;
    SimTime now_ = 0;
    std::uint64_t events_ = 0;
};

}  // namespace flowlab::kernel
