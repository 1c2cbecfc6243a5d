// Orchestrated sagas: see saga_rules.hpp. Steps are World::start_call on their edges;
// the answers come back through World::on_edge_done, which hands an orchestrator's to
// Sagas::on_call_done.

#include "runtime/saga_rules.hpp"

#include "flowlab/metrics/rounding.hpp"
#include "runtime/world.hpp"

namespace flowlab::runtime {

namespace json = boost::json;
using metrics::round_to;

Sagas::Sagas(World& world) : w(world), slot_(world.nodes.size(), -1) {
    for (std::size_t i = 0; i < w.nodes.size(); ++i) {
        if (w.nodes[i].kind != model::NodeKind::orchestrator) continue;
        slot_[i] = static_cast<int>(orchestrators_.size());
        Orchestrator o;
        o.node = static_cast<Id>(i);
        o.steps = model::saga_steps(w.scenario, i);
        o.stats.resize(o.steps.size());
        o.at_step.assign(o.steps.size(), 0);
        orchestrators_.push_back(std::move(o));
    }
}

Sagas::Orchestrator& Sagas::of(Id inv) {
    return orchestrators_[static_cast<std::size_t>(slot_of(w.invocations[inv].node))];
}

void Sagas::begin(Id inv) {
    Orchestrator& o = of(inv);
    Run& run = runs_[inv];
    run = Run{};
    run.started = w.now();
    run.measured = w.measuring();
    if (run.measured) ++o.started;
    o.in_flight.add(w.now(), +1);
    call_step(inv, run);
}

void Sagas::call_step(Id inv, Run& run) {
    Orchestrator& o = of(inv);
    if (run.step == o.steps.size()) {
        finish(inv, Outcome::ok, Reason::none);
        return;
    }
    if (run.measured) ++o.stats[run.step].calls;
    ++o.at_step[run.step];
    w.invocations[inv].pending = 1;
    w.start_call(inv, static_cast<Id>(o.steps[run.step].edge));
}

void Sagas::on_call_done(Id inv, Outcome outcome, Reason reason) {
    auto it = runs_.find(inv);
    if (it == runs_.end()) return;
    Run& run = it->second;
    Orchestrator& o = of(inv);
    w.invocations[inv].pending = 0;
    if (!run.compensating) {
        --o.at_step[run.step];
        step_done(inv, run, outcome, reason);
        return;
    }
    if (outcome == Outcome::failed) {
        // A compensation that fails for good leaves the saga half undone: someone has to
        // repair it by hand. Its edge's retry policy is the place to insist.
        run.compensation_failed = true;
        if (run.measured) {
            ++o.compensations_failed;
            ++o.stats[run.step].compensations_failed;
        }
    }
    compensate_next(inv, run);
}

void Sagas::step_done(Id inv, Run& run, Outcome outcome, Reason reason) {
    Orchestrator& o = of(inv);
    const bool optional = w.edges[o.steps[run.step].edge].cfg->optional;
    if (outcome != Outcome::failed || optional) {
        if (outcome == Outcome::degraded) w.invocations[inv].outcome = Outcome::degraded;
        ++run.step;
        call_step(inv, run);
        return;
    }
    if (run.measured) {
        ++o.stats[run.step].failed;
        if (reason == Reason::timeout) ++o.stats[run.step].timed_out;
    }
    run.compensating = true;
    run.reason = reason;
    ++o.compensating;
    compensate_next(inv, run);  // run.step is the failed one: undo those below it
}

void Sagas::compensate_next(Id inv, Run& run) {
    Orchestrator& o = of(inv);
    while (run.step > 0) {
        --run.step;
        const auto& undo = o.steps[run.step].undo;
        if (!undo) continue;  // a step with nothing to undo (a read, a check)
        if (run.measured) {
            ++o.compensations_run;
            ++o.stats[run.step].compensations;
        }
        w.invocations[inv].pending = 1;
        w.start_call(inv, static_cast<Id>(*undo));
        return;
    }
    --o.compensating;
    if (run.measured) ++(run.compensation_failed ? o.failed_to_compensate : o.compensated);
    finish(inv, Outcome::failed, run.reason);
}

void Sagas::finish(Id inv, Outcome outcome, Reason reason) {
    Orchestrator& o = of(inv);
    const Run run = runs_.at(inv);
    runs_.erase(inv);
    o.in_flight.add(w.now(), -1);
    if (run.measured) {
        if (outcome != Outcome::failed) ++o.completed;
        o.duration.record(kernel::to_ms(w.now() - run.started));
    }
    Invocation& v = w.invocations[inv];
    if (outcome == Outcome::failed) {
        v.outcome = Outcome::failed;
        v.reason = reason;
    }
    w.respond(inv);
}

void Sagas::on_warmup_end() {
    for (Orchestrator& o : orchestrators_) o.in_flight.reset(w.now());
}

json::object Sagas::report(Id node, double measured_s) const {
    const Orchestrator& o = orchestrators_[static_cast<std::size_t>(slot_of(node))];
    json::object r;
    r["started"] = o.started;
    r["completed"] = o.completed;
    r["compensated"] = o.compensated;
    r["failed_to_compensate"] = o.failed_to_compensate;
    r["compensations_run"] = o.compensations_run;
    r["compensations_failed"] = o.compensations_failed;
    r["in_flight"] = runs_.size();
    r["duration_ms"] = o.duration.summary();
    // Little's law across the saga: the time-average number of sagas in progress against
    // the rate they end at times their mean duration.
    const double ended = static_cast<double>(o.duration.count());
    const double throughput = measured_s > 0 ? ended / measured_s : 0.0;
    r["throughput_per_s"] = round_to(throughput, 6);
    r["in_flight_mean"] = round_to(o.in_flight.mean(w.now()), 6);
    r["lambda_w"] = round_to(throughput * o.duration.mean() / 1000.0, 6);
    json::array steps;
    for (std::size_t k = 0; k < o.steps.size(); ++k) {
        const SagaStepStats& s = o.stats[k];
        const auto& step = o.steps[k];
        json::object so;
        so["to"] = w.edges[step.edge].cfg->to;
        so["compensate"] = step.undo ? w.edges[*step.undo].cfg->to : "";
        so["calls"] = s.calls;
        so["failed"] = s.failed;
        so["timed_out"] = s.timed_out;
        so["compensations"] = s.compensations;
        so["compensations_failed"] = s.compensations_failed;
        steps.push_back(std::move(so));
    }
    r["steps"] = std::move(steps);
    return r;
}

SagaView Sagas::view(Id node) const {
    SagaView v;
    const int slot = slot_of(node);
    if (slot < 0) return v;
    const Orchestrator& o = orchestrators_[static_cast<std::size_t>(slot)];
    for (const auto& step : o.steps) v.steps.push_back(w.edges[step.edge].cfg->to);
    v.at_step = o.at_step;
    v.compensating = o.compensating;
    v.compensations_run = o.compensations_run;
    v.compensated = o.compensated + o.failed_to_compensate;
    v.completed = o.completed;
    return v;
}

}  // namespace flowlab::runtime
