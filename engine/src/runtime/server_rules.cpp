// Services, databases and read models: thread-per-request servers (an event-loop
// service admits by in-flight count instead and runs work on one loop:
// event_loop_rules.cpp). A call takes a thread (or waits
// FIFO in the backlog, or is rejected when the backlog is full), does its work, may
// fail, performs its outgoing edges, and answers. Every thread is at each instant
// idle, working or blocked, and the time in each state is integrated.

#include "runtime/proxy_nodes.hpp"
#include "runtime/sampling.hpp"
#include "runtime/world.hpp"

namespace flowlab::runtime {

void World::set_thread_counts(NodeRt& n, int working_delta, int blocked_delta) {
    if (working_delta) {
        n.working += working_delta;
        n.working_level.set(now(), n.working);
    }
    if (blocked_delta) {
        n.blocked += blocked_delta;
        n.blocked_level.set(now(), n.blocked);
    }
}

void World::answer_at_once(Id node, Ref call, std::uint32_t attempt, Outcome outcome, Reason why) {
    // No thread, no work: the caller learns after one network trip back.
    if (!calls.alive(call)) return;
    EdgeRt& e = edges[calls[call.id].edge];
    SimTime back = runtime::sample(e.cfg->latency, e.rng);
    World* w = this;
    if (observer) {
        const Call& k = calls[call.id];
        HopSubject subject = call_subject(k.caller, attempt);
        subject.push_back(node);
        observer->on_hop(Hop{now(), now() + back, k.edge, HopKind::response,
                             outcome == Outcome::failed, subject});
    }
    kernel.after(back,
                 [w, call, attempt, outcome, why] { w->on_answer(call, attempt, outcome, why); });
}

void World::on_call_arrives(Id node, Ref call, std::uint32_t attempt) {
    NodeRt& n = nodes[node];
    // A consumer applying an event to a read model is a write, not a read to serve.
    if (n.kind == model::NodeKind::read_model && on_read_model_call(node, call, attempt)) return;
    const bool measured = measuring();
    if (measured) ++n.server.received;
    if (n.down > 0) {
        if (measured) ++n.server.refused;
        answer_at_once(node, call, attempt, Outcome::failed, Reason::refused);
        return;
    }
    if (n.kind == model::NodeKind::cache || n.kind == model::NodeKind::rate_limiter) {
        proxies->on_call(node, call, attempt);
        return;
    }
    n.in_system_level.add(now(), +1);
    if (has_room(n)) {
        start_invocation(node, now(), call, attempt);
        return;
    }
    const auto& backlog = n.cfg->backlog;
    if (backlog && static_cast<std::int64_t>(n.backlog.size()) >= *backlog) {
        if (measured) ++n.server.rejected;
        n.in_system_level.add(now(), -1);
        answer_at_once(node, call, attempt, Outcome::failed, Reason::rejected);
        return;
    }
    n.backlog.push_back(Waiting{now(), call, attempt});
    if (measured && static_cast<std::int64_t>(n.backlog.size()) > n.server.backlog_max)
        n.server.backlog_max = static_cast<std::int64_t>(n.backlog.size());
}

Id World::create_invocation(Id node, SimTime arrived, Ref call, std::uint32_t attempt) {
    Id inv = invocations.create();
    Invocation& v = invocations[inv];
    v.arrived = arrived;
    v.node = node;
    v.call = call;
    v.call_attempt = static_cast<std::uint16_t>(attempt);
    if (calls.alive(call)) {
        const Invocation& caller = invocations[calls[call.id].caller.id];
        v.request = caller.request;
        v.poll = calls[call.id].poll;
        // The span starts at arrival, so a trace shows the wait in the backlog too.
        v.span = traces.begin(traces.trace_of(caller.span), caller.span, node, arrived);
    }
    return inv;
}

void World::start_invocation(Id node, SimTime arrived, Ref call, std::uint32_t attempt) {
    take_thread(create_invocation(node, arrived, call, attempt));
}

void World::take_thread(Id id) {
    Invocation& v = invocations[id];
    NodeRt& n = nodes[v.node];
    v.holds_thread = true;
    if (n.event_loop) {
        // Admitted: it waits for the loop to run its work.
        set_inflight(n, +1);
        n.loop_queue.push_back(id);
        run_loop(v.node);
        return;
    }
    begin_work(id);
}

void World::begin_work(Id id) {
    Invocation& v = invocations[id];
    NodeRt& n = nodes[v.node];
    v.state = InvState::working;
    set_thread_counts(n, +1, 0);
    // A poll is a status lookup: it takes a thread but no work time.
    const SimTime work = v.poll ? 0 : n.work_faults.slowed(runtime::sample(n.cfg->work, n.rng));
    v.work_ns = work;
    World* w = this;
    Ref ref = invocations.ref(id);
    kernel.after(work, [w, ref] {
        if (w->invocations.alive(ref)) w->on_work_done(ref.id);
    });
}

void World::on_work_done(Id id) {
    Invocation& v = invocations[id];
    NodeRt& n = nodes[v.node];
    if (n.hung > 0) {
        // A hung node accepts and never answers: the thread stays stuck until it heals.
        v.state = InvState::hung;
        n.hung_work.push_back(id);
        return;
    }
    resume_after_work(id);
}

void World::resume_after_work(Id id) {
    Invocation& v = invocations[id];
    NodeRt& n = nodes[v.node];
    if (kernel::bernoulli(n.rng, n.failure_rate())) {
        v.outcome = Outcome::failed;
        v.reason = Reason::error;
        respond(id);
        return;
    }
    if (n.out_edges.empty() || v.poll) {
        respond(id);
        return;
    }
    // From now on the thread waits on others: blocked, not working. An event loop does
    // not wait: it moves on to the next work while the calls are out.
    v.state = InvState::calling;
    if (n.event_loop) {
        set_thread_counts(n, -1, 0);
        run_loop(v.node);
    } else {
        set_thread_counts(n, -1, +1);
    }
    perform_outgoing(id);
}

void World::respond(Id id) {
    Invocation& v = invocations[id];
    NodeRt& n = nodes[v.node];
    const bool measured = v.arrived >= warmup_end;
    if (v.state == InvState::working || v.state == InvState::hung)
        set_thread_counts(n, -1, 0);
    else if (v.state == InvState::calling && !n.event_loop)
        set_thread_counts(n, 0, -1);
    if (n.event_loop && v.holds_thread) set_inflight(n, -1);
    v.state = InvState::done;
    n.in_system_level.add(now(), -1);
    if (measured) {
        if (v.outcome == Outcome::ok)
            ++n.server.ok;
        else if (v.outcome == Outcome::degraded)
            ++n.server.degraded;
        else
            ++n.server.failed;
        n.server.latency.record(kernel::to_ms(now() - v.arrived));
    }
    traces.end(v.span, now(), v.outcome != Outcome::failed);

    // Read everything we need before answering: the answer may run the caller on,
    // which creates invocations and may move the pool's storage.
    const Ref call = v.call;
    const std::uint32_t attempt = v.call_attempt;
    const Outcome outcome = v.outcome;
    const Reason reason = v.reason;
    const SimTime work_ns = v.work_ns;
    const bool held = v.holds_thread;
    const Id node = v.node;
    invocations.destroy(id);
    if (held) release_thread(node);

    const bool caller_waits = calls.alive(call) && calls[call.id].attempt == attempt &&
                              calls[call.id].state == CallState::waiting;
    if (!caller_waits) {
        // The caller gave up (timeout) but we never knew: this work was for nothing.
        if (measured) nodes[node].server.wasted_work_ns += work_ns;
        return;
    }
    // A user who gave up (client timeout_ms) leaves the call waiting on a dead root:
    // the answer still travels back and ends the call, but the work served nobody.
    const Ref waiter = calls[call.id].caller;
    if (measured && (!invocations.alive(waiter) || invocations[waiter.id].state == InvState::done))
        nodes[node].server.wasted_work_ns += work_ns;
    const Id edge = calls[call.id].edge;
    SimTime back = runtime::sample(edges[edge].cfg->latency, edges[edge].rng);
    if (observer) {
        HopSubject subject = call_subject(waiter, attempt);
        subject.push_back(node);
        observer->on_hop(
            Hop{now(), now() + back, edge, HopKind::response, outcome == Outcome::failed, subject});
    }
    if (back == 0) {
        on_answer(call, attempt, outcome, reason);
        return;
    }
    World* w = this;
    kernel.after(back, [w, call, attempt, outcome, reason] {
        w->on_answer(call, attempt, outcome, reason);
    });
}

void World::release_thread(Id node) {
    NodeRt& n = nodes[node];
    while (!n.backlog.empty() && has_room(n)) {
        const Waiting next = n.backlog.front();
        n.backlog.pop_front();
        start_invocation(node, next.arrived, next.call, next.attempt);
    }
    if (n.event_loop) run_loop(node);
}

}  // namespace flowlab::runtime
