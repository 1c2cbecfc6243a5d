// Choreographed sagas (docs/engine-semantics.md#sagas): no one drives the workflow;
// each consumer reacts to the event before it. A consumer with `on_failure_publish`
// whose message finally fails (its last attempt) publishes a failure event, then acks
// the message: the failure is handled by telling the others. Consumers of that topic
// compensate (refund, release), and what they publish while handling a compensation
// event is a compensation event too, so the undo travels back upstream.

#include "runtime/async_messaging.hpp"

namespace flowlab::runtime {

bool AsyncMessaging::publish_failure_event(Id inv) {
    const Invocation& v = w.invocations[inv];
    const Id edge = w.nodes[v.node].failure_edge;
    const AttemptOf& of = attempt_of[inv];
    if (edge == no_id || !messages.alive(of.message)) return false;
    const auto& cfg = *w.nodes[v.node].cfg;
    const int max_attempts = cfg.retry ? std::max(1, cfg.retry->max_attempts) : 1;
    if (messages[of.message.id].attempts < max_attempts) return false;  // it will be retried
    ++consumer(v.node).counters.failure_events;
    // The failure is a business outcome, told to the others rather than retried: once
    // the broker acks the event the message is acked (World::on_edge_done ->
    // on_invocation_complete -> finish_attempt); a refused event fails it as usual.
    attempt_of[inv].failure_event = true;
    Invocation& handling = w.invocations[inv];
    handling.outcome = Outcome::ok;
    handling.reason = Reason::none;
    handling.state = InvState::calling;
    handling.pending = 1;
    // The event is its last edge: after the ack nothing of the successful path follows.
    handling.next_edge = static_cast<std::uint16_t>(w.nodes[v.node].out_edges.size());
    publish(inv, edge);
    return true;
}

void AsyncMessaging::mark_compensation(Id msg, Ref publisher, Id edge) {
    const Id from = w.edges[edge].from;
    bool compensation = w.nodes[from].failure_edge == edge;
    if (!compensation && w.nodes[from].kind == model::NodeKind::consumer &&
        w.invocations.alive(publisher) && publisher.id < attempt_of.size())
        compensation = attempt_of[publisher.id].compensation;
    messages[msg].compensation = compensation;
}

bool AsyncMessaging::choreography() const {
    for (const ConsumerRt& c : consumers)
        if (w.nodes[c.node].failure_edge != no_id) return true;
    return false;
}

}  // namespace flowlab::runtime
