#pragma once
// How `slow` and `errors` faults change a worker's work: one state, shared by services,
// databases and consumers, so both kinds of worker degrade by the same rule.

#include <optional>

#include "flowlab/kernel/sim_time.hpp"
#include "flowlab/model/scenario.hpp"

namespace flowlab::runtime {

struct WorkFaults {
    double slow_factor = 1.0;
    kernel::SimTime slow_extra = 0;
    std::optional<double> error_rate;  // an `errors` fault replaces the configured failure_rate

    /// Starts (on) or heals (off) a slow or errors fault; other kinds change nothing here.
    void apply(const model::Fault& f, bool on) {
        if (f.kind == model::FaultKind::slow) {
            slow_factor = on ? f.factor : 1.0;
            slow_extra = on ? kernel::from_ms(f.extra_ms) : 0;
        } else if (f.kind == model::FaultKind::errors) {
            if (on)
                error_rate = f.failure_rate;
            else
                error_rate.reset();
        }
    }
    /// The work a draw of `work` takes under a slow fault.
    kernel::SimTime slowed(kernel::SimTime work) const {
        if (slow_factor == 1.0 && slow_extra == 0) return work;
        return static_cast<kernel::SimTime>(static_cast<double>(work) * slow_factor) + slow_extra;
    }
    double failure_rate(double configured) const { return error_rate ? *error_rate : configured; }
};

}  // namespace flowlab::runtime
