// Semantic checks of a Scenario: ids, ranges, run settings, faults, layout. Edge and
// graph checks are in validate_graph.cpp. Diagnostics carry paths only; parse_scenario
// maps them to positions.
#include <cmath>
#include <cstdio>

#include "model/parse_context.hpp"
#include "model/validate_checker.hpp"

namespace flowlab::model::detail {

namespace {

bool valid_id(const std::string& id) {
    if (id.empty()) return false;
    for (char c : id)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
    return true;
}

std::string kinds_text(const std::vector<NodeKind>& kinds) {
    std::string out;
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        if (i) out += i + 1 == kinds.size() ? " and " : ", ";
        out += to_string(kinds[i]);
    }
    return out + " nodes";
}

void check_run(Checker& c) {
    if (!c.trusted("run")) return;
    const RunSettings& run = c.s.run;
    check_params(c, "run", run_params(), run);
    if (c.trusted("run.duration_s") && c.trusted("run.requests")) {
        if (!run.duration_s && !run.requests)
            c.error("run", "set exactly one of duration_s or requests");
        else if (run.duration_s && run.requests)
            c.error("run", "set only one of duration_s or requests, not both");
    }
    if (run.duration_s && *run.duration_s > 0 && run.warmup_s > 0 &&
        run.warmup_s >= *run.duration_s && c.trusted("run.warmup_s"))
        c.error("run.warmup_s", "must be less than duration_s (" + format_number(*run.duration_s) +
                                    "), got " + format_number(run.warmup_s));
}

/// What a run can hold and finish, checked here so that `validate` and `run` agree: a file
/// `run` would refuse, or work on for days, is refused at once and located.
void check_run_size(Checker& c) {
    const RunSettings& run = c.s.run;
    if (!run.duration_s || !c.trusted("run.duration_s")) return;  // counted runs: the range
    // Only rates their own check accepts: a bad one is reported there, once.
    static const NodeParam* const rate_param = find_node_param(NodeKind::client, "rate_per_s");
    double rate = 0;
    for (std::size_t i = 0; i < c.s.nodes.size(); ++i) {
        const Node& n = c.s.nodes[i];
        if (n.kind == NodeKind::client && c.kind_known(static_cast<int>(i)) &&
            check_param(*rate_param, ParamValue(n.rate_per_s)).empty())
            rate += n.rate_per_s;
    }
    const double expected = rate * *run.duration_s;
    if (expected > static_cast<double>(max_run_requests)) {
        char count[64];  // whole digits, not "2e+11": this is a count of requests
        std::snprintf(count, sizeof count, "%.0f", expected);
        c.error("run.duration_s", "the clients would send about " + std::string(count) +
                                      " requests (rate_per_s " + format_number(rate) +
                                      " in total, times " + format_number(*run.duration_s) +
                                      " s); a run is at most " + std::to_string(max_run_requests) +
                                      " requests, which the engine finishes in minutes");
    }
}

/// Counts the engine keeps in 16 bits: more consumers, or more outgoing calls from one
/// node, than it can name.
void check_graph_size(Checker& c) {
    std::size_t consumers = 0;
    for (std::size_t i = 0; i < c.s.nodes.size(); ++i)
        if (c.s.nodes[i].kind == NodeKind::consumer && c.kind_known(static_cast<int>(i)) &&
            ++consumers == max_consumer_nodes + 1)
            c.error(json::path_index("nodes", i),
                    "one consumer too many: a scenario holds at most " +
                        std::to_string(max_consumer_nodes) + " consumer nodes");
    if (!c.ids_known) return;
    std::vector<std::size_t> calls(c.s.nodes.size(), 0);
    for (std::size_t j = 0; j < c.s.edges.size(); ++j) {
        const Edge& e = c.s.edges[j];
        if (e.mode != EdgeMode::sync && e.mode != EdgeMode::async) continue;
        const int from = c.node_index(e.from);
        if (from >= 0 && ++calls[from] == max_outgoing_edges + 1)
            c.error(json::path_index("edges", j),
                    "one outgoing edge too many from '" + e.from + "': a node makes at most " +
                        std::to_string(max_outgoing_edges) + " sync and async calls");
    }
}

std::vector<const NodeParam*> all_node_params() {
    std::vector<const NodeParam*> all;
    for (std::size_t k = 0; k < node_kind_names().size(); ++k)
        for (const auto& p : node_params(static_cast<NodeKind>(k))) all.push_back(&p);
    return all;
}

void check_nodes(Checker& c) {
    static const auto all = all_node_params();
    for (std::size_t i = 0; i < c.s.nodes.size(); ++i) {
        const Node& n = c.s.nodes[i];
        std::string path = json::path_index("nodes", i);
        std::string id_path = path + ".id";
        if (c.trusted(id_path)) {
            int first = c.node_index(n.id);
            if (!valid_id(n.id))
                c.error(id_path, "must match [A-Za-z0-9_-]+, got \"" + n.id + "\"");
            else if (first >= 0 && first != static_cast<int>(i))
                c.error(id_path, "duplicate id '" + n.id + "' (first at nodes[" +
                                     std::to_string(first) + "])");
        }
        if (!c.kind_known(static_cast<int>(i))) continue;
        const auto& params = node_params(n.kind);
        check_params(c, path, params, n);
        check_foreign_fields(c, path, all, params, n, make_node(n.kind, n.id),
                             with_article(to_string(n.kind)) + " node");
        if (n.kind == NodeKind::consumer && n.autoscale && n.autoscale->max < n.concurrency)
            c.error(path + ".autoscale.max", "must be at least concurrency (" +
                                                 std::to_string(n.concurrency) + "), got " +
                                                 std::to_string(n.autoscale->max));
    }
}

std::vector<const FaultParam*> all_fault_params() {
    std::vector<const FaultParam*> all;
    for (std::size_t k = 0; k < fault_kind_names().size(); ++k)
        for (const auto& p : fault_params(static_cast<FaultKind>(k))) all.push_back(&p);
    return all;
}

void check_faults(Checker& c) {
    for (std::size_t i = 0; i < c.s.faults.size(); ++i)
        check_fault(c, c.s.faults[i], json::path_index("faults", i), true);
}

void check_text(Checker& c) {
    c.line("name", c.s.name);
    c.text("description", c.s.description);
    for (std::size_t i = 0; i < c.s.nodes.size(); ++i)
        c.line(json::path_index("nodes", i) + ".label", c.s.nodes[i].label);
    if (const auto& lesson = c.s.lesson) {
        c.text("lesson.goal", lesson->goal);
        c.text("lesson.explain", lesson->explain);
        for (std::size_t i = 0; i < lesson->watch.size(); ++i) {
            const std::string path = json::path_index("lesson.watch", i);
            c.line(path + ".label", lesson->watch[i].label);
            c.text(path + ".text", lesson->watch[i].text);
        }
        for (std::size_t i = 0; i < lesson->try_next.size(); ++i)
            c.text(json::path_index("lesson.try", i), lesson->try_next[i]);
    }
}

/// The shape of a watch entry's reference; whether its metric paths name real report
/// figures is checked where reports exist (run::check_metric_paths).
void check_watch(Checker& c) {
    if (!c.s.lesson) return;
    const auto& watch = c.s.lesson->watch;
    for (std::size_t i = 0; i < watch.size(); ++i) {
        const WatchItem& w = watch[i];
        const std::string path = json::path_index("lesson.watch", i);
        if (!c.trusted(path)) continue;
        if (w.expect && !std::isfinite(*w.expect))
            c.error(path + ".expect", "must be a finite number");
        if (w.expect && !w.against.empty())
            c.error(path, "give either 'expect' (a number) or 'against' (a metric path), not both");
        if (!std::isfinite(w.tolerance) || w.tolerance < 0)
            c.error(path + ".tolerance", "must be a finite number >= 0");
        if (w.metric.empty() && (w.expect || !w.against.empty()))
            c.error(path,
                    "a reference ('expect' or 'against') needs a 'metric' to hold against it");
    }
}

void check_layout(Checker& c) {
    for (const auto& [id, xy] : c.s.layout) {
        std::string path = json::path_key("layout", id);
        if (!std::isfinite(xy.first) || !std::isfinite(xy.second))
            c.error(path, "must be [x, y] with finite numbers");
        if (c.ids_known && c.node_index(id) < 0)
            c.error(path, "no node with id '" + id + "'" + c.id_hint(id));
    }
}

}  // namespace

