#pragma once
/// The discrete-event kernel: a virtual clock driven by the event calendar, running
/// on a Boost.Asio io_context.
///
/// Asio is the execution substrate: the engine's work runs as handlers on the
/// io_context (batch runs post the event loop into it; LiveRunner also posts commands
/// from the UI into it), and `async_wait` is a real Asio asynchronous operation whose
/// completion is scheduled on the virtual clock. Asio cannot jump a timer to the next
/// expiry of a fake clock, so the calendar is ours and the loop pops it directly.

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/io_context.hpp>

#include <cstdint>
#include <memory>
#include <type_traits>
#include <unordered_set>
#include <utility>

#include "flowlab/kernel/calendar.hpp"
#include "flowlab/kernel/callback.hpp"
#include "flowlab/kernel/sim_time.hpp"

namespace flowlab::kernel {

class Kernel {
public:
    explicit Kernel(boost::asio::io_context& io) : io_(io) {}
    Kernel(const Kernel&) = delete;
    Kernel& operator=(const Kernel&) = delete;
    ~Kernel() {
        for (auto* box : boxes_) delete box;
    }

    SimTime now() const { return now_; }
    boost::asio::io_context& io() { return io_; }
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

    /// Asio-style virtual-time wait: completes with no arguments after `delay`.
    /// Works with any completion token (callbacks, use_awaitable, deferred...).
    template <class Token>
    auto async_wait(SimTime delay, Token&& token) {
        return boost::asio::async_initiate<Token, void()>(
            [this, delay](auto handler) {
                using H = std::decay_t<decltype(handler)>;
                auto* box = new HandlerBox<H>(std::move(handler));
                boxes_.insert(box);
                Kernel* self = this;
                after(delay, [self, box] { self->complete_box(box); });
            },
            token);
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

    /// Runs every event scheduled at or before `limit`, then sets the clock to
    /// `limit` (unless stopped early). Returns true if it reached the limit.
    bool run_until(SimTime limit) {
        stop_requested_ = false;
        while (!stop_requested_ && !calendar_.empty() && calendar_.next_time() <= limit) step();
        if (stop_requested_) return false;
        if (limit != never && now_ < limit) now_ = limit;
        return true;
    }

    /// Moves the clock forward to `t` when no event is due before it (a live view
    /// shows time passing even when nothing happens).
    void advance_clock(SimTime t) {
        if (t > now_ && t != never && calendar_.next_time() >= t) now_ = t;
    }

    /// Makes run_until return after the current event.
    void request_stop() { stop_requested_ = true; }

private:
    struct BoxBase {
        virtual ~BoxBase() = default;
        virtual void complete() = 0;
    };
    template <class H>
    struct HandlerBox final : BoxBase {
        explicit HandlerBox(H h) : handler(std::move(h)) {}
        void complete() override {
            // We are already running on the io_context's thread inside the event
            // loop, so invoking the handler here is what asio::dispatch would do.
            std::move(handler)();
        }
        H handler;
    };

    void complete_box(BoxBase* box) {
        boxes_.erase(box);
        std::unique_ptr<BoxBase> owned(box);
        owned->complete();
    }

    boost::asio::io_context& io_;
    Calendar calendar_;
    SimTime now_ = 0;
    std::uint64_t events_ = 0;
    bool stop_requested_ = false;
    std::unordered_set<BoxBase*> boxes_;  // boxed Asio handlers not yet completed
};

}  // namespace flowlab::kernel
