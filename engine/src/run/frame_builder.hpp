#pragma once
// Builds a Frame from the world's live state: thread cells, backlogs, breaker states,
// faults, token hops and per-client totals, plus the theory lines that apply.

#include <vector>

#include "flowlab/model/scenario.hpp"
#include "flowlab/run/frame.hpp"
#include "run/live_observer.hpp"
#include "runtime/world.hpp"

namespace flowlab::run {

class FrameBuilder {
public:
    explicit FrameBuilder(const model::Scenario& scenario);
    void build(const runtime::World& world, const LiveObserver& observer, Frame& frame) const;

private:
    static void add_faults(const runtime::World& world, runtime::Id node, NodeFrame& nf);
    std::vector<double> theory_availability_;  // per node index; -1 where none applies
    std::vector<double> theory_p99_bound_;
    std::vector<double> theory_p99_work_sum_;
    mutable std::vector<std::uint64_t> dlq_arrivals_seen_;  // to flag arrivals since the last frame
};

}  // namespace flowlab::run
