// The asynchronous nodes' report sections, the conservation check, and the live view.

#include <cmath>

#include "runtime/async_messaging.hpp"

namespace flowlab::runtime {

namespace {
namespace json = boost::json;
double round_3(double x) { return std::round(x * 1000.0) / 1000.0; }
}  // namespace

void AsyncMessaging::report(json::object& r) const {
    json::object& nodes = r["nodes"].as_object();
    std::uint64_t published = 0, acked = 0, dead = 0, held = 0;
    for (const QueueRt& q : queues) {
        json::object o;
        o["kind"] = "queue";
        o["published"] = q.published;
        o["rejected"] = q.rejected;
        o["delivered"] = q.delivered;
        o["acked"] = q.acked;
        o["redelivered"] = q.redelivered;
        o["dead_lettered"] = q.dead_lettered;
        o["depth_max"] = q.depth_max;
        o["depth_end"] = q.depth();
        o["oldest_age_ms_max"] = round_3(q.oldest_age_ms_max);
        o["ordering_violations"] = q.ordering_violations;
        nodes[w.nodes[q.node].cfg->id] = std::move(o);
        published += q.published;
        acked += q.acked;
        held += q.visible.size() + q.in_flight.size();
    }
    for (const TopicRt& t : topics) {
        json::object o;
        o["kind"] = "topic";
        o["published"] = t.published;
        o["rejected"] = t.rejected;
        o["acked"] = t.acked;
        o["dead_lettered"] = t.dead_lettered;
        o["producer_blocked_s"] = std::round(kernel::to_s(t.producer_blocked_ns) * 1e6) / 1e6;
        o["ordering_violations"] = t.ordering_violations;
        json::array parts;
        for (std::size_t p = 0; p < t.blocked.size(); ++p) {
            json::object po;
            po["depth_max"] = t.depth_max[p];
            po["lag_end"] = t.lag(p);
            parts.push_back(std::move(po));
        }
        o["partitions"] = std::move(parts);
        nodes[w.nodes[t.node].cfg->id] = std::move(o);
        published += t.published;
        acked += t.acked;
        for (const auto& g : t.groups)
            for (const auto& log : g.logs) held += log.size();
    }
    for (const ConsumerRt& c : consumers) {
        json::object o;
        o["kind"] = "consumer";
        o["processed"] = c.processed;
        o["attempts"] = c.attempts;
        o["retries"] = c.retries;
        o["duplicates_delivered"] = c.duplicates_delivered;
        o["duplicates_suppressed"] = c.duplicates_suppressed;
        o["side_effects"] = c.side_effects;
        o["double_side_effects"] = c.double_side_effects;
        o["dead_lettered"] = c.dead_lettered;
        o["instances_max"] = c.instances_max;
        nodes[w.nodes[c.node].cfg->id] = std::move(o);
    }
    for (const DlqRt& d : dlqs) {
        json::object o;
        o["kind"] = "dlq";
        o["count"] = d.held.size();
        json::object reasons;
        reasons["max_receives"] = d.max_receives;
        reasons["retries_exhausted"] = d.retries_exhausted;
        o["reasons"] = std::move(reasons);
        json::object from;
        for (const auto& [id, n] : d.from) from[id] = n;
        o["from"] = std::move(from);
        nodes[w.nodes[d.node].cfg->id] = std::move(o);
        dead += d.held.size();
    }
    // In flight is counted from what the brokers hold right now (visible, received but
    // unacked, unconsumed partition logs); it is not derived from the other counters, so
    // `lost` really checks conservation. A publish still travelling to its broker is not
    // published yet (it is counted when the broker accepts it).
    const std::uint64_t in_flight_end = held;
    json::object c;
    c["messages_published"] = published;
    c["acked"] = acked;
    c["dead_lettered"] = dead;
    c["in_flight_end"] = in_flight_end;
    c["lost"] = static_cast<std::int64_t>(published) - static_cast<std::int64_t>(acked + dead + in_flight_end);
    r["conservation"] = std::move(c);
}

void AsyncMessaging::fill_view(Id node, run::NodeFrame& view) const {
    const int i = index[node];
    switch (w.nodes[node].kind) {
        case model::NodeKind::queue:
            view.depth = queues[i].depth();
            break;
        case model::NodeKind::topic: {
            const TopicRt& t = topics[i];
            view.partition_lag.clear();
            view.depth = 0;
            for (std::size_t p = 0; p < t.blocked.size(); ++p) {
                view.partition_lag.push_back(t.lag(p));
                view.depth += t.lag(p);
            }
            break;
        }
        case model::NodeKind::consumer:
            view.instances = consumers[i].available() ? consumers[i].instances : 0;
            view.busy = consumers[i].busy;
            break;
        case model::NodeKind::dlq: {
            const DlqRt& d = dlqs[i];
            view.dead_letters = static_cast<std::int64_t>(d.held.size());
            view.dead_letter_arrivals = d.arrivals;
            break;
        }
        default:
            break;
    }
}

}  // namespace flowlab::runtime
