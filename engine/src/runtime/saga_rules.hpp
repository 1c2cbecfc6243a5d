#pragma once
// Orchestrated sagas (docs/engine-semantics.md#sagas). An orchestrator is a
// thread-per-request server (server_rules.cpp) whose outgoing work is a saga: its steps
// are sync calls made one after another; when one fails (an error, a refusal, its edge's
// timeout once its retries are spent) the orchestrator calls the compensations of the
// steps already done, in reverse order, and only then answers its caller. The saga's
// state (which step each request is at) lives in the orchestrator, here.

#include <boost/json/object.hpp>

#include <string>
#include <unordered_map>
#include <vector>

#include "flowlab/metrics/latency_histogram.hpp"
#include "flowlab/metrics/time_weighted.hpp"
#include "flowlab/model/saga.hpp"
#include "runtime/entities.hpp"

namespace flowlab::runtime {

class World;

/// Per step of one orchestrator, counted for sagas started after the warm-up.
struct SagaStepStats {
    std::uint64_t calls = 0, failed = 0, timed_out = 0, compensations = 0, compensations_failed = 0;
};

/// What an orchestrator holds right now, for the live view.
struct SagaView {
    std::vector<std::string> steps;  ///< each step's target node id
    std::vector<int> at_step;        ///< sagas waiting on each step's call now
    int compensating = 0;            ///< sagas running their compensations now
    std::uint64_t compensations_run = 0, compensated = 0, completed = 0;  ///< measured so far
};

class Sagas {
public:
    explicit Sagas(World& world);

    bool drives(Id node) const { return slot_of(node) >= 0; }
    /// Invocation `inv` of an orchestrator finished its own work: its saga starts.
    void begin(Id inv);
    /// A step's or a compensation's call of invocation `inv` ended.
    void on_call_done(Id inv, Outcome outcome, Reason reason);
    /// The `saga` section of orchestrator `node`'s report.
    boost::json::object report(Id node, double measured_s) const;
    SagaView view(Id node) const;
    void on_warmup_end();

private:
    struct Orchestrator {
        Id node = no_id;
        std::vector<model::SagaStep> steps;
        std::vector<SagaStepStats> stats;
        std::uint64_t started = 0, completed = 0, compensated = 0, failed_to_compensate = 0;
        std::uint64_t compensations_run = 0, compensations_failed = 0;
        metrics::LatencyHistogram duration;    // measured sagas, start to end
        metrics::TimeWeightedLevel in_flight;  // sagas in progress (Little's L)
        std::vector<int> at_step;
        int compensating = 0;
    };
    /// One saga in progress, by the orchestrator invocation that drives it.
    struct Run {
        kernel::SimTime started = 0;
        std::size_t step = 0;  // forward: the step called now; compensating: the one undone now
        bool compensating = false;
        bool compensation_failed = false;
        bool measured = false;
        Reason reason = Reason::none;  // why the failed step failed
    };

    int slot_of(Id node) const { return node < slot_.size() ? slot_[node] : -1; }
    Orchestrator& of(Id inv);
    void call_step(Id inv, Run& run);
    void step_done(Id inv, Run& run, Outcome outcome, Reason reason);
    /// Calls the compensation of the next completed step below `run.step`, or ends.
    void compensate_next(Id inv, Run& run);
    void finish(Id inv, Outcome outcome, Reason reason);

    World& w;
    std::vector<int> slot_;  // node -> index into orchestrators_, or -1
    std::vector<Orchestrator> orchestrators_;
    std::unordered_map<Id, Run> runs_;  // by invocation id
};

}  // namespace flowlab::runtime
