// Performing a node's outgoing edges after its work: in file order one at a time
// (sequential) or all at once (parallel). Sync edges hold the thread blocked until the
// answer; async edges hold it until the broker acks. Any failed required call fails
// the invocation; a sequential invocation stops at the first such failure.

#include "runtime/async_messaging.hpp"
#include "runtime/proxy_nodes.hpp"
#include "runtime/saga_rules.hpp"
#include "runtime/world.hpp"

namespace flowlab::runtime {

namespace {
bool is_parallel(const NodeRt& n) {
    return n.kind != model::NodeKind::client && n.cfg->calls == model::CallOrder::parallel;
}
}  // namespace

void World::perform_outgoing(Id id) {
    if (sagas->drives(invocations[id].node)) {
        sagas->begin(id);  // an orchestrator's calls are its saga's steps
        return;
    }
    const NodeRt& n = nodes[invocations[id].node];
    const auto& out = n.out_edges;
    auto dispatch = [&](Id edge) {
        if (edges[edge].mode == model::EdgeMode::sync)
            start_call(id, edge);
        else
            messaging->publish(id, edge);
    };
    if (!is_parallel(n)) {
        Invocation& v = invocations[id];
        if (v.next_edge >= out.size()) {
            complete_invocation(id);
            return;
        }
        Id edge = out[v.next_edge++];
        v.pending = 1;
        dispatch(edge);
        return;
    }
    if (out.empty()) {
        complete_invocation(id);
        return;
    }
    // One extra count keeps the invocation alive while we are still dispatching, in
    // case an edge finishes at once (an open breaker, a full queue).
    invocations[id].pending = static_cast<std::uint16_t>(out.size() + 1);
    for (Id edge : out) dispatch(edge);
    Invocation& v = invocations[id];
    if (--v.pending == 0) complete_invocation(id);
}

void World::on_edge_done(Id id, Outcome outcome, Reason reason, bool optional_edge) {
    if (sagas->drives(invocations[id].node)) {
        sagas->on_call_done(id, outcome, reason);
        return;
    }
    Invocation& v = invocations[id];
    if (outcome == Outcome::failed && !optional_edge) {
        if (v.outcome != Outcome::failed) v.reason = reason;  // keep the first root cause
        v.outcome = Outcome::failed;
    } else if (outcome == Outcome::degraded && v.outcome == Outcome::ok) {
        v.outcome = Outcome::degraded;
    }
    --v.pending;
    if (is_parallel(nodes[v.node])) {
        if (v.pending == 0) complete_invocation(id);
        return;
    }
    if (v.state == InvState::done || v.outcome == Outcome::failed) {
        complete_invocation(id);
        return;
    }
    perform_outgoing(id);
}

void World::complete_invocation(Id id) {
    Invocation& v = invocations[id];
    const NodeRt& n = nodes[v.node];
    switch (n.kind) {
        case model::NodeKind::client: {
            if (v.read) {
                const Id rid = v.request;
                const bool answered = v.outcome != Outcome::failed;
                invocations.destroy(id);
                on_read_answer(rid, answered);
                return;
            }
            if (v.poll) {
                // A poll came back: if it was answered the client knows the job's status.
                const Id rid = v.request;
                const bool answered = v.outcome != Outcome::failed;
                invocations.destroy(id);
                on_poll_answer(rid, answered);
                return;
            }
            // A root whose user already gave up (deadline) only needs freeing.
            if (v.state != InvState::done) {
                v.state = InvState::done;
                Id rid = v.request;
                Outcome outcome = v.outcome;
                Reason reason = v.reason;
                traces.end(v.span, now(), outcome != Outcome::failed);
                invocations.destroy(id);
                finish_request(rid, outcome, reason);
                return;
            }
            invocations.destroy(id);
            return;
        }
        case model::NodeKind::consumer: messaging->on_invocation_complete(id); return;
        case model::NodeKind::cache:
        case model::NodeKind::rate_limiter: proxies->on_invocation_complete(id); return;
        default: respond(id); return;
    }
}

}  // namespace flowlab::runtime
