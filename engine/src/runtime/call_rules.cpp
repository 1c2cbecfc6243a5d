// Sync calls on an edge, from the caller's side: each attempt travels to the callee,
// a timeout may fire first (the callee keeps working, unaware), failures may be
// retried after a backoff, a breaker may refuse the call outright, and a fallback may
// turn the final failure into a degraded success.

#include <cmath>

#include "runtime/sampling.hpp"
#include "runtime/world.hpp"

namespace flowlab::runtime {

void World::start_call(Id inv, Id edge) {
    Id c = calls.create();
    Call& k = calls[c];
    k.edge = edge;
    k.caller = invocations.ref(inv);
    k.poll = invocations[inv].poll;
    ++edges[edge].stats.calls;
    start_attempt(c);
}

void World::start_attempt(Id c) {
    Call& k = calls[c];
    EdgeRt& e = edges[k.edge];
    ++k.attempt;
    k.state = CallState::waiting;
    k.probe = false;
    if (e.breaker) {
        auto admission = e.breaker->admit(now());
        if (admission == CircuitBreaker::Admission::short_circuit) {
            end_call(c, Outcome::failed, Reason::breaker_open);
            return;
        }
        k.probe = admission == CircuitBreaker::Admission::probe;
    }
    ++e.stats.attempts;
    const Ref ref = calls.ref(c);
    const std::uint32_t attempt = k.attempt;
    World* w = this;
    if (e.timeout != kernel::never)
        kernel.after(e.timeout, [w, ref, attempt] { w->on_attempt_timeout(ref, attempt); });
    SimTime there = runtime::sample(e.cfg->latency, e.rng);
    if (observer)
        observer->on_hop(Hop{now(), now() + there, k.edge, HopKind::request, false,
                             call_subject(k.caller, k.attempt)});
    const Id to = e.to;
    if (there == 0)
        on_call_arrives(to, ref, attempt);
    else
        kernel.after(there, [w, to, ref, attempt] { w->on_call_arrives(to, ref, attempt); });
}

void World::on_attempt_timeout(Ref ref, std::uint32_t attempt) {
    if (!calls.alive(ref)) return;
    Call& k = calls[ref.id];
    if (k.attempt != attempt || k.state != CallState::waiting) return;
    EdgeRt& e = edges[k.edge];
    ++e.stats.timeouts;
    if (measuring()) ++nodes[e.from].server.timed_out_calls;
    on_answer_failed(ref.id, Reason::timeout);
}

void World::on_answer(Ref ref, std::uint32_t attempt, Outcome outcome, Reason reason) {
    if (!calls.alive(ref)) return;
    Call& k = calls[ref.id];
    if (k.attempt != attempt || k.state != CallState::waiting) return;  // stale: already timed out
    if (outcome == Outcome::failed) {
        on_answer_failed(ref.id, reason);
        return;
    }
    EdgeRt& e = edges[k.edge];
    if (e.breaker) e.breaker->record(now(), true, k.probe);
    end_call(ref.id, outcome, reason);
}

void World::on_answer_failed(Id c, Reason reason) {
    Call& k = calls[c];
    EdgeRt& e = edges[k.edge];
    if (e.breaker) e.breaker->record(now(), false, k.probe);
    const auto& retry = e.cfg->retry;
    if (!retry || k.attempt > static_cast<std::uint32_t>(retry->max_retries)) {
        end_call(c, Outcome::failed, reason);
        return;
    }
    const double backoff_ms = retry_backoff_ms(*retry, k.attempt, e.rng);
    k.state = CallState::backoff;
    ++e.stats.retries;
    if (measuring()) {
        NodeRt& from = nodes[e.from];
        if (from.kind == model::NodeKind::client)
            ++from.client.retries;
        else
            ++from.server.retries;
    }
    const Ref ref = calls.ref(c);
    const std::uint32_t attempt = k.attempt;
    World* w = this;
    kernel.after(kernel::from_ms(backoff_ms), [w, ref, attempt] {
        if (!w->calls.alive(ref)) return;
        Call& again = w->calls[ref.id];
        if (again.attempt != attempt || again.state != CallState::backoff) return;
        // The caller may have been abandoned meanwhile (its user gave up): stop here.
        if (!w->invocations.alive(again.caller) ||
            w->invocations[again.caller.id].state == InvState::done) {
            w->end_call(ref.id, Outcome::failed, Reason::timeout);
            return;
        }
        w->start_attempt(ref.id);
    });
}

void World::end_call(Id c, Outcome outcome, Reason reason) {
    Call& k = calls[c];
    EdgeRt& e = edges[k.edge];
    if (outcome == Outcome::failed) {
        ++e.stats.failures;
        if (e.cfg->fallback == model::Fallback::default_value) {
            ++e.stats.fallbacks;
            outcome = Outcome::degraded;
            reason = Reason::none;
        }
    }
    const bool optional_edge = e.cfg->optional;
    const Ref caller = k.caller;
    calls.destroy(c);
    if (invocations.alive(caller)) on_edge_done(caller.id, outcome, reason, optional_edge);
}

}  // namespace flowlab::runtime
