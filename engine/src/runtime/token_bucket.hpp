#pragma once
// A token bucket: `burst` tokens at most, refilled continuously at `rate_per_s`; a
// request takes one whole token or is turned away. Starts full.

#include <algorithm>

#include "flowlab/kernel/sim_time.hpp"

namespace flowlab::runtime {

class TokenBucket {
public:
    using SimTime = kernel::SimTime;

    void configure(double rate_per_s, double burst, SimTime now) {
        tokens_ = level(now);
        last_ = now;
        rate_per_s_ = rate_per_s;
        burst_ = burst;
        tokens_ = std::min(tokens_, burst_);
    }
    void fill(double burst) { tokens_ = burst_ = burst; }

    /// Tokens held at `now` (fractional: the refill is continuous).
    double level(SimTime now) const {
        return std::min(burst_, tokens_ + rate_per_s_ * kernel::to_s(now - last_));
    }
    /// Takes a token at `now`; false when less than one is there.
    bool take(SimTime now) {
        tokens_ = level(now);
        last_ = now;
        if (tokens_ < 1.0) return false;
        tokens_ -= 1.0;
        return true;
    }

private:
    double rate_per_s_ = 0, burst_ = 0, tokens_ = 0;
    SimTime last_ = 0;
};

}  // namespace flowlab::runtime
