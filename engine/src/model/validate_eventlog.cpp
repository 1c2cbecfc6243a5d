// Checks of the event-log and webhook keys: where a consumer group starts and when it
// joins, `reset` faults, and webhook edges into clients. Each check needs the graph (which
// topic feeds a consumer, whether that topic keeps history), so it lives apart from the
// per-parameter range checks of the schema.
#include "model/parse_context.hpp"
#include "model/validate_checker.hpp"

namespace flowlab::model::detail {

namespace {

/// The node feeding consumer `consumer` (its deliver edge's source), or -1.
int source_of(const Checker& c, const std::string& consumer) {
    for (const Edge& e : c.s.edges)
        if (e.mode == EdgeMode::deliver && e.to == consumer) return c.node_index(e.from);
    return -1;
}

bool retains(const Node& topic) { return topic.retention_ms || topic.retention_messages; }

std::string no_history(const Node& topic) {
    return "replaying needs history, and topic '" + topic.id +
           "' keeps none: set its retention_ms or retention_messages";
}

void check_group_start(Checker& c, const Node& n, const std::string& path) {
    const int src = source_of(c, n.id);
    const bool from_topic = src >= 0 && c.kind_known(src) && c.s.nodes[src].kind == NodeKind::topic;
    if (!from_topic) {
        if (n.start != StartOffset::latest || n.start_at_s != 0)
            c.error(path + ".start",
                    "applies only to a consumer of a topic: a queue hands each message to one "
                    "consumer and keeps no offsets to start from");
        return;
    }
    const Node& topic = c.s.nodes[src];
    if (n.start != StartOffset::at_time && n.start_at_s != 0)
        c.error(path + ".start_at_s", "applies only with start 'at_time'");
    if (n.start == StartOffset::at_time && n.start_at_s > n.join_at_s)
        c.error(path + ".start_at_s", "must be at most join_at_s (" + format_number(n.join_at_s) +
                                          "): a group cannot start reading at a time after it "
                                          "joins, got " +
                                          format_number(n.start_at_s));
    if (n.start != StartOffset::latest && n.join_at_s > 0 && !retains(topic))
        c.error(path + ".start", no_history(topic));
}

void check_one_webhook_per_client(Checker& c) {
    std::map<std::string, std::size_t> first;  // client id -> its webhook edge
    for (std::size_t j = 0; j < c.s.edges.size(); ++j) {
        const Edge& e = c.s.edges[j];
        if (e.mode != EdgeMode::webhook) continue;
        auto [it, fresh] = first.emplace(e.to, j);
        if (!fresh)
            c.error(json::path_index("edges", j),
                    "client '" + e.to + "' is already called back by '" +
                        c.s.edges[it->second].from + "' (edges[" + std::to_string(it->second) +
                        "]): a client has one webhook endpoint, fed by one worker");
    }
}

}  // namespace

void check_event_log(Checker& c) {
    if (!c.ids_known) return;
    for (std::size_t i = 0; i < c.s.nodes.size(); ++i) {
        const Node& n = c.s.nodes[i];
        if (n.kind == NodeKind::consumer && c.kind_known(static_cast<int>(i)))
            check_group_start(c, n, json::path_index("nodes", i));
    }
    check_one_webhook_per_client(c);
}

void check_event_log_fault(Checker& c, const Fault& f, const std::string& path) {
    if (!c.ids_known || !c.trusted(path + ".fault") || !c.trusted(path + ".target")) return;
    const int t = c.node_index(f.target);
    if (t < 0 || !c.kind_known(t)) return;
    if (f.kind == FaultKind::down && c.s.nodes[t].kind == NodeKind::client) {
        bool called_back = false;
        for (const Edge& e : c.s.edges)
            called_back |= e.mode == EdgeMode::webhook && e.to == f.target;
        if (!called_back)
            c.error(path + ".fault", "'down' on a client takes its webhook endpoint down, and '" +
                                         f.target + "' has no incoming webhook edge");
    }
    if (f.kind != FaultKind::reset || c.s.nodes[t].kind != NodeKind::consumer) return;
    if (f.to != StartOffset::at_time && f.to_at_s != 0)
        c.error(path + ".to_at_s", "applies only with to 'at_time'");
    const int src = source_of(c, f.target);
    if (src < 0 || !c.kind_known(src) || c.s.nodes[src].kind != NodeKind::topic) {
        c.error(path + ".target", "'" + f.target +
                                      "' is not fed by a topic: only a topic consumer group has "
                                      "offsets to reset");
        return;
    }
    if (f.to != StartOffset::latest && !retains(c.s.nodes[src]))
        c.error(path + ".to", no_history(c.s.nodes[src]));
}

}  // namespace flowlab::model::detail
