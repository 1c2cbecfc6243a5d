#include "runtime/circuit_breaker.hpp"

#include <algorithm>

namespace flowlab::runtime {

CircuitBreaker::CircuitBreaker(const model::Breaker& config)
    : config_(config), window_(static_cast<std::size_t>(std::max(1, config.window)), 0) {}

CircuitBreaker::State CircuitBreaker::state(kernel::SimTime now) const {
    if (state_ == State::open && now >= open_until_) return State::half_open;
    return state_;
}

CircuitBreaker::Admission CircuitBreaker::admit(kernel::SimTime now) {
    if (state_ == State::open && now >= open_until_) {
        state_ = State::half_open;
        probes_out_ = 0;
        probes_ok_ = 0;
    }
    switch (state_) {
        case State::closed: return Admission::pass;
        case State::open: ++short_circuited_; return Admission::short_circuit;
        case State::half_open:
            if (probes_out_ < config_.half_open_probes) {
                ++probes_out_;
                return Admission::probe;
            }
            ++short_circuited_;
            return Admission::short_circuit;
    }
    return Admission::pass;
}

void CircuitBreaker::record(kernel::SimTime now, bool success, bool probe) {
    if (probe) {
        if (state_ != State::half_open) return;  // a probe answered after a reopen: ignore
        if (!success) {
            open(now);
            return;
        }
        if (++probes_ok_ >= config_.half_open_probes) {
            state_ = State::closed;
            std::fill(window_.begin(), window_.end(), 0);
            next_ = filled_ = 0;
            failures_ = 0;
        }
        return;
    }
    if (state_ != State::closed) return;  // late answers of calls admitted before opening
    std::uint8_t failed = success ? 0 : 1;
    if (filled_ == window_.size())
        failures_ -= window_[next_];
    else
        ++filled_;
    window_[next_] = failed;
    failures_ += failed;
    next_ = (next_ + 1) % window_.size();
    if (filled_ == window_.size() &&
        static_cast<double>(failures_) >=
            config_.failure_ratio * static_cast<double>(window_.size()))
        open(now);
}

void CircuitBreaker::open(kernel::SimTime now) {
    state_ = State::open;
    open_until_ = now + kernel::from_ms(config_.open_ms);
    ++opened_;
    probes_out_ = probes_ok_ = 0;
}

}  // namespace flowlab::runtime
