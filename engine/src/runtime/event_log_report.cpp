// The retained log's report figures (only for topics with retention, so that the
// reports of topics without it stay as they were): what the log holds and what expired,
// per partition its offsets, per group where it reads and what it replayed or lost.

#include <algorithm>

#include "flowlab/metrics/rounding.hpp"
#include "runtime/async_messaging.hpp"
#include "runtime/event_log_report.hpp"

namespace flowlab::runtime {

namespace json = boost::json;

GroupLogCounters group_log_counters(const TopicGroup& g) {
    return since(g.log_counters, g.warmup_log_counters);
}

void add_retention_report(const TopicRt& t, const World& w, json::object& o) {
    std::int64_t retained = 0;
    double oldest_age_ms = 0;
    json::array& parts = o["partitions"].as_array();
    for (std::size_t p = 0; p < t.retained.size(); ++p) {
        const RetainedLog& log = t.retained[p];
        retained += static_cast<std::int64_t>(log.entries.size());
        if (!log.entries.empty())
            oldest_age_ms =
                std::max(oldest_age_ms, kernel::to_ms(w.now() - log.entries.front().at));
        json::object& po = parts[p].as_object();
        po["retained"] = log.entries.size();
        po["log_start"] = log.base;
        po["log_end"] = log.end();
    }
    json::object r;
    r["retained"] = retained;
    r["expired"] = since(t.counters, t.warmup_counters).expired;
    r["oldest_age_ms"] = metrics::round_to(oldest_age_ms, 3);
    o["retention"] = std::move(r);
    json::object& groups = o["groups"].as_object();
    for (const TopicGroup& g : t.groups) {
        json::object& go = groups[w.nodes[g.consumer].cfg->id].as_object();
        json::array offsets;
        std::int64_t lag = 0;
        for (std::size_t p = 0; p < g.logs.size(); ++p) {
            // The committed offset: everything below it this group has read (its unread
            // copies are the log's tail, from the offset to the end).
            const auto unread = static_cast<std::int64_t>(g.logs[p].size());
            offsets.push_back(static_cast<std::int64_t>(t.retained[p].end()) - unread);
            lag += unread;
        }
        const GroupLogCounters n = group_log_counters(g);
        go["joined"] = g.joined;
        go["lag"] = lag;
        go["offsets"] = std::move(offsets);
        go["replayed"] = n.replayed;
        go["skipped"] = n.skipped;
        go["expired_unconsumed"] = n.expired_unconsumed;
        go["unreplayable"] = n.unreplayable;
    }
}

void add_log_view(const TopicRt& t, AsyncNodeView& view) {
    view.retains = true;
    for (const RetainedLog& log : t.retained) {
        view.log_start += static_cast<std::int64_t>(log.base);
        view.log_end += static_cast<std::int64_t>(log.end());
    }
    for (const TopicGroup& g : t.groups) {
        std::int64_t unread = 0;
        for (const auto& copies : g.logs) unread += static_cast<std::int64_t>(copies.size());
        view.group_consumers.push_back(g.consumer);
        view.group_offsets.push_back(view.log_end - unread);
        view.group_joined.push_back(g.joined ? 1 : 0);
    }
}

void add_retention_conservation(const std::vector<TopicRt>& topics, json::object& c) {
    // Copies replayed from history enter a group's log as publishes do; copies that
    // expired unread or that a reset skipped leave it unprocessed. Both are counted
    // from what happened, so `lost` still checks that every copy is somewhere.
    std::uint64_t replayed = 0, gone = 0;
    bool any = false;
    for (const TopicRt& t : topics) {
        any = any || t.retains();
        for (const TopicGroup& g : t.groups) {
            replayed += g.log_counters.replayed;
            gone += g.log_counters.expired_unconsumed + g.log_counters.skipped;
        }
    }
    if (!any && replayed == 0 && gone == 0) return;
    c["replayed"] = replayed;
    c["expired_or_skipped"] = gone;
    c["lost"] = c["lost"].as_int64() + static_cast<std::int64_t>(replayed) -
                static_cast<std::int64_t>(gone);
}

}  // namespace flowlab::runtime
