// Read models and the clients that write, then read them (eventual consistency).
//
// A read model is a view kept by a consumer: the consumer's sync call into it applies
// the event it processed, at once and without a thread (the projection's work is the
// consumer's own work_ms), and the event is visible from the moment the call arrives.
// Reads are served like a database's queries. A write_then_read client sends its write
// (every sync edge but the read), and once the write is answered well it waits
// read_delay_ms and reads the read model; a read that reaches the view before the
// user's own event was applied there is a read-your-writes miss.

#include "flowlab/metrics/rounding.hpp"
#include "runtime/async_messaging.hpp"
#include "runtime/sampling.hpp"
#include "runtime/world.hpp"

namespace flowlab::runtime {

void World::schedule_read(Id rid) {
    NodeRt& c = nodes[requests[rid].client];
    const SimTime delay = runtime::sample(c.cfg->read_delay, c.rng);
    World* w = this;
    kernel.after(delay, [w, rid] { w->on_read(rid); });
}

void World::on_read(Id rid) {
    const Id inv = create_single_call(rid);
    invocations[inv].read = true;
    start_call(inv, nodes[requests[rid].client].read_edge);
}

void World::on_read_answer(Id rid, bool answered) {
    Request& r = requests[rid];
    ClientStats& s = nodes[r.client].client;
    if (r.measured && !answered) ++s.reads_failed;
    if (r.measured && answered) {
        ++s.reads;
        if (!r.read_saw_write) ++s.read_misses;
    }
    requests.destroy(rid);
    if (arrivals_done) check_done();
}

namespace {

/// The event a consumer's invocation is applying, and when it was committed (accepted
/// by the broker); no commit time when the message was acked meanwhile by a redelivery.
struct Applied {
    std::uint64_t event_id = 0;
    std::optional<SimTime> committed;
    Ref request;
};

Applied applied_by(const AsyncMessaging& m, Id consumer_inv) {
    const AttemptOf& of = m.attempt_of[consumer_inv];
    Applied a;
    a.event_id = of.event_id;
    if (m.messages.alive(of.message)) {
        const Message& msg = m.messages[of.message.id];
        a.committed = msg.enqueued;
        a.request = msg.request;
    }
    return a;
}

}  // namespace

bool World::on_read_model_call(Id node, Ref call, std::uint32_t attempt) {
    if (!calls.alive(call)) return false;
    const Ref caller = calls[call.id].caller;
    if (!invocations.alive(caller)) return false;
    const Invocation& from = invocations[caller.id];
    if (nodes[from.node].kind != model::NodeKind::consumer) {
        // A read: it sees the view as it stands when it arrives.
        if (from.read && requests.in_use(from.request)) {
            Request& r = requests[from.request];
            r.read_saw_write = r.view_applied;
        }
        return false;
    }
    NodeRt& n = nodes[node];
    if (n.down > 0) {
        answer_at_once(node, call, attempt, Outcome::failed, Reason::refused);
        return true;
    }
    const Applied a = applied_by(*messaging, caller.id);
    if (applied_events[node].insert(a.event_id)) {
        if (measuring()) {
            ++n.view.applied;
            if (a.committed) n.view.staleness.record(kernel::to_ms(now() - *a.committed));
        }
        if (requests.alive(a.request)) {
            Request& r = requests[a.request.id];
            const Id read = nodes[r.client].read_edge;
            if (read != no_id && edges[read].to == node) r.view_applied = true;
        }
    } else if (measuring()) {
        ++n.view.reapplied;
    }
    answer_at_once(node, call, attempt, Outcome::ok, Reason::none);
    return true;
}

std::int64_t World::view_lag(Id node) const {
    // Events committed into the streams of the consumers that project here, not yet
    // processed: the view has not applied them.
    std::int64_t lag = 0;
    for (const EdgeRt& e : edges) {
        if (e.to != node || nodes[e.from].kind != model::NodeKind::consumer) continue;
        const ConsumerRt& c = messaging->consumers[messaging->index[e.from]];
        if (c.source == no_id) continue;
        if (nodes[c.source].kind == model::NodeKind::queue) {
            lag += messaging->queues[messaging->index[c.source]].depth();
        } else {
            const TopicRt& t = messaging->topics[messaging->index[c.source]];
            for (const auto& log : t.groups[c.group].logs)
                lag += static_cast<std::int64_t>(log.size());
        }
    }
    return lag;
}

boost::json::object World::view_report(Id node) const {
    const NodeRt& n = nodes[node];
    boost::json::object o;
    o["applied"] = n.view.applied;
    o["reapplied"] = n.view.reapplied;
    o["staleness_ms"] = n.view.staleness.summary();
    o["lag"] = view_lag(node);
    return o;
}

boost::json::object World::read_your_writes_report(const ClientStats& s) const {
    boost::json::object o;
    o["reads"] = s.reads;
    o["misses"] = s.read_misses;
    o["miss_share"] =
        s.reads ? metrics::round_to(static_cast<double>(s.read_misses) / s.reads, 6) : 0.0;
    o["failed"] = s.reads_failed;
    return o;
}

}  // namespace flowlab::runtime
