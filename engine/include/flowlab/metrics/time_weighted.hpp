#pragma once
/// The time integral of an integer level (threads in a state, queue depth) over virtual time.
///
/// A level only changes at events, so its integral is a sum of rectangles: level times the
/// virtual time it was held. Thread time per state (idle / working / blocked) is the
/// integral of the number of threads in that state; the mean queue depth is the integral
/// divided by the elapsed time (the time average that Little's law L = lambda W speaks of).

#include <cassert>
#include <cstdint>

#include "flowlab/kernel/sim_time.hpp"

namespace flowlab::metrics {

class TimeWeightedLevel {
public:
    /// Accounting starts at `start` with `level`.
    explicit TimeWeightedLevel(kernel::SimTime start = 0, std::int64_t level = 0)
        : start_(start), last_(start), level_(level), max_(level) {}

    /// The level becomes `level` at `now` (now must not go back in time).
    void set(kernel::SimTime now, std::int64_t level) {
        advance(now);
        level_ = level;
        if (level_ > max_) max_ = level_;
    }
    /// The level changes by `delta` at `now`.
    void add(kernel::SimTime now, std::int64_t delta) { set(now, level_ + delta); }

    std::int64_t level() const { return level_; }
    /// The highest level held since construction or the last reset().
    std::int64_t max_level() const { return max_; }

    /// Integral from the start (or last reset) to `now`, in level x seconds: for a thread
    /// count, thread-seconds. `now` must not be before the last change.
    double integral(kernel::SimTime now) const {
        return (level_ns_ + segment(now)) / static_cast<double>(kernel::ns_per_s);
    }
    /// Time-average level over [start, now]; the current level when no time has passed.
    double mean(kernel::SimTime now) const {
        kernel::SimTime elapsed = now - start_;
        return elapsed > 0 ? integral(now) / kernel::to_s(elapsed) : static_cast<double>(level_);
    }

    /// Restarts the accounting at `now` (end of warm-up): integral 0, max = current level.
    void reset(kernel::SimTime now) {
        start_ = last_ = now;
        level_ns_ = 0.0;
        max_ = level_;
    }

private:
    // The rectangle since the last change. Each product level * ns is exact in a double up
    // to 2^53 (eight threads for about 13 days), and the running sum is deterministic.
    double segment(kernel::SimTime now) const {
        assert(now >= last_ && "TimeWeightedLevel: time went backwards");
        kernel::SimTime dt = now > last_ ? now - last_ : 0;
        return static_cast<double>(level_) * static_cast<double>(dt);
    }
    void advance(kernel::SimTime now) {
        level_ns_ += segment(now);
        if (now > last_) last_ = now;
    }

    kernel::SimTime start_;
    kernel::SimTime last_;
    std::int64_t level_;
    std::int64_t max_;
    double level_ns_ = 0.0;  ///< integral up to last_, in level x nanoseconds
};

}  // namespace flowlab::metrics
