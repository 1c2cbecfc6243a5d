// The run report (`flowlab-report/1`, see the CLI contract): built in a fixed key
// order from the world's counters so that the same file and seed give byte-identical
// JSON. Wall-clock figures ("perf") are added by the runner, never here.

#include <cmath>

#include "flowlab/metrics/rounding.hpp"
#include "flowlab/theory/predict.hpp"
#include "runtime/async_messaging.hpp"
#include "runtime/notifier.hpp"
#include "runtime/proxy_nodes.hpp"
#include "runtime/saga_rules.hpp"
#include "runtime/world.hpp"

namespace flowlab::runtime {

namespace {
namespace json = boost::json;
using metrics::round_to;

json::object breaker_section(const World& w, Id node) {
    std::uint64_t opened = 0, short_circuited = 0;
    for (Id e : w.nodes[node].out_edges) {
        const auto& b = w.edges[e].breaker;
        if (!b) continue;
        opened += b->times_opened();
        short_circuited += b->short_circuited();
    }
    json::object o;
    o["opened"] = opened;
    o["short_circuited"] = short_circuited;
    return o;
}
}  // namespace

json::object World::report() const {
    json::object r;
    const double measured_s = std::max(0.0, kernel::to_s(now() - warmup_end));
    r["format"] = "flowlab-report/1";
    r["scenario"] = scenario.name;
    r["seed"] = seed;
    r["sim_time_s"] = round_to(kernel::to_s(now()), 6);
    r["measured_s"] = round_to(measured_s, 6);
    r["clients"] = clients_report();
    r["nodes"] = servers_report(measured_s);
    messaging->report(r);
    proxies->report(r["nodes"].as_object());
    {
        // Nodes in the order of the scenario, whichever layer reported them.
        boost::json::object& unordered = r["nodes"].as_object();
        boost::json::object ordered;
        for (const auto& n : scenario.nodes)
            if (auto it = unordered.find(n.id); it != unordered.end())
                ordered[n.id] = std::move(it->value());
        r["nodes"] = std::move(ordered);
    }

    json::object tr;
    tr["sampled"] = traces.sampled();
    tr["connected"] = traces.connected();
    tr["orphan_spans"] = traces.orphan_spans();
    r["traces"] = std::move(tr);

    json::object theory = theory::predict(scenario);
    json::object little = littles_law_report(measured_s);
    if (!little.empty()) theory["littles_law"] = std::move(little);
    r["theory"] = std::move(theory);
    return r;
}

json::object World::clients_report() const {
    json::object clients_out;
    for (Id c : clients) {
        const NodeRt& n = nodes[c];
        const ClientStats& s = n.client;
        json::object o;
        const std::uint64_t answered = s.ok + s.degraded + s.failed;
        // A request without its answer is in flight while the run goes on, and failed
        // (reason "unfinished") once the run is over: a report taken mid-run (--until, the
        // live view) must not count a request still being served as a failure.
        const std::uint64_t open = s.requests - answered;
        const std::uint64_t unfinished = finished_ ? open : 0;
        const std::uint64_t failed = s.failed + unfinished;
        const std::uint64_t decided = answered + unfinished;
        auto reason = [&](Reason x) { return s.reasons[static_cast<int>(x)]; };
        o["requests"] = s.requests;
        o["ok"] = s.ok;
        o["degraded"] = s.degraded;
        o["failed"] = failed;
        o["in_flight"] = finished_ ? 0 : open;
        o["timed_out"] = reason(Reason::timeout);
        o["rejected"] =
            reason(Reason::rejected) + reason(Reason::refused) + reason(Reason::rate_limited);
        o["availability"] =
            decided
                ? round_to(static_cast<double>(s.ok + s.degraded) / static_cast<double>(decided), 6)
                : 1.0;
        o["latency_ms"] = s.latency.summary();
        o["latency_ok_ms"] = s.latency_ok.summary();
        json::object reasons;
        for (int i = 1; i < reason_count; ++i) {
            auto x = static_cast<Reason>(i);
            reasons[to_string(x)] = x == Reason::unfinished ? unfinished : reason(x);
        }
        o["failure_reasons"] = std::move(reasons);
        o["retries"] = s.retries;
        if (n.cfg->pattern == model::ClientPattern::job) {
            json::object job;
            job["accepted_ms"] = s.job_accepted.summary();
            job["done_ms"] = s.job_done.summary();
            job["polls"] = s.polls;
            job["done"] = s.jobs_done;
            job["failed"] = s.jobs_failed;
            notifier->report_client(c, o, &job);
            o["job"] = std::move(job);
        } else {
            notifier->report_client(c, o, nullptr);
        }
        if (n.cfg->pattern == model::ClientPattern::write_then_read)
            o["read_your_writes"] = read_your_writes_report(s);
        clients_out[n.cfg->id] = std::move(o);
    }
    return clients_out;
}

json::object World::servers_report(double measured_s) const {
    json::object nodes_out;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const NodeRt& n = nodes[i];
        if (!model::serves_calls(n.kind)) continue;
        const ServerStats& s = n.server;
        json::object o;
        o["kind"] = model::to_string(n.kind);
        o["received"] = s.received;
        o["ok"] = s.ok;
        o["degraded"] = s.degraded;
        o["failed"] = s.failed;
        o["rejected"] = s.rejected;
        o["refused"] = s.refused;
        o["timed_out_calls"] = s.timed_out_calls;
        o["retries"] = s.retries;
        o["wasted_work_ms"] = round_to(kernel::to_ms(s.wasted_work_ns), 3);
        const double working = n.working_level.integral(now()) - n.working_at_warmup;
        const double blocked = n.blocked_level.integral(now()) - n.blocked_at_warmup;
        const double total = n.threads * measured_s;
        json::object tt;
        tt["idle"] = round_to(std::max(0.0, total - working - blocked), 6);
        tt["working"] = round_to(working, 6);
        tt["blocked"] = round_to(blocked, 6);
        o["thread_time_s"] = std::move(tt);
        o["utilization"] = total > 0 ? round_to((working + blocked) / total, 6) : 0.0;
        o["backlog_max"] = s.backlog_max;
        o["latency_ms"] = s.latency.summary();
        o["breaker"] = breaker_section(*this, static_cast<Id>(i));
        if (n.event_loop)
            for (auto& field : event_loop_report(n, measured_s)) o[field.key()] = field.value();
        if (n.kind == model::NodeKind::read_model) o["view"] = view_report(static_cast<Id>(i));
        if (sagas->drives(static_cast<Id>(i)))
            o["saga"] = sagas->report(static_cast<Id>(i), measured_s);
        nodes_out[n.cfg->id] = std::move(o);
    }
    return nodes_out;
}

