#pragma once
// Sampled traces: spans with trace and parent ids, as a tracing system would see them.
//
// A span is one node's work for one request (or one message). When context does not
// propagate across an asynchronous boundary, the work after it starts a fresh trace
// with no parent: an orphan, which is exactly the observability gap a student sees.

#include <cstdint>
#include <vector>

#include "flowlab/kernel/sim_time.hpp"

namespace flowlab::runtime {

struct Span {
    std::uint64_t trace_id = 0;
    std::uint32_t id = 0;
    std::uint32_t parent = 0;  ///< 0: root of its trace
    std::uint32_t node = 0;
    kernel::SimTime start = 0, end = -1;
    bool ok = true;
    bool orphan = false;  ///< began a new trace because the context was lost
};

class TraceRecorder {
public:
    /// Keeps at most `max_spans` spans (older traces stay complete; new ones stop being sampled).
    explicit TraceRecorder(std::size_t max_spans = 200000) : max_spans_(max_spans) {}

    /// A new sampled trace id, or 0 when the span budget is spent.
    std::uint64_t new_trace();
    /// A fresh trace id for work whose context was lost (not a sampled user trace). Orphan
    /// ids have the top bit set so that losing context again behind an orphan (a chain of
    /// queues) is never mistaken for breaking one more user trace.
    std::uint64_t new_orphan_trace() {
        return spans_.size() >= max_spans_ ? 0 : orphan_bit | next_orphan_++;
    }
    /// True for ids made by new_orphan_trace.
    static bool is_orphan_trace(std::uint64_t trace_id) { return (trace_id & orphan_bit) != 0; }
    /// Opens a span; returns its id (0 when not traced). Inline guard: most requests
    /// are not sampled, and this sits on the per-request path.
    std::uint32_t begin(std::uint64_t trace_id, std::uint32_t parent, std::uint32_t node,
                        kernel::SimTime start, bool orphan = false) {
        return trace_id == 0 ? 0 : open_span(trace_id, parent, node, start, orphan);
    }
    void end(std::uint32_t span, kernel::SimTime at, bool ok) {
        if (span != 0) close_span(span, at, ok);
    }
    std::uint64_t trace_of(std::uint32_t span) const {
        return span ? spans_[span - 1].trace_id : 0;
    }

    const std::vector<Span>& spans() const { return spans_; }
    std::uint64_t sampled() const { return traces_; }
    std::uint64_t orphan_spans() const { return orphans_; }
    /// Sampled traces that contain no orphan-rooted continuation (all spans linked).
    std::uint64_t connected() const;

private:
    std::uint32_t open_span(std::uint64_t trace_id, std::uint32_t parent, std::uint32_t node,
                            kernel::SimTime start, bool orphan);
    void close_span(std::uint32_t span, kernel::SimTime at, bool ok);

    std::vector<Span> spans_;
    std::size_t max_spans_;
    std::uint64_t traces_ = 0;
    std::uint64_t orphans_ = 0;
    std::uint64_t next_trace_ = 1;
    std::uint64_t next_orphan_ = 1;
    static constexpr std::uint64_t orphan_bit = std::uint64_t{1} << 63;
    std::vector<std::uint64_t> broken_traces_;  // user traces whose context was dropped
public:
    /// Marks that work belonging to `trace_id` continued in an orphan trace. Only user
    /// traces count: an orphan trace's own continuation breaks no further user trace.
    void mark_broken(std::uint64_t trace_id) {
        if (trace_id != 0 && !is_orphan_trace(trace_id)) broken_traces_.push_back(trace_id);
    }
};

}  // namespace flowlab::runtime
