// Kafka-like topics: a message lands in partition hash(key) mod partitions; every
// subscribed consumer node is its own group with its own copy of each partition's log;
// within a group a partition is consumed one message at a time, head first, so a
// failing head blocks its partition (and only it). When a partition holds `capacity`
// unconsumed messages, `block` keeps the producer's thread waiting (bounded by the
// edge's timeout) and `reject` fails the publish.

#include "runtime/async_messaging.hpp"

namespace flowlab::runtime {

namespace {
std::uint32_t partition_of(std::uint32_t key, std::size_t partitions) {
    // A fixed integer hash (murmur3's finalizer), the same on every machine.
    std::uint32_t h = key;
    h ^= h >> 16;
    h *= 0x85ebca6bU;
    h ^= h >> 13;
    h *= 0xc2b2ae35U;
    h ^= h >> 16;
    return static_cast<std::uint32_t>(h % partitions);
}
}  // namespace

void AsyncMessaging::topic_publish(TopicRt& t, Ref inv, Id edge, std::uint32_t key) {
    const auto& cfg = *w.nodes[t.node].cfg;
    const std::uint32_t p = partition_of(key, t.blocked.size());
    const bool full = cfg.capacity && t.lag(p) >= *cfg.capacity;
    if (!full && t.blocked[p].empty()) {
        topic_admit(t, inv, edge, key);
        return;
    }
    if (cfg.on_full == model::OnFull::reject) {
        ++t.counters.rejected;
        answer_publisher(inv, edge, false, Reason::publish_rejected);
        return;
    }
    // Backpressure: the producer waits in line for room in the partition.
    BlockedPublish b{inv, edge, key, w.now(), t.next_block_id++};
    t.blocked[p].push_back(b);
    const SimTime timeout = w.edges[edge].timeout;
    if (timeout != kernel::never) {
        AsyncMessaging* self = this;
        const Id node = t.node;
        const std::uint32_t id = b.id;
        w.kernel.after(timeout, [self, node, p, id] { self->on_blocked_timeout(node, p, id); });
    }
}

void AsyncMessaging::on_blocked_timeout(Id topic_node, std::uint32_t partition,
                                        std::uint32_t block_id) {
    TopicRt& t = *topic_of(topic_node);
    auto& line = t.blocked[partition];
    for (auto it = line.begin(); it != line.end(); ++it) {
        if (it->id != block_id) continue;
        const BlockedPublish b = *it;
        line.erase(it);
        if (w.measuring()) t.producer_blocked_ns += w.now() - b.since;
        answer_publisher(b.inv, b.edge, false, Reason::timeout);
        return;
    }
}

void AsyncMessaging::topic_admit(TopicRt& t, Ref inv, Id edge, std::uint32_t key) {
    const std::uint32_t p = partition_of(key, t.blocked.size());
    Ref request;
    std::uint32_t span = 0;
    if (w.invocations.alive(inv)) {
        const Invocation& v = w.invocations[inv.id];
        if (v.request != no_id) request = w.requests.ref(v.request);
        span = v.span;
    }
    // With retention the log keeps the message itself; each group gets a copy to read.
    const RetainedEntry* entry = t.retains() ? &log_append(t, p, key, span, false) : nullptr;
    int copies = 0;
    for (TopicGroup& g : t.groups) {
        if (!g.joined) continue;
        ++copies;
        Id m = entry ? make_log_copy(t, g, p, *entry, t.retained[p].end() - 1, request)
                     : make_message(t.node, request, key, span);
        Message& msg = messages[m];
        msg.span = span;
        msg.group = g.consumer;
        msg.partition = static_cast<std::uint16_t>(p);
        msg.key_seq = g.next_key_seq[key]++;
        mark_compensation(m, inv, edge);
        g.logs[p].push_back(m);
        note_log_change(t, g, p, +1);
        ++t.counters.published;
    }
    count_job_delivery(request, copies);
    if (entry) expire_retained(t, p);
    t.depth_max[p] = std::max(t.depth_max[p], t.lag(p));
    answer_publisher(inv, edge, true, Reason::none);
    for (TopicGroup& g : t.groups) topic_dispatch(t, g);
}

void AsyncMessaging::wake_blocked(TopicRt& t, std::size_t p) {
    const auto& cfg = *w.nodes[t.node].cfg;
    while (!t.blocked[p].empty() && !(cfg.capacity && t.lag(p) >= *cfg.capacity)) {
        const BlockedPublish b = t.blocked[p].front();
        t.blocked[p].pop_front();
        if (w.measuring()) t.producer_blocked_ns += w.now() - b.since;
        topic_admit(t, b.inv, b.edge, b.key);
    }
}

void AsyncMessaging::note_log_change(TopicRt& t, TopicGroup& g, std::size_t p, int delta) {
    g.depth_level.add(w.now(), delta);
    t.lag_level[p].set(w.now(), t.lag(p));
}

void AsyncMessaging::topic_dispatch(TopicRt& t, TopicGroup& g) {
    ConsumerRt& c = consumer(g.consumer);
    autoscale(c);
    if (!c.available()) return;
    // Partition p belongs to instance p mod instances; each instance works on one head
    // at a time. Busy instances are derived from the busy heads, so a change in the
    // number of instances (autoscale) never leaves a stale flag behind.
    const auto instances = static_cast<std::size_t>(c.instances);
    std::vector<char> busy(instances, 0);
    for (std::size_t p = 0; p < g.logs.size(); ++p)
        if (g.head_busy[p]) busy[p % instances] = 1;
    for (std::size_t p = 0; p < g.logs.size(); ++p) {
        if (g.logs[p].empty() || g.head_busy[p] || busy[p % instances]) continue;
        g.head_busy[p] = true;
        busy[p % instances] = 1;
        record_wait(g.wait, messages[g.logs[p].front()]);
        deliver(g.consumer, g.logs[p].front(), g.deliver_edge);
    }
}

void AsyncMessaging::topic_commit(Id msg) {
    // Processing done (or dead-lettered): the group's offset moves past the head.
    Message& m = messages[msg];
    TopicRt& t = *topic_of(m.broker);
    ConsumerRt& c = consumer(m.group);
    TopicGroup& g = t.groups[c.group];
    const std::size_t p = m.partition;
    if (!g.logs[p].empty() && g.logs[p].front() == msg) {
        g.logs[p].pop_front();
        note_log_change(t, g, p, -1);
    }
    g.head_busy[p] = false;
    wake_blocked(t, p);
    topic_dispatch(t, g);
}

}  // namespace flowlab::runtime
