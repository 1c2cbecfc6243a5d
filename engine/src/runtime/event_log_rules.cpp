// Retained logs: what makes a topic a log rather than a queue. With `retention_ms` or
// `retention_messages` a topic keeps every message after its groups consumed it, until
// retention expires it (message by message, exactly at its bound: Kafka deletes whole
// segments, so its bound is coarser, never tighter). A group reads the log at its own
// offsets: one that joins later (`join_at_s`) starts at the latest offset, the earliest
// retained one, or the first published at a time (`start`), and a `reset` fault moves a
// running group's offsets the same way. Going back replays history into the group; going
// forward skips what it had not read; history that expired before it was asked for is
// counted, not invented.

#include <algorithm>

#include "runtime/async_messaging.hpp"

namespace flowlab::runtime {

std::uint64_t RetainedLog::offset_at(kernel::SimTime t) const {
    const auto expired = std::lower_bound(expired_at.begin(), expired_at.end(), t);
    if (expired != expired_at.end())
        return static_cast<std::uint64_t>(expired - expired_at.begin());
    const auto kept =
        std::lower_bound(entries.begin(), entries.end(), t,
                         [](const RetainedEntry& e, kernel::SimTime x) { return e.at < x; });
    return base + static_cast<std::uint64_t>(kept - entries.begin());
}

namespace {

/// Copies of partition p that a group's worker holds right now stay in place, at the
/// head: they were fetched, and they commit when their processing ends.
std::size_t fetched(const TopicGroup& g, std::size_t p) {
    return g.head_busy[p] && !g.logs[p].empty() ? 1 : 0;
}

}  // namespace

void AsyncMessaging::set_up_event_logs() {
    for (TopicRt& t : topics) {
        const auto& cfg = *w.nodes[t.node].cfg;
        if (cfg.retention_ms || cfg.retention_messages) t.retained.resize(t.blocked.size());
    }
    for (ConsumerRt& c : consumers) {
        const double join_at_s = w.nodes[c.node].cfg->join_at_s;
        if (join_at_s <= 0) continue;
        // Until it joins, a queue's consumer takes nothing and a topic keeps no copies
        // for its group: it is not subscribed yet.
        if (c.from_topic)
            topics[index[c.source]].groups[c.group].joined = false;
        else
            ++c.paused;
        AsyncMessaging* self = this;
        const Id node = c.node;
        w.kernel.at(kernel::from_s(join_at_s), [self, node] { self->join(node); });
    }
}

const RetainedEntry& AsyncMessaging::log_append(TopicRt& t, std::size_t p, std::uint32_t key,
                                                std::uint32_t span, bool poison) {
    RetainedLog& log = t.retained[p];
    // One event id for every group's copy, and for any replay of it: the same record.
    log.entries.push_back(RetainedEntry{w.now(), next_event_id++, key, span, poison});
    return log.entries.back();
}

Id AsyncMessaging::make_log_copy(TopicRt& t, TopicGroup& g, std::size_t p,
                                 const RetainedEntry& entry, std::uint64_t offset, Ref request) {
    Id m = messages.create();
    Message& msg = messages[m];
    msg.enqueued = w.now();
    msg.event_id = entry.event_id;
    msg.request = request;
    msg.key = entry.key;
    msg.broker = t.node;
    msg.group = g.consumer;
    msg.partition = static_cast<std::uint16_t>(p);
    msg.offset = static_cast<std::uint32_t>(offset);
    msg.poison = entry.poison;
    return m;
}

void AsyncMessaging::expire_retained(TopicRt& t, std::size_t p) {
    const auto& cfg = *w.nodes[t.node].cfg;
    RetainedLog& log = t.retained[p];
    const std::uint64_t base_before = log.base;
    const SimTime keep = cfg.retention_ms ? kernel::from_ms(*cfg.retention_ms) : kernel::never;
    auto too_many = [&] {
        return cfg.retention_messages &&
               static_cast<std::int64_t>(log.entries.size()) > *cfg.retention_messages;
    };
    // An entry appended at a is kept while its age is below retention_ms: gone at a + keep.
    auto too_old = [&] {
        return keep != kernel::never && log.entries.front().at + keep <= w.now();
    };
    while (!log.entries.empty() && (too_many() || too_old())) {
        log.expired_at.push_back(log.entries.front().at);
        log.entries.pop_front();
        ++log.base;
        ++t.counters.expired;
    }
    if (log.base != base_before) {
        for (TopicGroup& g : t.groups) {
            auto& copies = g.logs[p];
            // A group's unread copies of expired offsets are gone with them: lag that no
            // replay can bring back.
            const std::size_t from = fetched(g, p);
            std::size_t n = 0;
            while (from + n < copies.size() && messages[copies[from + n]].offset < log.base) ++n;
            for (std::size_t k = 0; k < n; ++k) {
                const Id m = copies[from + k];
                ++g.log_counters.expired_unconsumed;
                finish_job_delivery(messages[m], true);
                messages.destroy(m);
                note_log_change(t, g, p, -1);
            }
            copies.erase(copies.begin() + static_cast<std::ptrdiff_t>(from),
                         copies.begin() + static_cast<std::ptrdiff_t>(from + n));
            if (n > 0) topic_dispatch(t, g);
        }
        wake_blocked(t, p);
    }
    if (keep != kernel::never && !log.expiry_armed && !log.entries.empty()) {
        log.expiry_armed = true;
        AsyncMessaging* self = this;
        const Id node = t.node;
        w.kernel.at(std::max(w.now(), log.entries.front().at + keep),
                    [self, node, p] { self->on_expiry_timer(node, p); });
    }
}

void AsyncMessaging::on_expiry_timer(Id topic_node, std::size_t p) {
    TopicRt& t = *topic_of(topic_node);
    t.retained[p].expiry_armed = false;
    expire_retained(t, p);
}

void AsyncMessaging::join(Id consumer_node) {
    ConsumerRt& c = consumer(consumer_node);
    if (!c.from_topic) {
        if (c.paused > 0) --c.paused;
        dispatch_source(c);
        return;
    }
    topics[index[c.source]].groups[c.group].joined = true;
    const auto& cfg = *w.nodes[consumer_node].cfg;
    move_group(consumer_node, cfg.start, cfg.start_at_s, true);
}

void AsyncMessaging::move_group(Id consumer_node, model::StartOffset to, double at_s,
                                bool joining) {
    ConsumerRt& c = consumer(consumer_node);
    if (!c.from_topic) return;
    TopicRt& t = topics[index[c.source]];
    TopicGroup& g = t.groups[c.group];
    // A group that has just joined reads in publication order, so its copies take the
    // next sequence numbers of their keys; a rewound group re-reads what it has seen, and
    // sequence 0 makes the ordering check treat those as the duplicates they are.
    for (std::size_t p = 0; p < g.logs.size(); ++p) {
        auto& copies = g.logs[p];
        const std::size_t from = fetched(g, p);
        const bool has_log = t.retains();
        const std::uint64_t end = has_log ? t.retained[p].end() : 0;
        const std::uint64_t base = has_log ? t.retained[p].base : 0;
        // Where the group reads next now, and where it is asked to.
        const std::uint64_t old_pos =
            copies.size() > from ? messages[copies[from]].offset : (has_log ? end : 0);
        std::uint64_t asked = end;
        if (to == model::StartOffset::earliest) asked = 0;
        if (to == model::StartOffset::at_time && has_log)
            asked = t.retained[p].offset_at(kernel::from_s(at_s));
        const std::uint64_t new_pos = std::max(asked, base);
        if (has_log && asked < std::min(old_pos, base))
            g.log_counters.unreplayable += std::min(old_pos, base) - asked;
        // Forward (or latest without a log): what the group had not read is skipped.
        std::size_t n = 0;
        while (from + n < copies.size() &&
               (!has_log || messages[copies[from + n]].offset < new_pos))
            ++n;
        for (std::size_t k = 0; k < n; ++k) {
            const Id m = copies[from + k];
            ++g.log_counters.skipped;
            finish_job_delivery(messages[m], true);
            messages.destroy(m);
            note_log_change(t, g, p, -1);
        }
        copies.erase(copies.begin() + static_cast<std::ptrdiff_t>(from),
                     copies.begin() + static_cast<std::ptrdiff_t>(from + n));
        // Back: the retained history from the new position is read again, before what
        // the group had not read yet.
        std::vector<Id> replay;
        for (std::uint64_t o = new_pos; has_log && o < old_pos; ++o) {
            const RetainedEntry& e = t.retained[p].entries[o - base];
            const Id m = make_log_copy(t, g, p, e, o, Ref{});
            messages[m].key_seq = joining ? g.next_key_seq[e.key]++ : 0;
            replay.push_back(m);
        }
        copies.insert(copies.begin() + static_cast<std::ptrdiff_t>(from), replay.begin(),
                      replay.end());
        g.log_counters.replayed += replay.size();
        for (std::size_t k = 0; k < replay.size(); ++k) note_log_change(t, g, p, +1);
        t.depth_max[p] = std::max(t.depth_max[p], t.lag(p));
        wake_blocked(t, p);
    }
    topic_dispatch(t, g);
}

}  // namespace flowlab::runtime