void check_fault(Checker& c, const Fault& f, const std::string& path, bool with_params) {
    static const auto all = all_fault_params();
    const bool kind_ok = c.trusted(path + ".fault");
    if (kind_ok && with_params) {
        const auto& params = fault_params(f.kind);
        std::string what = with_article(to_string(f.kind)) + " fault";
        check_params(c, path, params, f);
        check_foreign_fields(c, path, all, params, f, Fault{}, what);
        if (f.kind == FaultKind::slow && !(f.extra_ms > 0) && f.factor == 1.0)
            c.error(path, "a slow fault needs extra_ms > 0 or a factor other than 1");
    }
    if (!c.trusted(path + ".target") || !c.ids_known) return;
    if (kind_ok && with_params) check_event_log_fault(c, f, path);
    int t = c.node_index(f.target);
    if (t < 0) {
        c.error(path + ".target", "no node with id '" + f.target + "'" + c.id_hint(f.target));
    } else if (kind_ok && c.kind_known(t) && !fault_applies_to(f.kind, c.s.nodes[t].kind)) {
        c.error(path + ".fault", std::string("'") + to_string(f.kind) + "' applies to " +
                                     kinds_text(fault_targets(f.kind)) + ", not to '" + f.target +
                                     "' (" + with_article(to_string(c.s.nodes[t].kind)) + ")");
    }
}

