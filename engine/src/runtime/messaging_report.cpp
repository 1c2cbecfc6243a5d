// The asynchronous nodes' report sections, the conservation check, and the live view.

#include <cmath>

#include "flowlab/metrics/rounding.hpp"
#include "runtime/async_messaging.hpp"
#include "runtime/event_log_report.hpp"

namespace flowlab::runtime {

namespace {
namespace json = boost::json;
using metrics::round_to;

// Node figures count from the end of the warm-up (`warmup_counters`); the conservation
// totals cover the whole run.

json::object queue_section(const QueueRt& q, kernel::SimTime now) {
    const QueueCounters n = since(q.counters, q.warmup_counters);
    json::object o;
    o["kind"] = "queue";
    o["published"] = n.published;
    o["rejected"] = n.rejected;
    o["delivered"] = n.delivered;
    o["acked"] = n.acked;
    o["redelivered"] = n.redelivered;
    o["dead_lettered"] = n.dead_lettered;
    o["depth_max"] = q.depth_max;
    o["depth_end"] = q.depth();
    o["oldest_age_ms_max"] = round_to(q.oldest_age_ms_max, 3);
    o["ordering_violations"] = n.ordering_violations;
    o["depth_mean"] = round_to(q.depth_level.mean(now), 6);
    o["wait_ms"] = q.wait.summary();
    return o;
}

/// Per consumer group (named by its consumer node): the wait for the group's consumer
/// and the mean number of messages in the group's logs.
json::object groups_section(const TopicRt& t, const World& w) {
    json::object groups;
    for (const TopicGroup& g : t.groups) {
        json::object o;
        o["wait_ms"] = g.wait.summary();
        o["depth_mean"] = round_to(g.depth_level.mean(w.now()), 6);
        groups[w.nodes[g.consumer].cfg->id] = std::move(o);
    }
    return groups;
}

json::object topic_section(const TopicRt& t, const World& w) {
    const TopicCounters n = since(t.counters, t.warmup_counters);
    json::object o;
    o["kind"] = "topic";
    o["published"] = n.published;
    o["rejected"] = n.rejected;
    o["acked"] = n.acked;
    o["dead_lettered"] = n.dead_lettered;
    o["producer_blocked_s"] = round_to(kernel::to_s(t.producer_blocked_ns), 6);
    o["ordering_violations"] = n.ordering_violations;
    json::array parts;
    for (std::size_t p = 0; p < t.blocked.size(); ++p) {
        json::object po;
        po["depth_max"] = t.depth_max[p];
        po["lag_end"] = t.lag(p);
        po["depth_mean"] = round_to(t.lag_level[p].mean(w.now()), 6);
        parts.push_back(std::move(po));
    }
    o["partitions"] = std::move(parts);
    o["groups"] = groups_section(t, w);
    if (t.retains()) add_retention_report(t, w, o);
    return o;
}

json::object consumer_section(const ConsumerRt& c, bool choreography) {
    const ConsumerCounters n = since(c.counters, c.warmup_counters);
    json::object o;
    o["kind"] = "consumer";
    o["processed"] = n.processed;
    o["attempts"] = n.attempts;
    o["retries"] = n.retries;
    o["duplicates_delivered"] = n.duplicates_delivered;
    o["duplicates_suppressed"] = n.duplicates_suppressed;
    o["side_effects"] = n.side_effects;
    o["double_side_effects"] = n.double_side_effects;
    o["dead_lettered"] = n.dead_lettered;
    o["instances_max"] = c.instances_max;
    if (choreography) {
        o["failure_events"] = n.failure_events;
        o["compensations"] = n.compensations;
    }
    return o;
}

json::object dlq_section(const DlqRt& d) {
    const DlqCounters n = since(d.counters, d.warmup_counters);
    json::object o;
    o["kind"] = "dlq";
    o["count"] = d.held.size();  // what it holds now (a state, not a counter)
    json::object reasons;
    reasons["max_receives"] = n.max_receives;
    reasons["retries_exhausted"] = n.retries_exhausted;
    o["reasons"] = std::move(reasons);
    json::object from;
    for (const auto& [id, count] : n.from) from[id] = count;
    o["from"] = std::move(from);
    return o;
}

}  // namespace

void AsyncMessaging::report(json::object& r) const {
    json::object& nodes = r["nodes"].as_object();
    auto id_of = [&](Id node) { return w.nodes[node].cfg->id; };
    for (const QueueRt& q : queues) nodes[id_of(q.node)] = queue_section(q, w.now());
    for (const TopicRt& t : topics) nodes[id_of(t.node)] = topic_section(t, w);
    for (const ConsumerRt& c : consumers)
        nodes[id_of(c.node)] = consumer_section(c, choreography());
    for (const DlqRt& d : dlqs) nodes[id_of(d.node)] = dlq_section(d);
    r["conservation"] = conservation_section();
}

json::object AsyncMessaging::conservation_section() const {
    // In flight is counted from what the brokers hold right now (visible, received but
    // unacked, unconsumed partition logs); it is not derived from the other counters, so
    // `lost` really checks conservation. A publish still travelling to its broker is not
    // published yet (it is counted when the broker accepts it).
    std::uint64_t published = 0, acked = 0, dead = 0, held = 0;
    for (const QueueRt& q : queues) {
        published += q.counters.published;
        acked += q.counters.acked;
        held += q.visible.size() + q.in_flight.size();
    }
    for (const TopicRt& t : topics) {
        published += t.counters.published;
        acked += t.counters.acked;
        for (const auto& g : t.groups)
            for (const auto& log : g.logs) held += log.size();
    }
    for (const DlqRt& d : dlqs) dead += d.held.size();
    json::object c;
    c["messages_published"] = published;
    c["acked"] = acked;
    c["dead_lettered"] = dead;
    c["in_flight_end"] = held;
    c["lost"] =
        static_cast<std::int64_t>(published) - static_cast<std::int64_t>(acked + dead + held);
    add_retention_conservation(topics, c);
    return c;
}

AsyncNodeView AsyncMessaging::view(Id node) const {
    AsyncNodeView view;
    const int i = index[node];
    switch (w.nodes[node].kind) {
        case model::NodeKind::queue: view.depth = queues[i].depth(); break;
        case model::NodeKind::topic: {
            const TopicRt& t = topics[i];
            view.depth = 0;
            for (std::size_t p = 0; p < t.blocked.size(); ++p) {
                view.partition_lag.push_back(t.lag(p));
                view.depth += t.lag(p);
            }
            if (t.retains()) add_log_view(t, view);
            break;
        }
        case model::NodeKind::consumer:
            // A crashed or paused consumer keeps its configured instances; the flag and
            // the fault banner say why none of them is busy.
            view.instances = consumers[i].instances;
            view.busy = consumers[i].busy;
            view.crashed = consumers[i].crashed > 0;
            break;
        case model::NodeKind::dlq: {
            const DlqRt& d = dlqs[i];
            view.dead_letters = static_cast<std::int64_t>(d.held.size());
            view.dead_letter_arrivals = d.arrivals;
            break;
        }
        default: break;
    }
    return view;
}

std::uint64_t AsyncMessaging::poison_held(Id node) const {
    std::uint64_t n = 0;
    auto count = [&](Id m) { n += messages[m].poison ? 1 : 0; };
    const int i = index[node];
    if (w.nodes[node].kind == model::NodeKind::queue) {
        for (Id m : queues[i].visible) count(m);
        for (Id m : queues[i].in_flight) count(m);
    } else if (w.nodes[node].kind == model::NodeKind::topic) {
        for (const auto& g : topics[i].groups)
            for (const auto& log : g.logs)
                for (Id m : log) count(m);
    }
    return n;
}

}  // namespace flowlab::runtime
