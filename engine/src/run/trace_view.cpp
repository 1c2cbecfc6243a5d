#include "run/trace_view.hpp"

#include <algorithm>
#include <map>

namespace flowlab::run {

namespace {

// Spans are recorded in start order; a trace's spans lie close together, so looking at
// the newest few thousand finds whole traces without scanning a long run's history.
constexpr std::size_t scan_spans = 20000;
constexpr std::size_t max_orphan_traces = 12;

SpanFrame to_frame(const runtime::Span& s) {
    SpanFrame f;
    f.id = s.id;
    f.parent = s.parent;
    f.node = static_cast<int>(s.node);
    f.start_s = kernel::to_s(s.start);
    f.end_s = s.end < 0 ? -1.0 : kernel::to_s(s.end);
    f.ok = s.ok;
    f.orphan = s.orphan;
    return f;
}

}  // namespace

std::vector<TraceFrame> recent_traces(const runtime::TraceRecorder& recorder,
                                      std::size_t user_traces) {
    const auto& spans = recorder.spans();
    const std::size_t first = spans.size() > scan_spans ? spans.size() - scan_spans : 0;
    // The newest user traces whose root has finished (a trace still being answered
    // would change under the student's eyes).
    std::vector<std::uint64_t> chosen;
    for (std::size_t i = spans.size(); i-- > first && chosen.size() < user_traces;) {
        const runtime::Span& s = spans[i];
        if (s.parent != 0 || s.orphan || s.end < 0) continue;
        if (runtime::TraceRecorder::is_orphan_trace(s.trace_id)) continue;
        chosen.push_back(s.trace_id);
    }
    if (chosen.empty()) return {};
    std::map<std::uint64_t, TraceFrame> by_id;
    for (auto id : chosen) by_id[id].trace_id = id;
    kernel::SimTime since = kernel::never;
    for (std::size_t i = first; i < spans.size(); ++i) {
        auto it = by_id.find(spans[i].trace_id);
        if (it == by_id.end()) continue;
        it->second.spans.push_back(to_frame(spans[i]));
        since = std::min(since, spans[i].start);
    }
    std::vector<TraceFrame> out;
    for (auto it = chosen.rbegin(); it != chosen.rend(); ++it) out.push_back(std::move(by_id[*it]));
    // Orphan traces that began while the chosen traces ran: they belong to some of them,
    // and nothing in the data says to which (that is the point of the lesson).
    std::map<std::uint64_t, TraceFrame> orphans;
    for (std::size_t i = first; i < spans.size(); ++i) {
        const runtime::Span& s = spans[i];
        if (!runtime::TraceRecorder::is_orphan_trace(s.trace_id)) continue;
        auto it = orphans.find(s.trace_id);
        if (it == orphans.end()) {
            if (s.start < since) continue;
            it = orphans.emplace(s.trace_id, TraceFrame{s.trace_id, true, {}}).first;
        }
        it->second.spans.push_back(to_frame(s));
    }
    // The newest ones (ids grow with time) are enough to show the gap.
    while (orphans.size() > max_orphan_traces) orphans.erase(orphans.begin());
    for (auto& [id, t] : orphans) out.push_back(std::move(t));
    return out;
}

}  // namespace flowlab::run
