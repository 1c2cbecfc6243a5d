// The table layout a student reads after a run. Columns come from the report's keys
// (see section_table.hpp); this file only decides the order of sections, their titles
// and the headers of the figures the spec names.

#include <boost/json/serialize.hpp>

#include "flowlab/run/report_json.hpp"

#include <set>

#include "flatten.hpp"
#include "number_format.hpp"
#include "report_format.hpp"
#include "section_table.hpp"

namespace flowlab::cli {

namespace json = boost::json;

namespace {

using Rows = std::vector<std::pair<std::string, const json::object*>>;

const json::object* object_at(const json::object& obj, const char* key) {
    const json::value* v = obj.if_contains(key);
    return v && v->is_object() ? &v->get_object() : nullptr;
}

std::string text_at(const json::object& obj, const char* key) {
    const json::value* v = obj.if_contains(key);
    if (!v) return "?";
    return v->is_string() ? std::string(v->get_string()) : exact_text(*v);
}

const SectionSpec& client_spec() {
    static const SectionSpec spec{
        {"requests", "ok", "degraded", "failed", "timed_out", "rejected", "availability",
         "latency_ms.p50", "latency_ms.p95", "latency_ms.p99", "latency_ms.p999", "latency_ms.max"},
        {"failure_reasons.", "job.", "latency_ms.mean", "latency_ms.p90", "latency_ok_ms."},
        {{"timed_out", "timed out"},
         {"availability", "availability %"},
         {"latency_ms.p50", "p50 ms"},
         {"latency_ms.p95", "p95 ms"},
         {"latency_ms.p99", "p99 ms"},
         {"latency_ms.p999", "p99.9 ms"},
         {"latency_ms.max", "max ms"}}};
    return spec;
}

// Jobs: a few percentiles of the two summaries; the rest is in the json report.
const SectionSpec& job_spec() {
    static const SectionSpec spec{
        {"done", "failed", "polls", "accepted_ms.p50", "accepted_ms.p99", "done_ms.p50",
         "done_ms.p99", "done_ms.max"},
        {"accepted_ms.mean", "accepted_ms.p90", "accepted_ms.p95", "accepted_ms.p999",
         "accepted_ms.max", "done_ms.mean", "done_ms.p90", "done_ms.p95", "done_ms.p999"},
        {{"accepted_ms.p50", "accepted p50 ms"},
         {"accepted_ms.p99", "accepted p99 ms"},
         {"done_ms.p50", "done p50 ms"},
         {"done_ms.p99", "done p99 ms"},
         {"done_ms.max", "done max ms"}}};
    return spec;
}

struct KindGroup {
    std::string title;
    std::set<std::string> kinds;
    SectionSpec spec;
};

const std::vector<KindGroup>& kind_groups() {
    static const std::vector<KindGroup> groups = {
        {"Services and databases",
         {"service", "database", "read_model"},
         {{"kind", "received", "ok", "failed", "rejected", "utilization", "thread_time_s.idle",
           "thread_time_s.working", "thread_time_s.blocked", "backlog_max", "wasted_work_ms",
           "breaker.opened", "breaker.short_circuited"},
          {"latency_ms."},
          {{"utilization", "util %"},
           {"thread_time_s.idle", "idle s"},
           {"thread_time_s.working", "working s"},
           {"thread_time_s.blocked", "blocked s"},
           {"backlog_max", "backlog max"},
           {"wasted_work_ms", "wasted ms"},
           {"breaker.opened", "breaker opened"},
           {"breaker.short_circuited", "short-circuited"}}}},
        {"Queues",
         {"queue"},
         {{"published", "delivered", "acked", "redelivered", "dead_lettered", "depth_max",
           "depth_end", "oldest_age_ms_max", "ordering_violations", "depth_mean", "wait_ms.p50",
           "wait_ms.p99"},
          {"kind", "latency_ms.", "wait_ms.mean", "wait_ms.p90", "wait_ms.p95", "wait_ms.p999",
           "wait_ms.max"},
          {{"dead_lettered", "dead-lettered"},
           {"oldest_age_ms_max", "oldest age max ms"},
           {"ordering_violations", "order violations"},
           {"depth_mean", "depth mean"},
           {"wait_ms.p50", "wait p50 ms"},
           {"wait_ms.p99", "wait p99 ms"}}}},
        {"Topics",
         {"topic"},
         {{"published", "rejected", "producer_blocked_s", "ordering_violations", "partitions",
           "partitions.depth_max", "partitions.lag_end"},
          {"kind", "latency_ms.", "partitions.depth_mean", "groups."},
          {{"producer_blocked_s", "producer blocked s"},
           {"ordering_violations", "order violations"},
           {"partitions.depth_max", "depth max"},
           {"partitions.lag_end", "lag end"}}}},
        {"Consumers",
         {"consumer"},
         {{"processed", "attempts", "retries", "duplicates_delivered", "duplicates_suppressed",
           "side_effects", "double_side_effects", "dead_lettered", "instances_max"},
          {"kind", "latency_ms."},
          {{"duplicates_delivered", "duplicates delivered"},
           {"duplicates_suppressed", "duplicates suppressed"},
           {"double_side_effects", "double side effects"},
           {"dead_lettered", "dead-lettered"},
           {"instances_max", "instances max"}}}},
        {"Dead-letter queues",
         {"dlq"},
         {{"count", "reasons.max_receives", "reasons.retries_exhausted"},
          {"kind"},
          {{"reasons.max_receives", "max receives"},
           {"reasons.retries_exhausted", "retries exhausted"}}}},
        {"Caches",
         {"cache"},
         {{"received", "hits", "misses", "hit_ratio", "evictions", "expirations", "entries",
           "failed"},
          {"kind", "latency_ms.", "ok", "refused"},
          {{"hit_ratio", "hit ratio"}}}},
        {"Rate limiters",
         {"rate_limiter"},
         {{"received", "admitted", "rejected_429", "admitted_per_s", "tokens", "failed"},
          {"kind", "latency_ms.", "ok", "refused"},
          {{"rejected_429", "429s"}, {"admitted_per_s", "admitted /s"}}}},
    };
    return groups;
}

void add_section(std::string& out, const std::string& title, const TextTable& table) {
    if (table.empty()) return;
    out += "\n" + title + "\n" + table.render();
}

std::string header_line(const json::object& r) {
    std::string line = "Scenario: " + text_at(r, "scenario") + "   seed " + text_at(r, "seed");
    const json::value* sim = r.if_contains("sim_time_s");
    const json::value* measured = r.if_contains("measured_s");
    if (sim) line += "   simulated " + fixed(number_of(*sim), 3) + " s";
    if (sim && measured && number_of(*measured) != number_of(*sim))
        line +=
            " (statistics over the last " + fixed(number_of(*measured), 3) + " s, after warm-up)";
    return line + "\n";
}

void add_failure_reasons(std::string& out, const json::object& clients) {
    std::string lines;
    for (const auto& c : clients) {
        const json::object* reasons =
            c.value().is_object() ? object_at(c.value().get_object(), "failure_reasons") : nullptr;
        if (!reasons) continue;
        std::string text;
        for (const auto& [key, value] : flatten_all(*reasons)) {
            if (is_zero_like(value)) continue;
            text += (text.empty() ? "" : ", ") + words_of(key) + " " + cell_text(key, value);
        }
        if (!text.empty()) lines += "  " + std::string(c.key()) + ": " + text + "\n";
    }
    if (!lines.empty()) out += "\nFailure reasons\n" + lines;
}

void add_node_tables(std::string& out, const json::object& nodes) {
    std::vector<Rows> grouped(kind_groups().size());
    std::vector<std::pair<std::string, Rows>> others;  // kinds this CLI does not know yet
    for (const auto& n : nodes) {
        if (!n.value().is_object()) continue;
        const json::object& obj = n.value().get_object();
        const std::string kind = text_at(obj, "kind");
        std::size_t g = 0;
        while (g < kind_groups().size() && !kind_groups()[g].kinds.count(kind)) ++g;
        if (g < grouped.size()) {
            grouped[g].emplace_back(std::string(n.key()), &obj);
            continue;
        }
        auto it = std::find_if(others.begin(), others.end(),
                               [&](const auto& o) { return o.first == kind; });
        if (it == others.end()) it = others.insert(others.end(), {kind, {}});
        it->second.emplace_back(std::string(n.key()), &obj);
    }
    for (std::size_t g = 0; g < grouped.size(); ++g)
        if (!grouped[g].empty())
            add_section(out, kind_groups()[g].title,
                        section_table(grouped[g], kind_groups()[g].spec));
    for (const auto& [kind, rows] : others) {
        SectionSpec spec;
        spec.skip = {"kind", "latency_ms."};
        for (const auto& [key, value] : flatten_summarized(*rows.front().second))
            spec.always.push_back(key);
        add_section(out, "Nodes of kind '" + kind + "'", section_table(rows, spec));
    }
}

std::string figures_line(const std::string& title, const json::object& obj,
                         const std::string& when_all_zero) {
    FlatEntries flat = flatten_summarized(obj);
    bool all_zero =
        std::all_of(flat.begin(), flat.end(), [](const auto& e) { return is_zero_like(e.second); });
    if (all_zero && !when_all_zero.empty()) return title + ": " + when_all_zero + "\n";
    return title + ": " + inline_figures(obj) + "\n";
}

}  // namespace

std::string format_report_table(const json::object& r) {
    std::string out = header_line(r);
    const json::object* clients = object_at(r, "clients");
    Rows client_rows, job_rows;
    if (clients) {
        for (const auto& c : *clients) {
            if (!c.value().is_object()) continue;
            client_rows.emplace_back(std::string(c.key()), &c.value().get_object());
            if (const json::object* job = object_at(c.value().get_object(), "job"))
                job_rows.emplace_back(std::string(c.key()), job);
        }
    }
    add_section(out, "Clients (latency of every request, ms)",
                section_table(client_rows, client_spec()));
    if (clients) add_failure_reasons(out, *clients);
    add_section(out, "Jobs (accepted: the 202 answer; done: every delivery processed)",
                section_table(job_rows, job_spec()));
    if (const json::object* nodes = object_at(r, "nodes")) add_node_tables(out, *nodes);

    std::string lines;
    if (const json::object* c = object_at(r, "conservation"))
        lines += figures_line("Conservation", *c, "no messages published");
    if (const json::object* t = object_at(r, "traces"))
        lines += figures_line("Traces", *t, "none sampled");
    static const std::set<std::string> known = {"format",     "scenario", "seed",  "sim_time_s",
                                                "measured_s", "clients",  "nodes", "conservation",
                                                "traces",     "theory",   "perf"};
    for (const auto& m : r) {
        if (known.count(std::string(m.key()))) continue;
        if (m.value().is_object())
            lines += figures_line(words_of(std::string(m.key())), m.value().get_object(), "");
        else if (!m.value().is_array())
            lines += words_of(std::string(m.key())) + ": " +
                     cell_text(std::string(m.key()), m.value()) + "\n";
    }
    if (!lines.empty()) out += "\n" + lines;

    if (const json::object* theory = object_at(r, "theory")) {
        const std::string sole = client_rows.size() == 1 ? client_rows.front().first : "";
        (out += '\n') += format_theory_section(*theory, &r, sole);
    }
    if (const json::object* perf = object_at(r, "perf")) {
        out +=
            "\nperf: " + text_at(*perf, "events") + " events in " +
            sig4_text(number_of(perf->contains("wall_s") ? perf->at("wall_s") : json::value(0))) +
            " s (" +
            fixed(number_of(perf->contains("events_per_s") ? perf->at("events_per_s")
                                                           : json::value(0)),
                  0) +
            " events/s)\n";
    }
    return out;
}

std::string format_report_json(const json::object& report) {
    return flowlab::run::to_json_text(report) + "\n";
}

}  // namespace flowlab::cli
