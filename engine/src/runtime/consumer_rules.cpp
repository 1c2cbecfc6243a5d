// Consumers: worker pools fed by one queue or topic. Each delivery is processed as an
// invocation of the consumer node (work, then its outgoing edges like a service), with
// transient failures retried after a backoff and poison messages failing every time.
// Delivery is at-least-once, so side effects are counted per event id: with
// `idempotent` the idempotency-key store acks a duplicate without repeating the effect,
// without it the double effect is counted.

#include <cmath>

#include "runtime/async_messaging.hpp"
#include "runtime/sampling.hpp"

namespace flowlab::runtime {

bool AsyncMessaging::is_poison_for(Id consumer_node, std::uint64_t event_id) const {
    // `poison_rate` marks a share of the messages as ones this consumer can never
    // process. Which ones is a fixed function of the event id, so every redelivery of a
    // poison message fails again, and no random stream is consumed.
    const double rate = w.nodes[consumer_node].cfg->poison_rate;
    if (rate <= 0) return false;
    std::uint64_t h =
        event_id * 0x9E3779B97F4A7C15ULL ^ kernel::stable_hash(w.nodes[consumer_node].cfg->id);
    h ^= h >> 31;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 29;
    return static_cast<double>(h >> 11) * 0x1.0p-53 < rate;
}

bool AsyncMessaging::consumer_can_take(ConsumerRt& c) {
    return c.available() && c.busy < c.instances;
}

void AsyncMessaging::autoscale(ConsumerRt& c) {
    const auto& cfg = *w.nodes[c.node].cfg;
    if (!cfg.autoscale || c.source == no_id) return;
    std::int64_t depth = 0;
    if (QueueRt* q = queue_of(c.source)) {
        depth = q->depth();
    } else if (TopicRt* t = topic_of(c.source)) {
        for (const auto& log : t->groups[c.group].logs)
            depth += static_cast<std::int64_t>(log.size());
    }
    // Enough instances for the backlog, never fewer than the configured concurrency.
    const double per = std::max(1.0, cfg.autoscale->depth_per_instance);
    const int wanted = static_cast<int>(std::ceil(static_cast<double>(depth) / per));
    c.instances = std::clamp(wanted, std::max(1, cfg.concurrency),
                             std::max(cfg.autoscale->max, cfg.concurrency));
    c.instances_max = std::max(c.instances_max, c.instances);
}

void AsyncMessaging::dispatch_source(ConsumerRt& c) {
    if (c.source == no_id) return;
    if (QueueRt* q = queue_of(c.source))
        queue_dispatch(*q);
    else if (TopicRt* t = topic_of(c.source))
        topic_dispatch(*t, t->groups[c.group]);
}

void AsyncMessaging::deliver(Id cn, Id msg, Id deliver_edge) {
    ConsumerRt& c = consumer(cn);
    ++c.busy;
    EdgeRt& e = w.edges[deliver_edge];
    const SimTime there = runtime::sample(e.cfg->latency, e.rng);
    if (w.observer)
        w.observer->on_hop(Hop{w.now(), w.now() + there, deliver_edge, HopKind::delivery, false,
                               message_subject(msg)});
    AsyncMessaging* self = this;
    const WorkerHold h = hold(cn, msg);
    w.kernel.after(there, [self, h] { self->resume(h); });
}

WorkerHold AsyncMessaging::hold(Id cn, Id msg) {
    WorkerHold h;
    h.msg = messages.ref(msg);
    h.receipt = messages[msg].receipt;
    h.consumer = static_cast<std::uint16_t>(index[cn]);
    h.epoch = consumer(cn).epoch;
    return h;
}

void AsyncMessaging::resume(const WorkerHold& h) {
    ConsumerRt& c = consumers[h.consumer];
    if (c.epoch != h.epoch) return;  // lost in a crash, which freed every worker
    if (!messages.alive(h.msg)) {
        // A later receiver acked it while this worker waited (its receive had expired).
        release_worker(c);
        return;
    }
    start_attempt(c.node, h.msg.id, h.receipt);
}

void AsyncMessaging::release_worker(ConsumerRt& c) {
    --c.busy;
    dispatch_source(c);
}

void AsyncMessaging::start_attempt(Id cn, Id msg, std::uint32_t receipt) {
    ConsumerRt& c = consumer(cn);
    NodeRt& node = w.nodes[cn];
    Message& m = messages[msg];
    ++m.attempts;
    ++c.counters.attempts;
    if (m.attempts > 1) ++c.counters.retries;

    Id inv = w.invocations.create();
    Invocation& v = w.invocations[inv];
    v.arrived = w.now();
    v.node = cn;
    v.request = w.requests.alive(m.request) ? m.request.id : no_id;
    v.state = InvState::working;
    if (attempt_of.size() <= inv) attempt_of.resize(inv + 1);
    attempt_of[inv] = AttemptOf{messages.ref(msg), m.event_id, receipt, c.epoch, m.compensation};
    if (m.span != 0) {
        const std::uint64_t trace = w.traces.trace_of(m.span);
        if (w.scenario.trace.propagate) {
            v.span = w.traces.begin(trace, m.span, cn, w.now());
        } else {
            // The context was dropped at the broker: this work starts a trace of its own.
            v.span = w.traces.begin(w.traces.new_orphan_trace(), 0, cn, w.now(), true);
            w.traces.mark_broken(trace);
        }
    }
    const SimTime work = c.faults.slowed(runtime::sample(node.cfg->work, node.rng));
    v.work_ns = work;
    AsyncMessaging* self = this;
    const Ref ref = w.invocations.ref(inv);
    w.kernel.after(work, [self, ref] { self->on_work_done(ref); });
}

void AsyncMessaging::on_work_done(Ref ref) {
    if (!w.invocations.alive(ref)) return;
    Invocation& v = w.invocations[ref.id];
    ConsumerRt& c = consumer(v.node);
    NodeRt& node = w.nodes[v.node];
    const AttemptOf& of = attempt_of[ref.id];
    if (of.epoch != c.epoch) {
        finish_attempt(ref.id, true);  // crashed meanwhile: finish_attempt drops it
        return;
    }
    // The message may be gone (acked by a later receiver): the work still happened.
    bool poison = false;
    if (messages.alive(of.message)) {
        const Message& m = messages[of.message.id];
        poison = m.poison || is_poison_for(v.node, m.event_id);
    }
    const double rate = c.faults.failure_rate(node.cfg->failure_rate);
    if (poison || kernel::bernoulli(node.rng, rate)) {
        v.outcome = Outcome::failed;
        v.reason = Reason::error;
        if (!publish_failure_event(ref.id)) finish_attempt(ref.id, true);
        return;
    }
    if (node.out_edges.empty()) {
        finish_attempt(ref.id, false);
        return;
    }
    v.state = InvState::calling;
    w.perform_outgoing(ref.id);  // ends in on_invocation_complete
}

void AsyncMessaging::on_invocation_complete(Id inv) {
    finish_attempt(inv, w.invocations[inv].outcome == Outcome::failed);
}

void AsyncMessaging::finish_attempt(Id inv, bool failed) {
    const Invocation v = w.invocations[inv];
    const AttemptOf of = attempt_of[inv];
    w.traces.end(v.span, w.now(), !failed && !of.failure_event);  // the trace shows the failure
    w.invocations.destroy(inv);
    ConsumerRt& c = consumer(v.node);
    if (of.epoch != c.epoch) return;  // lost in a crash, which freed every worker
    if (!messages.alive(of.message)) {
        // Acked by a later receiver while this worker's expired receive ran: a duplicate.
        if (!failed) count_processing(c, of.event_id);
        release_worker(c);
        return;
    }
    if (failed)
        attempt_failed(c, of);
    else
        attempt_succeeded(c, of);
}

void AsyncMessaging::attempt_succeeded(ConsumerRt& c, const AttemptOf& of) {
    const Id msg = of.message.id;
    Message& m = messages[msg];
    count_processing(c, m.event_id);
    if (of.compensation) ++c.counters.compensations;
    --c.busy;
    if (QueueRt* q = queue_of(m.broker)) {
        if (q->ordering.processed(m.key, m.key_seq)) ++q->counters.ordering_violations;
        queue_ack(msg, of.receipt);  // refused if the visibility timeout expired first
    } else if (TopicRt* t = topic_of(m.broker)) {
        if (t->groups[c.group].ordering.processed(m.key, m.key_seq))
            ++t->counters.ordering_violations;
        ++t->counters.acked;
        finish_job_delivery(m, false);
        topic_commit(msg);
        messages.destroy(msg);
    }
    dispatch_source(c);
}

void AsyncMessaging::attempt_failed(ConsumerRt& c, const AttemptOf& of) {
    const Message& m = messages[of.message.id];
    const bool from_queue = queue_of(m.broker) != nullptr;
    if (from_queue && (m.dead || !m.in_flight || m.receipt != of.receipt)) {
        // Its visibility timeout expired while this worker had it: the message is visible
        // again or someone else's now, so this worker neither retries nor dead-letters it.
        release_worker(c);
        return;
    }
    const auto& cfg = *w.nodes[c.node].cfg;
    const int max_attempts = cfg.retry ? std::max(1, cfg.retry->max_attempts) : 1;
    if (m.attempts < max_attempts) {
        retry_after(c, of, retry_backoff_ms(c, m.attempts));  // the worker keeps the message
        return;
    }
    const Id dl = dead_letter_target_edge(c.node, c.source);
    if (dl != no_id) {
        dead_letter_after_retries(c, of.message.id, dl);
        return;
    }
    if (from_queue) {
        --c.busy;
        queue_release(of.message.id);
        return;
    }
    // A topic without a dead-letter target: the head is retried in place for ever and
    // its partition stays blocked (at least 100 ms apart, so time moves on).
    retry_after(c, of, std::max(100.0, retry_backoff_ms(c, max_attempts)));
}

double AsyncMessaging::retry_backoff_ms(ConsumerRt& c, int attempt) {
    const auto& cfg = *w.nodes[c.node].cfg;
    const double base = cfg.retry ? cfg.retry->backoff_ms : 100.0;
    const double mult = cfg.retry ? cfg.retry->multiplier : 1.0;
    double ms = base * std::pow(mult, attempt - 1);
    if (cfg.retry && cfg.retry->jitter) ms *= kernel::uniform01(w.nodes[c.node].rng);
    return ms;
}

void AsyncMessaging::retry_after(ConsumerRt& c, const AttemptOf& of, double backoff_ms) {
    AsyncMessaging* self = this;
    WorkerHold h = hold(c.node, of.message.id);
    h.receipt = of.receipt;
    w.kernel.after(kernel::from_ms(backoff_ms), [self, h] { self->resume(h); });
}

void AsyncMessaging::dead_letter_after_retries(ConsumerRt& c, Id msg, Id dead_letter_edge) {
    Message& m = messages[msg];
    ++c.counters.dead_lettered;
    --c.busy;
    if (QueueRt* q = queue_of(m.broker)) {
        q->in_flight.erase(msg);
        q->landed(m.key);
        ++q->counters.dead_lettered;
        q->ordering.skipped(m.key, m.key_seq);
        dead_letter(msg, DeadLetterReason::retries_exhausted, c.node, dead_letter_edge);
        note_depth(*q);
    } else if (TopicRt* t = topic_of(m.broker)) {
        ++t->counters.dead_lettered;
        t->groups[c.group].ordering.skipped(m.key, m.key_seq);
        dead_letter(msg, DeadLetterReason::retries_exhausted, c.node, dead_letter_edge);
        topic_commit(msg);
    }
    dispatch_source(c);
}

void AsyncMessaging::count_processing(ConsumerRt& c, std::uint64_t event_id) {
    ++c.counters.processed;
    const bool seen = !c.processed_ids.insert(event_id);
    if (seen) ++c.counters.duplicates_delivered;
    if (w.nodes[c.node].cfg->idempotent && seen) {
        ++c.counters.duplicates_suppressed;  // the key store says: done already, just ack
    } else {
        ++c.counters.side_effects;
        if (seen) ++c.counters.double_side_effects;
    }
}

}  // namespace flowlab::runtime
