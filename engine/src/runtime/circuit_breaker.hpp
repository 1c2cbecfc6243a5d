#pragma once
// A circuit breaker on one sync edge: closed -> open -> half-open -> closed.
//
// Closed, it remembers the outcomes of the last `window` calls; once the window is
// full and the failed share reaches `failure_ratio`, it opens: calls fail at once, so
// no caller thread waits on a dependency that is known to be sick. After `open_ms` it
// lets `half_open_probes` trial calls through; if they all succeed it closes, and any
// failure opens it again.

#include <cstdint>
#include <vector>

#include "flowlab/kernel/sim_time.hpp"
#include "flowlab/model/scenario.hpp"

namespace flowlab::runtime {

class CircuitBreaker {
public:
    enum class State : std::uint8_t { closed, open, half_open };
    enum class Admission : std::uint8_t { pass, probe, short_circuit };

    explicit CircuitBreaker(const model::Breaker& config);

    /// Decides whether a call may go out now.
    Admission admit(kernel::SimTime now);
    /// Records a finished call (`probe` as returned by admit).
    void record(kernel::SimTime now, bool success, bool probe);

    State state(kernel::SimTime now) const;
    std::uint64_t times_opened() const { return opened_; }
    std::uint64_t short_circuited() const { return short_circuited_; }

private:
    void open(kernel::SimTime now);

    model::Breaker config_;
    std::vector<std::uint8_t> window_;  // ring of outcomes: 1 = failed
    std::size_t next_ = 0;
    std::size_t filled_ = 0;
    int failures_ = 0;
    State state_ = State::closed;
    kernel::SimTime open_until_ = 0;
    int probes_out_ = 0;
    int probes_ok_ = 0;
    std::uint64_t opened_ = 0;
    std::uint64_t short_circuited_ = 0;
};

}  // namespace flowlab::runtime