Checker::Checker(const Scenario& scenario, const std::set<std::string>& untrusted)
    : s(scenario), untrusted_(untrusted) {
    ids_known = trusted("") && trusted("nodes");
    for (std::size_t i = 0; i < s.nodes.size(); ++i) {
        if (!trusted(json::path_index("nodes", i) + ".id")) {
            ids_known = false;
            continue;
        }
        if (first_index_.emplace(s.nodes[i].id, static_cast<int>(i)).second)
            ids.push_back(s.nodes[i].id);
    }
}

void Checker::error(std::string path, std::string message) {
    Diagnostic d;
    d.path = std::move(path);
    d.message = std::move(message);
    out.push_back(std::move(d));
}

void Checker::text(const std::string& path, const std::string& value) {
    if (!json::valid_utf8(value)) error(path, "is not valid UTF-8 text");
}

void Checker::line(const std::string& path, const std::string& value) {
    text(path, value);
    for (unsigned char ch : value)
        if (ch < 0x20 || ch == 0x7f) {
            error(path, "must be one line of text, without control characters");
            return;
        }
}

int Checker::node_index(const std::string& id) const {
    auto it = first_index_.find(id);
    return it == first_index_.end() ? -1 : it->second;
}

bool Checker::kind_known(int i) const {
    return i >= 0 && trusted(json::path_index("nodes", i) + ".kind");
}

std::string Checker::id_hint(const std::string& id) const { return did_you_mean(id, ids); }

std::vector<Diagnostic> validate_scenario(const Scenario& s,
                                          const std::set<std::string>& untrusted) {
    Checker c(s, untrusted);
    if (!c.trusted("")) return {};  // not even an object: nothing to cross-check
    check_run(c);
    if (c.trusted("trace")) check_params(c, "trace", trace_params(), s.trace);
    check_nodes(c);
    check_edges(c);
    check_graph_size(c);
    check_run_size(c);
    check_clients_call_out(c);
    check_sync_cycles(c);
    check_proxies(c);
    check_event_log(c);
    check_consistency(c);
    check_sagas(c);
    check_faults(c);
    check_layout(c);
    check_text(c);
    check_watch(c);
    check_lesson_steps(c);
    check_challenge(c);
    check_recording(c);
    return std::move(c.out);
}

}  // namespace flowlab::model::detail
