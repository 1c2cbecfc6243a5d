#pragma once
/// The rows of a trace waterfall (as in Jaeger): one row per span in tree order, indented
/// by depth, on one time axis in ms from the trace's start; then the orphan traces (work
/// that lost its trace context at a queue) as separate trees below.
///
/// Kept apart from the widget that paints it, so tests can check the structure a student
/// sees (one connected tree, or a tree plus orphans) without reading pixels.

#include <QString>
#include <vector>

#include "flowlab/model/scenario.hpp"
#include "flowlab/run/frame.hpp"

namespace flowlab::ui {

struct TraceRow {
    int tree = 0;            ///< 0: the chosen trace; 1, 2...: orphan trees under it
    bool orphan = false;     ///< in an orphan tree
    bool treeStart = false;  ///< the first row of its tree
    int depth = 0;           ///< 0 for a root
    int node = -1;           ///< index into Scenario::nodes
    model::NodeKind kind = model::NodeKind::service;
    QString name;        ///< the node's label
    double startMs = 0;  ///< from the axis origin
    double endMs = 0;    ///< an open span ends "now"
    bool open = false;   ///< still running at the frame's time
    bool ok = true;
    /// A message that waited in a broker before this span began: the wait is drawn from
    /// here (the publishing span's end; the publish itself is not a span, so the real
    /// wait began a little earlier) to startMs. -1: no such wait.
    double waitFromMs = -1;
    QString waitVia;  ///< the broker's name ("order-events queue")
    /// Not a span: a message this trace published that no consumer has picked up yet
    /// (context propagates, so its work will join the trace). Drawn as a wait from the
    /// publisher's end to now, named after the broker.
    bool pending = false;
};

struct TraceLayout {
    std::vector<TraceRow> rows;
    double originS = 0;   ///< virtual time of 0 ms on the axis
    double lengthMs = 0;  ///< the axis runs from 0 to here
    int orphanTrees = 0;
    int pendingMessages = 0;  ///< rows with `pending`
    /// Every span of the chosen trace hangs from one root (no piece of it is missing).
    bool connected = false;
};

/// Lays out `trace` and then `orphans` on a shared axis; open spans run to `nowS`.
TraceLayout layoutTrace(const run::TraceFrame& trace, const std::vector<run::TraceFrame>& orphans,
                        const model::Scenario& scenario, double nowS);

/// The orphan traces (of `all`) to show under `trace`: those that began while it ran or
/// within a second after it ended, and before the next sampled trace began, at most
/// `limit`. Nothing in the data says which orphan belongs to which request (that is the
/// observability gap): this only shows the ones from the same moment.
std::vector<run::TraceFrame> orphansNear(const run::TraceFrame& trace,
                                         const std::vector<run::TraceFrame>& all,
                                         std::size_t limit = 3);

/// Whether the trace will not change any more: no span open, no published message waiting
/// for a consumer that will join it.
bool traceSettled(const run::TraceFrame& trace, const model::Scenario& scenario);

/// Start of a trace's first span and end of its last (open spans count as `nowS`).
double traceStartS(const run::TraceFrame& trace);
double traceEndS(const run::TraceFrame& trace, double nowS);

}  // namespace flowlab::ui
