#include "runtime/trace_recorder.hpp"

#include <algorithm>

namespace flowlab::runtime {

std::uint64_t TraceRecorder::new_trace() {
    if (spans_.size() >= max_spans_) return 0;
    ++traces_;
    return next_trace_++;
}

std::uint32_t TraceRecorder::open_span(std::uint64_t trace_id, std::uint32_t parent,
                                       std::uint32_t node, kernel::SimTime start, bool orphan) {
    if (spans_.size() >= max_spans_) return 0;
    Span s;
    s.trace_id = trace_id;
    s.id = static_cast<std::uint32_t>(spans_.size() + 1);
    s.parent = parent;
    s.node = node;
    s.start = start;
    s.orphan = orphan;
    if (orphan) ++orphans_;
    spans_.push_back(s);
    return s.id;
}

void TraceRecorder::close_span(std::uint32_t span, kernel::SimTime at, bool ok) {
    spans_[span - 1].end = at;
    spans_[span - 1].ok = ok;
}

std::uint64_t TraceRecorder::connected() const {
    std::vector<std::uint64_t> broken = broken_traces_;
    std::sort(broken.begin(), broken.end());
    broken.erase(std::unique(broken.begin(), broken.end()), broken.end());
    return traces_ - std::min<std::uint64_t>(traces_, broken.size());
}

}  // namespace flowlab::runtime
