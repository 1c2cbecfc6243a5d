#pragma once
// Picks the traces the trace view shows: the latest sampled user traces and the orphan
// traces (work that lost its context at a queue) that began while they ran.

#include <vector>

#include "flowlab/run/frame.hpp"
#include "runtime/trace_recorder.hpp"

namespace flowlab::run {

/// At most `user_traces` user traces (newest last) plus their time window's orphans.
std::vector<TraceFrame> recent_traces(const runtime::TraceRecorder& recorder,
                                      std::size_t user_traces = 6);

}  // namespace flowlab::run