json::object World::littles_law_report(double measured_s) const {
    // Little's law, checked from measured figures only: L (time-average number in
    // the node) against lambda * W (arrival rate times mean time in the node).
    json::object little;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const NodeRt& n = nodes[i];
        if (!model::serves_calls(n.kind)) continue;
        // Every server has the section from time 0 (zeros until it has measured
        // something), so that its metric paths exist at any time of the run.
        const bool measured = measured_s > 0 && n.server.latency.count() > 0;
        // Only admitted calls enter the node: rejected and refused ones never count in
        // L, so they must not count in lambda either (a loss station would disagree).
        const auto admitted = n.server.received - n.server.rejected - n.server.refused;
        const double lambda = measured ? static_cast<double>(admitted) / measured_s : 0.0;
        const double w_s = n.server.latency.mean() / 1000.0;
        const double l_measured =
            measured ? (n.in_system_level.integral(now()) - n.in_system_at_warmup) / measured_s
                     : 0.0;
        json::object o;
        o["lambda_per_s"] = round_to(lambda, 6);
        o["mean_time_ms"] = measured ? round_to(n.server.latency.mean(), 6) : 0.0;
        o["lambda_w"] = round_to(lambda * w_s, 6);
        o["l_measured"] = round_to(l_measured, 6);
        little[n.cfg->id] = std::move(o);
    }
    return little;
}

}  // namespace flowlab::runtime
