// What a token carries, for the app's "inspect a message": read from the request, call
// and message records the engine keeps anyway. Runs only when a live view is installed.

#include <algorithm>

#include "runtime/async_messaging.hpp"
#include "runtime/world.hpp"

namespace flowlab::runtime {

HopSubject World::call_subject(Ref caller, std::uint32_t attempt) const {
    HopSubject s;
    s.attempt = static_cast<std::uint16_t>(std::min<std::uint32_t>(attempt, UINT16_MAX));
    // Up the chain of callers: each invocation's call is the one that started it, and
    // that call's caller the invocation one level up. A consumer's invocation names a
    // message instead, and a client's (the root) has none.
    Ref at = caller;
    const Invocation* root = nullptr;
    while (invocations.alive(at)) {
        const Invocation& v = invocations[at.id];
        s.push_front(v.node);
        root = &v;
        if (nodes[v.node].kind == model::NodeKind::consumer || !calls.alive(v.call)) break;
        at = calls[v.call.id].caller;
    }
    // The request is known for sure only from its client's own invocation: a downstream
    // invocation can outlive a request whose user gave up, and its slot be reused.
    if (root && nodes[root->node].kind == model::NodeKind::client &&
        requests.in_use(root->request)) {
        const Request& r = requests[root->request];
        if (r.client == root->node && r.started == root->arrived) {
            s.id = r.number;
            s.request = r.number;
            s.trace_id = r.trace_id;
            s.born = r.started;
        }
    }
    return s;
}

HopSubject AsyncMessaging::message_subject(Id msg) const {
    const Message& m = messages[msg];
    HopSubject s;
    s.id = m.event_id;
    s.born = m.enqueued;
    s.attempt = static_cast<std::uint16_t>(std::min<std::uint32_t>(m.attempts + 1u, UINT16_MAX));
    // Queues count receives; a topic copy is read again from its offset without a count.
    if (m.receipt > 1)
        s.redeliveries =
            static_cast<std::uint16_t>(std::min<std::uint32_t>(m.receipt - 1, UINT16_MAX));
    // The message carries its publisher's span as a header; the consumer continues that
    // trace only when the scenario propagates context.
    if (w.scenario.trace.propagate) s.trace_id = w.traces.trace_of(m.span);
    if (w.requests.alive(m.request)) s.request = w.requests[m.request.id].number;
    s.push_back(m.broker);
    return s;
}

}  // namespace flowlab::runtime
