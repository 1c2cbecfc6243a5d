// SQS-like queues: a received message is invisible until it is acked or its visibility
// timeout expires, when it becomes visible again and is delivered a second time (a
// duplicate). Past `max_receives` it moves to the queue's dead-letter target; without
// one it cycles for ever. `unordered` hands out any of the oldest visible messages;
// `fifo` hands out the oldest whose key has nothing in flight.

#include <algorithm>

#include "runtime/async_messaging.hpp"

namespace flowlab::runtime {

namespace {
// How far into the visible messages an unordered receive may reach: a distributed queue
// samples some of its servers, so the oldest message is not always the one you get.
constexpr std::size_t unordered_reach = 8;
}  // namespace

bool AsyncMessaging::queue_accept(QueueRt& q, Id msg) {
    q.visible.push_back(msg);
    q.fifo_blocked = false;
    ++q.counters.published;
    note_depth(q);
    q.depth_max = std::max(q.depth_max, q.depth());
    return true;
}

void AsyncMessaging::note_depth(QueueRt& q) { q.depth_level.set(w.now(), q.depth()); }

void AsyncMessaging::record_wait(metrics::LatencyHistogram& wait, Message& m) {
    // Once per message: a redelivery is not a new wait, and only messages published
    // after the warm-up count, like requests for latency.
    if (m.handed_out) return;
    m.handed_out = true;
    if (m.enqueued >= w.warmup_end) wait.record(kernel::to_ms(w.now() - m.enqueued));
}

void AsyncMessaging::queue_dispatch(QueueRt& q) {
    NodeRt& node = w.nodes[q.node];
    const auto& cfg = *node.cfg;
    while (!q.visible.empty() && !q.consumers.empty()) {
        // Pick a consumer with a free instance, round robin.
        std::size_t chosen = q.consumers.size();
        for (std::size_t k = 0; k < q.consumers.size(); ++k) {
            std::size_t i = (q.next_consumer + k) % q.consumers.size();
            ConsumerRt& c = consumer(q.consumers[i]);
            autoscale(c);
            if (consumer_can_take(c)) {
                chosen = i;
                break;
            }
        }
        if (chosen == q.consumers.size()) return;
        q.next_consumer = chosen + 1;

        std::size_t pos = 0;
        if (cfg.delivery == model::Delivery::unordered) {
            const std::size_t reach = std::min(unordered_reach, q.visible.size());
            pos = static_cast<std::size_t>(kernel::uniform01(q.pick_rng) *
                                           static_cast<double>(reach));
            q.fifo_blocked = false;  // (a live edit may switch the delivery back to fifo)
        } else {
            // FIFO: the oldest message whose key is not being processed right now.
            if (q.fifo_blocked) return;
            pos = q.visible.size();
            for (std::size_t i = 0; i < q.visible.size() && i < 4096; ++i) {
                if (!q.busy_keys.count(messages[q.visible[i]].key)) {
                    pos = i;
                    break;
                }
            }
            if (pos == q.visible.size()) {
                q.fifo_blocked = true;
                return;
            }
        }
        const Id msg = q.visible[pos];
        q.visible.erase(q.visible.begin() + static_cast<std::ptrdiff_t>(pos));
        Message& m = messages[msg];
        ++m.receipt;
        m.attempts = 0;
        if (cfg.max_receives && m.receipt > static_cast<std::uint32_t>(*cfg.max_receives) &&
            node.dead_letter_edge != no_id) {
            ++q.counters.dead_lettered;
            q.ordering.skipped(m.key, m.key_seq);
            dead_letter(msg, DeadLetterReason::max_receives, q.node, node.dead_letter_edge);
            note_depth(q);
            continue;
        }
        if (m.receipt > 1) ++q.counters.redelivered;
        ++q.counters.delivered;
        m.in_flight = true;
        q.in_flight.insert(msg);
        q.took(m.key);
        q.oldest_age_ms_max = std::max(q.oldest_age_ms_max, kernel::to_ms(w.now() - m.enqueued));
        AsyncMessaging* self = this;
        const std::uint32_t receipt = m.receipt;
        const std::uint32_t gen = messages.ref(msg).gen;
        record_wait(q.wait, m);
        w.kernel.after(kernel::from_ms(cfg.visibility_timeout_ms), [self, msg, receipt, gen] {
            self->on_visibility_timeout(msg, receipt, gen);
        });
        deliver(q.consumers[chosen], msg, q.deliver_edges[chosen]);
    }
}

void AsyncMessaging::on_visibility_timeout(Id msg, std::uint32_t receipt, std::uint32_t gen) {
    if (!messages.alive(Ref{msg, gen})) return;
    Message& m = messages[msg];
    if (!m.in_flight || m.receipt != receipt || m.dead) return;
    // Nobody acked in time: the message becomes visible again, to be delivered anew.
    QueueRt& q = *queue_of(m.broker);
    m.in_flight = false;
    q.in_flight.erase(msg);
    q.landed(m.key);
    if (w.nodes[q.node].cfg->delivery == model::Delivery::fifo) {
        // FIFO: it goes back ahead of every later-published message, so that its key's
        // later messages still wait for it.
        auto later = std::find_if(q.visible.begin(), q.visible.end(),
                                  [&](Id other) { return messages[other].event_id > m.event_id; });
        q.visible.insert(later, msg);
    } else {
        q.visible.push_back(msg);
    }
    queue_dispatch(q);
}

void AsyncMessaging::queue_ack(Id msg, std::uint32_t receipt) {
    Message& m = messages[msg];
    QueueRt& q = *queue_of(m.broker);
    // An ack with an old receipt (the visibility timeout already expired) is refused:
    // the message stays and will be processed again.
    if (!m.in_flight || m.receipt != receipt) return;
    q.in_flight.erase(msg);
    q.landed(m.key);
    ++q.counters.acked;
    note_depth(q);
    finish_job_delivery(m, false);
    messages.destroy(msg);
    queue_dispatch(q);
}

void AsyncMessaging::queue_release(Id msg) {
    // The consumer gave up on it without a DLQ to send it to: it stays invisible until
    // its visibility timeout, then comes back (and may reach max_receives).
    QueueRt& q = *queue_of(messages[msg].broker);
    queue_dispatch(q);
}

}  // namespace flowlab::runtime
