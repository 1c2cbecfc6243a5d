#include "panels/trace_layout.hpp"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>

#include "panels/node_name.hpp"

namespace flowlab::ui {

namespace {

/// The broker a message went through from `from` to `to` (async into it, deliver out of
/// it), or -1 when the two are not joined through one.
int brokerBetween(const model::Scenario& scenario, int from, int to) {
    if (from < 0 || to < 0) return -1;
    const auto& nodes = scenario.nodes;
    for (const auto& in : scenario.edges) {
        if (in.mode != model::EdgeMode::async || in.from != nodes[size_t(from)].id) continue;
        for (const auto& out : scenario.edges)
            if (out.mode == model::EdgeMode::deliver && out.from == in.to &&
                out.to == nodes[size_t(to)].id)
                for (size_t b = 0; b < nodes.size(); ++b)
                    if (nodes[b].id == in.to) return int(b);
    }
    return -1;
}

/// The brokers `publisher` publishes to and, for each, the consumers it delivers to.
std::vector<std::pair<int, std::vector<int>>> publishedTo(const model::Scenario& scenario,
                                                          int publisher) {
    std::vector<std::pair<int, std::vector<int>>> out;
    if (publisher < 0) return out;
    const auto& nodes = scenario.nodes;
    auto indexOf = [&](const std::string& id) {
        for (size_t i = 0; i < nodes.size(); ++i)
            if (nodes[i].id == id) return int(i);
        return -1;
    };
    for (const auto& in : scenario.edges) {
        if (in.mode != model::EdgeMode::async || in.from != nodes[size_t(publisher)].id) continue;
        // A choreography's failure event is published only when the work fails.
        if (in.to == nodes[size_t(publisher)].on_failure_publish) continue;
        std::vector<int> consumers;
        for (const auto& delivery : scenario.edges)
            if (delivery.mode == model::EdgeMode::deliver && delivery.from == in.to)
                consumers.push_back(indexOf(delivery.to));
        out.emplace_back(indexOf(in.to), std::move(consumers));
    }
    return out;
}

/// The consumers (node indices) whose span under `span` has not appeared yet: each is a
/// published message still waiting. Only when context propagates (otherwise the work
/// will be an orphan, not a child) and only for a span that succeeded (a failed one may
/// have failed before publishing).
std::vector<std::pair<int, int>> awaitedConsumers(
    const run::SpanFrame& span, const std::vector<const run::SpanFrame*>& children,
    const model::Scenario& scenario) {
    std::vector<std::pair<int, int>> out;  // (broker, consumer)
    if (!scenario.trace.propagate || !span.ok || span.end_s < 0) return out;
    for (const auto& [broker, consumers] : publishedTo(scenario, span.node))
        for (int consumer : consumers) {
            const bool arrived =
                std::any_of(children.begin(), children.end(),
                            [&](const run::SpanFrame* c) { return c->node == consumer; });
            if (!arrived && broker >= 0) out.emplace_back(broker, consumer);
        }
    return out;
}

/// Appends the rows of one trace in depth-first order, children by start time. Returns
/// the number of roots (spans without a parent in this trace).
int appendTree(const run::TraceFrame& trace, int tree, bool orphan, const model::Scenario& scenario,
               double originS, double nowS, std::vector<TraceRow>& rows) {
    std::map<std::uint32_t, const run::SpanFrame*> byId;
    for (const auto& s : trace.spans) byId[s.id] = &s;
    std::map<std::uint32_t, std::vector<const run::SpanFrame*>> children;
    std::vector<const run::SpanFrame*> roots;
    for (const auto& s : trace.spans) {
        if (s.parent != 0 && byId.count(s.parent))
            children[s.parent].push_back(&s);
        else
            roots.push_back(&s);
    }
    auto byStart = [](const run::SpanFrame* a, const run::SpanFrame* b) {
        return a->start_s < b->start_s;
    };
    std::sort(roots.begin(), roots.end(), byStart);
    for (auto& [id, list] : children) std::sort(list.begin(), list.end(), byStart);

    const size_t first = rows.size();
    std::function<void(const run::SpanFrame*, int)> visit = [&](const run::SpanFrame* s,
                                                                int depth) {
        TraceRow row;
        row.tree = tree;
        row.orphan = orphan;
        row.depth = depth;
        row.node = s->node;
        if (s->node >= 0 && s->node < int(scenario.nodes.size())) {
            row.kind = scenario.nodes[size_t(s->node)].kind;
            row.name = nodeName(scenario, s->node);
        } else {
            row.name = QStringLiteral("?");
        }
        row.open = s->end_s < 0;
        row.ok = s->ok;
        row.startMs = (s->start_s - originS) * 1000.0;
        row.endMs = ((row.open ? nowS : s->end_s) - originS) * 1000.0;
        if (s->parent != 0) {
            const auto parent = byId.find(s->parent);
            if (parent != byId.end()) {
                const int broker = brokerBetween(scenario, parent->second->node, s->node);
                const double parentEnd = parent->second->end_s;
                if (broker >= 0 && parentEnd >= 0 && parentEnd < s->start_s) {
                    row.waitFromMs = (parentEnd - originS) * 1000.0;
                    row.waitVia = nodeName(scenario, broker);
                }
            }
        }
        rows.push_back(row);
        const auto kids = children.find(s->id);
        static const std::vector<const run::SpanFrame*> none;
        const auto& list = kids == children.end() ? none : kids->second;
        for (const auto* child : list) visit(child, depth + 1);
        if (orphan) return;
        for (const auto& [broker, consumer] : awaitedConsumers(*s, list, scenario)) {
            TraceRow wait;
            wait.tree = tree;
            wait.depth = depth + 1;
            wait.node = broker;
            wait.kind = scenario.nodes[size_t(broker)].kind;
            wait.name = QCoreApplication::translate("TraceLayout", "%1, queued")
                            .arg(nodeName(scenario, consumer));
            wait.pending = true;
            wait.open = true;
            wait.waitFromMs = (s->end_s - originS) * 1000.0;
            wait.waitVia = nodeName(scenario, broker);
            wait.startMs = wait.endMs = (nowS - originS) * 1000.0;
            rows.push_back(wait);
        }
    };
    for (const auto* root : roots) visit(root, 0);
    if (rows.size() > first) rows[first].treeStart = true;
    return int(roots.size());
}

}  // namespace

bool traceSettled(const run::TraceFrame& trace, const model::Scenario& scenario) {
    std::map<std::uint32_t, std::vector<const run::SpanFrame*>> children;
    for (const auto& s : trace.spans) {
        if (s.end_s < 0) return false;
        children[s.parent].push_back(&s);
    }
    if (trace.orphan) return true;
    for (const auto& s : trace.spans)
        if (!awaitedConsumers(s, children[s.id], scenario).empty()) return false;
    return true;
}

double traceStartS(const run::TraceFrame& trace) {
    double start = std::numeric_limits<double>::infinity();
    for (const auto& s : trace.spans) start = std::min(start, s.start_s);
    return std::isfinite(start) ? start : 0.0;
}

double traceEndS(const run::TraceFrame& trace, double nowS) {
    double end = 0;
    for (const auto& s : trace.spans) end = std::max(end, s.end_s < 0 ? nowS : s.end_s);
    return end;
}

TraceLayout layoutTrace(const run::TraceFrame& trace, const std::vector<run::TraceFrame>& orphans,
                        const model::Scenario& scenario, double nowS) {
    TraceLayout layout;
    if (trace.spans.empty()) return layout;
    layout.originS = traceStartS(trace);
    double endS = traceEndS(trace, nowS);
    const int roots =
        appendTree(trace, 0, trace.orphan, scenario, layout.originS, nowS, layout.rows);
    layout.connected = roots == 1;
    int tree = 1;
    for (const auto& orphan : orphans) {
        if (orphan.spans.empty()) continue;
        appendTree(orphan, tree++, true, scenario, layout.originS, nowS, layout.rows);
        endS = std::max(endS, traceEndS(orphan, nowS));
    }
    layout.orphanTrees = tree - 1;
    for (const auto& r : layout.rows) layout.pendingMessages += r.pending;
    layout.lengthMs = std::max(1.0, (endS - layout.originS) * 1000.0);
    for (const auto& r : layout.rows) layout.lengthMs = std::max(layout.lengthMs, r.endMs);
    return layout;
}

std::vector<run::TraceFrame> orphansNear(const run::TraceFrame& trace,
                                         const std::vector<run::TraceFrame>& all,
                                         std::size_t limit) {
    std::vector<run::TraceFrame> out;
    if (trace.spans.empty()) return out;
    const double start = traceStartS(trace);
    // Ended spans only here: an open one would make "a second after it ended" endless.
    double end = start;
    for (const auto& s : trace.spans) end = std::max(end, s.end_s < 0 ? s.start_s : s.end_s);
    // The queue hands a message over within milliseconds in the tracing lessons; a second
    // leaves room for a short backlog. The next sampled request's work begins after it
    // starts, so stopping there keeps its orphan out when requests come close together.
    double until = end + 1.0;
    for (const auto& other : all) {
        if (other.orphan || other.spans.empty() || other.trace_id == trace.trace_id) continue;
        const double otherStart = traceStartS(other);
        if (otherStart > end && otherStart < until) until = otherStart;
    }
    for (const auto& other : all) {
        if (!other.orphan || other.spans.empty()) continue;
        const double s = traceStartS(other);
        if (s >= start && s <= until) out.push_back(other);
    }
    std::sort(out.begin(), out.end(), [](const run::TraceFrame& a, const run::TraceFrame& b) {
        return traceStartS(a) < traceStartS(b);
    });
    if (out.size() > limit) out.resize(limit);
    return out;
}

}  // namespace flowlab::ui
