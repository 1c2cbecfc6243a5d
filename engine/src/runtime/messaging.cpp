// The messaging layer's set-up and the plumbing shared by queues and topics:
// publishing (the publisher's thread stays blocked until the broker acks), the job
// pattern's bookkeeping, trace context in message headers, and dead-lettering.

#include <stdexcept>

#include "flowlab/model/schema.hpp"
#include "runtime/async_messaging.hpp"
#include "runtime/sampling.hpp"

namespace flowlab::runtime {

AsyncMessaging::AsyncMessaging(World& world) : w(world), index(world.nodes.size(), -1) {
    for (std::size_t i = 0; i < w.nodes.size(); ++i) {
        const Id id = static_cast<Id>(i);
        switch (w.nodes[i].kind) {
            case model::NodeKind::queue:
                index[i] = static_cast<int>(queues.size());
                queues.emplace_back();
                queues.back().node = id;
                queues.back().pick_rng = kernel::make_stream(w.seed, w.nodes[i].cfg->id + "/pick");
                break;
            case model::NodeKind::topic: {
                index[i] = static_cast<int>(topics.size());
                TopicRt t;
                t.node = id;
                const auto p = static_cast<std::size_t>(std::max(1, w.nodes[i].cfg->partitions));
                t.blocked.resize(p);
                t.depth_max.assign(p, 0);
                t.lag_level.resize(p);
                topics.push_back(std::move(t));
                break;
            }
            case model::NodeKind::consumer:
                index[i] = static_cast<int>(consumers.size());
                consumers.push_back(ConsumerRt{});
                consumers.back().node = id;
                break;
            case model::NodeKind::dlq:
                index[i] = static_cast<int>(dlqs.size());
                dlqs.push_back(DlqRt{});
                dlqs.back().node = id;
                break;
            default: break;
        }
    }
    // A worker's pending event names its consumer in 16 bits (WorkerHold); validation
    // refuses more (model::max_consumer_nodes), so this guards only unvalidated input.
    static_assert(model::max_consumer_nodes <= UINT16_MAX);
    if (consumers.size() > model::max_consumer_nodes)
        throw std::length_error("more than 65535 consumer nodes");
    for (std::size_t e = 0; e < w.edges.size(); ++e) {
        const EdgeRt& edge = w.edges[e];
        if (edge.mode != model::EdgeMode::deliver) continue;
        ConsumerRt& c = consumer(edge.to);
        c.source = edge.from;
        if (QueueRt* q = queue_of(edge.from)) {
            q->consumers.push_back(edge.to);
            q->deliver_edges.push_back(static_cast<Id>(e));
        } else if (TopicRt* t = topic_of(edge.from)) {
            c.from_topic = true;
            c.group = t->groups.size();
            TopicGroup g;
            g.consumer = edge.to;
            g.deliver_edge = static_cast<Id>(e);
            g.logs.resize(t->blocked.size());
            g.head_busy.assign(t->blocked.size(), false);
            t->groups.push_back(std::move(g));
        }
    }
    set_up_event_logs();
    on_params_changed();
}

void AsyncMessaging::on_params_changed() {
    for (ConsumerRt& c : consumers) {
        const auto& cfg = *w.nodes[c.node].cfg;
        c.instances = std::max(c.instances, std::max(1, cfg.concurrency));
        if (!cfg.autoscale) c.instances = std::max(1, cfg.concurrency);
        c.instances_max = std::max(c.instances_max, c.instances);
        dispatch_source(c);
    }
}

Id AsyncMessaging::dead_letter_target_edge(Id consumer_node, Id source_node) const {
    if (w.nodes[consumer_node].dead_letter_edge != no_id)
        return w.nodes[consumer_node].dead_letter_edge;
    if (source_node != no_id) return w.nodes[source_node].dead_letter_edge;
    return no_id;
}

void AsyncMessaging::publish(Id inv, Id edge) {
    // The message travels to the broker; the publisher's thread waits for the ack.
    EdgeRt& e = w.edges[edge];
    const SimTime there = runtime::sample(e.cfg->latency, e.rng);
    if (w.observer) {
        // Not a message yet (the broker has not accepted it): no event id, born now.
        HopSubject subject = w.call_subject(w.invocations.ref(inv), 0);
        subject.id = 0;
        subject.born = w.now();
        w.observer->on_hop(Hop{w.now(), w.now() + there, edge, HopKind::publish, false, subject});
    }
    ++publishes_in_transit;
    AsyncMessaging* self = this;
    const Ref ref = w.invocations.ref(inv);
    w.kernel.after(there, [self, ref, edge] { self->on_publish_arrives(ref, edge); });
}

void AsyncMessaging::on_publish_arrives(Ref inv, Id edge) {
    --publishes_in_transit;
    EdgeRt& e = w.edges[edge];
    // Keys: each publish draws one of the edge's `keys` distinct keys uniformly.
    const int keys = std::max(1, e.cfg->keys);
    const auto key = keys > 1 ? static_cast<std::uint32_t>(kernel::uniform01(e.rng) * keys) : 0u;
    if (QueueRt* q = queue_of(e.to)) {
        const auto& cfg = *w.nodes[q->node].cfg;
        if (cfg.capacity && q->depth() >= *cfg.capacity) {
            ++q->counters.rejected;
            answer_publisher(inv, edge, false, Reason::publish_rejected);
            return;
        }
        Ref request;
        std::uint32_t span = 0;
        if (w.invocations.alive(inv)) {
            const Invocation& v = w.invocations[inv.id];
            if (v.request != no_id) request = w.requests.ref(v.request);
            span = v.span;
        }
        Id m = make_message(q->node, request, key, span);
        messages[m].key_seq = q->next_key_seq[key]++;
        mark_compensation(m, inv, edge);
        count_job_delivery(request, 1);
        queue_accept(*q, m);
        answer_publisher(inv, edge, true, Reason::none);
        queue_dispatch(*q);
        return;
    }
    if (TopicRt* t = topic_of(e.to)) topic_publish(*t, inv, edge, key);
}

void AsyncMessaging::answer_publisher(Ref inv, Id edge, bool ok, Reason reason) {
    // The ack (after the broker's ack time) or the refusal travels back.
    EdgeRt& e = w.edges[edge];
    SimTime back = runtime::sample(e.cfg->latency, e.rng);
    if (ok) back += runtime::sample(w.nodes[e.to].cfg->ack, w.nodes[e.to].rng);
    const bool optional_edge = e.cfg->optional;
    World* world = &w;
    w.kernel.after(back, [world, inv, ok, reason, optional_edge] {
        if (!world->invocations.alive(inv)) return;
        world->on_edge_done(inv.id, ok ? Outcome::ok : Outcome::failed, reason, optional_edge);
    });
}

Id AsyncMessaging::make_message(Id broker, Ref request, std::uint32_t key, std::uint32_t span) {
    Id m = messages.create();
    Message& msg = messages[m];
    msg.enqueued = w.now();
    msg.event_id = next_event_id++;
    msg.request = request;
    msg.key = key;
    msg.span = span;
    msg.broker = broker;
    return m;
}

void AsyncMessaging::count_job_delivery(Ref request, int copies) {
    if (copies <= 0 || !w.requests.alive(request)) return;
    w.requests[request.id].async_pending += static_cast<std::uint32_t>(copies);
    w.requests[request.id].caused_async = true;
}

void AsyncMessaging::finish_job_delivery(const Message& m, bool failed) {
    if (w.requests.alive(m.request)) w.on_job_delivery_done(m.request.id, failed);
}

void AsyncMessaging::dead_letter(Id msg, DeadLetterReason why, Id from_node, Id edge) {
    Message& m = messages[msg];
    const Id dlq_node = w.edges[edge].to;
    DlqRt& d = dlqs[index[dlq_node]];
    m.dead = true;
    m.in_flight = false;
    d.held.push_back(msg);
    ++d.arrivals;
    if (why == DeadLetterReason::max_receives)
        ++d.counters.max_receives;
    else
        ++d.counters.retries_exhausted;
    ++d.counters.from[w.nodes[from_node].cfg->id];
    if (w.observer) {
        HopSubject subject = message_subject(msg);
        // The receive that found max_receives passed delivered nothing: not a redelivery.
        if (why == DeadLetterReason::max_receives && subject.redeliveries > 0)
            --subject.redeliveries;
        if (from_node != m.broker) subject.push_back(from_node);
        w.observer->on_hop(Hop{w.now(), w.now(), edge, HopKind::dead_letter, true, subject});
    }
    finish_job_delivery(m, true);
}

std::uint64_t AsyncMessaging::redrive(Id dlq_node) {
    if (w.nodes[dlq_node].kind != model::NodeKind::dlq) return 0;
    DlqRt& d = dlqs[index[dlq_node]];
    std::vector<Id> held;
    held.swap(d.held);
    for (Id id : held) {
        Message& m = messages[id];
        m.dead = false;
        m.attempts = 0;
        m.receipt = 0;
        if (QueueRt* q = queue_of(m.broker)) {
            --q->counters.dead_lettered;
            q->visible.push_back(id);
            q->fifo_blocked = false;
            note_depth(*q);
            queue_dispatch(*q);
        } else if (TopicRt* t = topic_of(m.broker)) {
            --t->counters.dead_lettered;
            TopicGroup& g = t->groups[consumer(m.group).group];
            g.logs[m.partition].push_back(id);
            note_log_change(*t, g, m.partition, +1);
            topic_dispatch(*t, g);
        }
    }
    return held.size();
}

std::uint64_t AsyncMessaging::in_flight() const {
    std::uint64_t n = publishes_in_transit;
    for (const QueueRt& q : queues) n += q.visible.size() + q.in_flight.size();
    for (const TopicRt& t : topics) {
        for (const auto& g : t.groups)
            for (const auto& log : g.logs) n += log.size();
        for (const auto& b : t.blocked) n += b.size();
    }
    return n;
}

void AsyncMessaging::apply_fault(Id node, const model::Fault& f, bool on) {
    using model::FaultKind;
    const auto kind = f.kind;
    if (kind == FaultKind::poison) {
        if (!on) return;
        // Messages that always fail, published straight into the broker (no request).
        // Each gets a key of its own, above every key an edge can draw (keys <= 1e9), so
        // a pill is nobody's earlier message: it neither holds back a real key's FIFO
        // group nor makes that key's later messages count as ordering violations.
        constexpr std::uint32_t injected_key_base = 0x80000000U;
        for (std::int64_t i = 0; i < f.count; ++i) {
            const std::uint32_t key =
                injected_key_base + static_cast<std::uint32_t>(i & 0x7fffffff);
            if (QueueRt* q = queue_of(node)) {
                Id m = make_message(node, Ref{}, key, 0);
                messages[m].poison = true;
                messages[m].key_seq = q->next_key_seq[key]++;
                queue_accept(*q, m);
                queue_dispatch(*q);
            } else if (TopicRt* t = topic_of(node)) {
                // Pill i goes to partition i mod partitions, so a count of 1 blocks
                // exactly one partition and the lesson can name it.
                const auto p =
                    static_cast<std::uint32_t>(i % static_cast<std::int64_t>(t->blocked.size()));
                const RetainedEntry* entry =
                    t->retains() ? &log_append(*t, p, key, 0, true) : nullptr;
                for (TopicGroup& g : t->groups) {
                    if (!g.joined) continue;
                    Id m = entry ? make_log_copy(*t, g, p, *entry, t->retained[p].end() - 1, Ref{})
                                 : make_message(node, Ref{}, key, 0);
                    Message& msg = messages[m];
                    msg.poison = true;
                    msg.group = g.consumer;
                    msg.partition = static_cast<std::uint16_t>(p);
                    msg.key_seq = g.next_key_seq[key]++;
                    g.logs[p].push_back(m);
                    note_log_change(*t, g, p, +1);
                    ++t->counters.published;
                    t->depth_max[p] = std::max(t->depth_max[p], t->lag(p));
                    topic_dispatch(*t, g);
                }
                if (entry) expire_retained(*t, p);
            }
        }
        return;
    }
    if (w.nodes[node].kind != model::NodeKind::consumer) return;
    if (kind == FaultKind::reset) {
        if (on) move_group(node, f.to, f.to_at_s);
        return;
    }
    ConsumerRt& c = consumer(node);
    switch (kind) {
        case FaultKind::crash:
            if (on) {
                // Work in progress is lost: queue messages stay invisible until their
                // visibility timeout; topic heads were never committed.
                ++c.crashed;
                ++c.epoch;
                c.busy = 0;
                if (c.from_topic) {
                    TopicGroup& g = topics[index[c.source]].groups[c.group];
                    std::fill(g.head_busy.begin(), g.head_busy.end(), false);
                }
            } else if (c.crashed > 0) {
                --c.crashed;
            }
            break;
        case FaultKind::pause: c.paused += on ? 1 : (c.paused > 0 ? -1 : 0); break;
        case FaultKind::slow:
        case FaultKind::errors: c.faults.apply(f, on); break;
        default: break;
    }
    dispatch_source(c);
}

}  // namespace flowlab::runtime
