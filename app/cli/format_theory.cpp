// The "Theory" section: every prediction with a short label, and where a run report is
// at hand, the measured figure beside it (the point of a prediction is the comparison).

#include <set>

#include "flatten.hpp"
#include "number_format.hpp"
#include "report_format.hpp"
#include "section_table.hpp"
#include "text_table.hpp"

namespace flowlab::cli {

namespace json = boost::json;

namespace {

const json::value* at(const json::object* obj, const std::string& path) {
    return obj ? find_path(*obj, path) : nullptr;
}

/// "62.5" (no sign: for columns headed "%"), or "-" when absent.
std::string pct(const json::value* v, int decimals) {
    return v && v->is_number() ? fixed(100.0 * number_of(*v), decimals) : "-";
}

std::string percent(const json::value* v, int decimals) {
    return v && v->is_number() ? pct(v, decimals) + " %" : "-";
}

std::string ms(const json::value* v) { return v && v->is_number() ? ms_text(number_of(*v)) : "-"; }

std::string sig(const json::value* v) {
    return v && v->is_number() ? sig4_text(number_of(*v)) : "-";
}

/// Per-client predictions: a number when the scenario has one client, else an object.
std::vector<std::pair<std::string, const json::value*>> per_client(const json::value& v,
                                                                   const std::string& sole) {
    std::vector<std::pair<std::string, const json::value*>> out;
    if (v.is_object()) {
        for (const auto& m : v.get_object()) out.emplace_back(std::string(m.key()), &m.value());
    } else {
        out.emplace_back(sole.empty() ? "client" : sole, &v);
    }
    return out;
}

void client_lines(TextTable& lines, const json::object& theory, const json::object* report,
                  const std::string& sole) {
    if (const json::value* v = theory.if_contains("chain_availability")) {
        for (const auto& [id, x] : per_client(*v, sole)) {
            const json::value* measured = at(report, "clients." + id + ".availability");
            lines.add_row({"chain availability", id, percent(x, 4),
                           measured ? "measured " + percent(measured, 3) : ""});
        }
    }
    if (const json::value* v = theory.if_contains("p99_work_sum_ms")) {
        for (const auto& [id, x] : per_client(*v, sole)) {
            const json::value* measured = at(report, "clients." + id + ".latency_ms.p99");
            lines.add_row({"P99 sum of work, no queueing (not a bound)", id, ms(x) + " ms",
                           measured ? "measured p99 " + ms(measured) + " ms" : ""});
        }
    }
    if (const json::value* v = theory.if_contains("p99_bound_ms")) {
        for (const auto& [id, x] : per_client(*v, sole)) {
            const json::value* measured = at(report, "clients." + id + ".latency_ms.p99");
            lines.add_row({"P99 bound, queueing included", id, ms(x) + " ms",
                           measured ? "measured p99 " + ms(measured) + " ms" : ""});
        }
    }
}

/// Why a client has no P99 bound: one line each, under the figures.
std::string unavailable_text(const json::object& theory, const std::string& sole) {
    const json::value* v = theory.if_contains("p99_bound_unavailable");
    if (!v) return "";
    std::string out;
    for (const auto& [id, why] : per_client(*v, sole))
        if (why->is_string())
            out += "  no P99 bound for " + id + ": " + std::string(why->get_string()) + "\n";
    return out;
}

/// Queues with a consumer group behind them, as M/M/c stations.
TextTable queue_table(bool with_report) {
    // The queue's depth counts messages waiting and being worked on: "in system".
    std::vector<std::string> headers{"queue",         "c",
                                     "lambda /s",     "util %",
                                     "P(wait)",       "mean wait ms",
                                     "mean in queue", "mean in system",
                                     "mean resp ms"};
    if (with_report) headers.insert(headers.end(), {"measured wait ms", "measured depth"});
    return TextTable(headers);
}

/// One-thread stations with general work (Pollaczek-Khinchine).
TextTable mg1_table(bool with_report) {
    std::vector<std::string> headers{"id",           "lambda /s",         "util %", "mean wait ms",
                                     "mean resp ms", "p99 resp bound ms", "L"};
    if (with_report)
        headers.insert(headers.end(), {"measured util %", "measured mean ms", "measured p99 ms"});
    return TextTable(headers);
}

/// Caches (Che's approximation, or the TTL model) and token buckets (M/D/1/K).
TextTable cache_table(bool with_report) {
    std::vector<std::string> headers{"cache",        "model",   "hit ratio",
                                     "t_C requests", "mean ms", "p99 ms"};
    if (with_report)
        headers.insert(headers.end(),
                       {"measured hit ratio", "measured mean ms", "measured p99 ms"});
    return TextTable(headers);
}
TextTable limiter_table(bool with_report) {
    std::vector<std::string> headers{"rate limiter", "lambda /s", "fluid /s", "admitted /s",
                                     "P(429)"};
    if (with_report) headers.insert(headers.end(), {"measured admitted /s", "measured 429s"});
    return TextTable(headers);
}

/// Adds station `id` to the cache or limiter table when it is one; false otherwise.
bool add_proxy_row(const std::string& id, const json::object& s, const json::object* report,
                   TextTable& caches, TextTable& limiters, std::string& notes) {
    const json::value* model = s.if_contains("model");
    if (!model || !model->is_string()) return false;
    const std::string name(model->get_string());
    auto f = [&](const char* key) { return s.if_contains(key); };
    const std::string node = "nodes." + id + ".";
    if (name == "token bucket (M/D/1/K)") {
        std::vector<std::string> row{id, sig(f("lambda_per_s")), sig(f("fluid_accepted_per_s")),
                                     sig(f("accepted_per_s")), sig(f("rejected_ratio"))};
        if (report)
            row.insert(row.end(), {sig(at(report, node + "admitted_per_s")),
                                   sig(at(report, node + "rejected_429"))});
        limiters.add_row(std::move(row));
        return true;
    }
    if (name != "LRU (Che)" && name != "TTL" && name != "LRU with TTL") return false;
    if (const json::value* why = f("unavailable"); why && why->is_string()) {
        notes += "  no hit ratio for cache " + id + ": " + std::string(why->get_string()) + "\n";
        return true;
    }
    std::vector<std::string> row{id,
                                 name,
                                 sig(f("hit_ratio")),
                                 sig(f("characteristic_requests")),
                                 ms(f("mean_latency_ms")),
                                 ms(f("p99_latency_ms"))};
    if (report)
        row.insert(row.end(),
                   {sig(at(report, node + "hit_ratio")), ms(at(report, node + "latency_ms.mean")),
                    ms(at(report, node + "latency_ms.p99"))});
    caches.add_row(std::move(row));
    return true;
}

bool is_stable(const json::object& s) {
    const json::value* v = s.if_contains("stable");
    return !v || !v->is_bool() || v->get_bool();
}

std::string stations_text(const json::object& stations, const json::object* report) {
    std::vector<std::string> erlang_c_headers{"id",           "c",           "lambda /s",
                                              "util %",       "P(wait)",     "mean wait ms",
                                              "mean resp ms", "p99 resp ms", "L"};
    if (report)
        erlang_c_headers.insert(erlang_c_headers.end(),
                                {"measured util %", "measured mean ms", "measured p99 ms"});
    TextTable erlang_c(erlang_c_headers);
    std::vector<std::string> erlang_b_headers{"id", "c", "lambda /s", "P(rejected)"};
    if (report) erlang_b_headers.push_back("measured rejected");
    TextTable erlang_b(erlang_b_headers);
    TextTable queues = queue_table(report != nullptr);
    TextTable mg1 = mg1_table(report != nullptr);
    TextTable caches = cache_table(report != nullptr);
    TextTable limiters = limiter_table(report != nullptr);
    std::string notes, others, proxy_notes;

    for (const auto& m : stations) {
        if (!m.value().is_object()) continue;
        const json::object& s = m.value().get_object();
        const std::string id(m.key());
        const std::string node = "nodes." + id + ".";
        auto f = [&](const char* key) { return s.if_contains(key); };
        if (add_proxy_row(id, s, report, caches, limiters, proxy_notes)) continue;
        if (f("arrivals") && f("arrivals")->is_string() &&
            f("arrivals")->get_string() == "poisson_approx")
            notes += (notes.empty() ? "" : ", ") + id;
        const json::value* model = f("model");
        const bool stable = is_stable(s);
        const bool is_queue =
            f("kind") && f("kind")->is_string() && f("kind")->get_string() == "queue";
        if (f("erlang_c") && is_queue) {
            std::vector<std::string> row{id, sig(f("c")), sig(f("lambda_per_s")),
                                         pct(f("utilization"), 1), sig(f("erlang_c"))};
            if (stable)
                row.insert(row.end(), {ms(f("mean_wait_ms")), sig(f("mean_in_queue")),
                                       sig(f("mean_in_system")), ms(f("mean_response_ms"))});
            else
                row.insert(row.end(), {"unstable", "-", "-", "-"});
            if (report)
                row.insert(row.end(), {ms(at(report, node + "wait_ms.mean")),
                                       sig(at(report, node + "depth_mean"))});
            queues.add_row(std::move(row));
        } else if (model && model->is_string() && model->get_string() == "M/G/1") {
            std::vector<std::string> row{id, sig(f("lambda_per_s")), pct(f("utilization"), 1)};
            if (stable)
                row.insert(row.end(), {ms(f("mean_wait_ms")), ms(f("mean_response_ms")),
                                       ms(f("p99_response_bound_ms")), sig(f("mean_in_system"))});
            else
                row.insert(row.end(), {"unstable", "-", "-", "-"});
            if (report)
                row.insert(row.end(), {pct(at(report, node + "utilization"), 1),
                                       ms(at(report, node + "latency_ms.mean")),
                                       ms(at(report, node + "latency_ms.p99"))});
            mg1.add_row(std::move(row));
        } else if (f("erlang_c")) {
            std::vector<std::string> row{id, sig(f("c")), sig(f("lambda_per_s")),
                                         pct(f("utilization"), 1), sig(f("erlang_c"))};
            if (stable) {
                row.insert(row.end(), {ms(f("mean_wait_ms")), ms(f("mean_response_ms")),
                                       ms(f("p99_response_ms")), sig(f("mean_in_system"))});
            } else {
                row.insert(row.end(), {"unstable", "-", "-", "-"});
            }
            if (report) {
                row.insert(row.end(), {pct(at(report, node + "utilization"), 1),
                                       ms(at(report, node + "latency_ms.mean")),
                                       ms(at(report, node + "latency_ms.p99"))});
            }
            erlang_c.add_row(std::move(row));
        } else if (f("erlang_b")) {
            std::vector<std::string> row{id, sig(f("c")), sig(f("lambda_per_s")),
                                         sig(f("erlang_b"))};
            if (report) {
                const json::value* received = at(report, node + "received");
                const json::value* rejected = at(report, node + "rejected");
                const double n = received ? number_of(*received) : 0.0;
                row.push_back(n > 0 && rejected ? sig4_text(number_of(*rejected) / n) : "-");
            }
            erlang_b.add_row(std::move(row));
        } else {
            others += "  station " + id + ": " + inline_figures(s) + "\n";
        }
    }
    std::string out;
    if (!erlang_c.empty())
        out +=
            "  M/M/c stations (Erlang C; lambda = offered load, utilization an upper bound when "
            "upstream fails)\n" +
            erlang_c.render(4);
    if (!mg1.empty())
        out += "  One-thread stations with general work (M/G/1, Pollaczek-Khinchine mean wait)\n" +
               mg1.render(4);
    if (!queues.empty())
        out +=
            "  Queues and their consumer groups (M/M/c, Erlang C; wait = publish to hand-out)\n" +
            queues.render(4);
    if (!erlang_b.empty())
        out += "  Loss stations, no backlog (Erlang B: share of calls rejected)\n" +
               erlang_b.render(4);
    if (!notes.empty())
        out += "    arrivals only approximately Poisson at " + notes +
               " (calls pass through other hops)\n";
    if (!caches.empty())
        out +=
            "  Caches (LRU: Che's approximation; mean and P99 at the cache, miss path "
            "without queueing)\n" +
            caches.render(4);
    if (!limiters.empty())
        out += "  Rate limiters (token bucket = M/D/1/K; fluid = min(lambda, rate))\n" +
               limiters.render(4);
    return out + proxy_notes + others;
}

std::string littles_law_text(const json::object& little) {
    TextTable table({"id", "lambda /s", "W ms", "lambda*W", "L measured"});
    for (const auto& m : little) {
        if (!m.value().is_object()) continue;
        const json::object& o = m.value().get_object();
        table.add_row({std::string(m.key()), sig(o.if_contains("lambda_per_s")),
                       ms(o.if_contains("mean_time_ms")), sig(o.if_contains("lambda_w")),
                       sig(o.if_contains("l_measured"))});
    }
    return table.empty()
               ? ""
               : "  Little's law per node (L = lambda * W, both from measured figures)\n" +
                     table.render(4);
}

}  // namespace

std::string format_theory_section(const json::object& theory, const json::object* report,
                                  const std::string& sole) {
    std::string out = "Theory\n";
    if (theory.empty())
        return out + "  no analytic prediction applies to this scenario (see docs/cli.md)\n";

    TextTable lines({});
    lines.set_alignment("llrl");
    client_lines(lines, theory, report, sole);
    out += lines.render(2);
    out += unavailable_text(theory, sole);

    static const std::set<std::string> known = {"chain_availability", "p99_work_sum_ms",
                                                "p99_bound_ms",       "p99_bound_unavailable",
                                                "stations",           "littles_law"};
    if (const json::value* s = theory.if_contains("stations"); s && s->is_object())
        out += stations_text(s->get_object(), report);
    if (const json::value* l = theory.if_contains("littles_law"); l && l->is_object())
        out += littles_law_text(l->get_object());
    for (const auto& m : theory) {
        const std::string key(m.key());
        if (known.count(key)) continue;
        if (m.value().is_object())
            out += "  " + words_of(key) + ": " + inline_figures(m.value().get_object()) + "\n";
        else if (!m.value().is_array())
            out += "  " + words_of(key) + ": " + cell_text(key, m.value()) + "\n";
    }
    return out;
}

}  // namespace flowlab::cli
