#include "canvas/node_text_consistency.hpp"

#include <QCoreApplication>

namespace flowlab::ui::detail {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("NodeItem", text); }

using Tone = NodeLine::Tone;

QString share(double s) { return QStringLiteral("%1 %").arg(s * 100.0, 0, 'f', 1); }

}  // namespace

void eventLoopLines(std::vector<NodeLine>& out, const model::Node& node,
                    const run::NodeFrame* state, const NodeFigures& f) {
    if (!state) {
        out.push_back({tr("event loop: 1 thread")});
        out.push_back(
            {tr("at most %1 in flight").arg(formatCount(node.max_inflight)), Tone::muted});
        out.push_back({tr("work: mean %1").arg(formatMs(node.work.mean_ms())), Tone::muted});
        return;
    }
    // No thread ever blocks here: a request waiting on its calls holds only its place.
    const bool full = f.inflight >= node.max_inflight;
    out.push_back({tr("loop %1 · %2 in flight")
                       .arg(state->working > 0 ? tr("busy") : tr("idle"))
                       .arg(formatCount(f.inflight)),
                   full ? Tone::alarm : Tone::normal, true, true,
                   tr("%1 in flight").arg(formatCount(f.inflight))});
    out.push_back({tr("busy %1 · 0 blocked").arg(share(f.loopBusy)),
                   f.loopBusy > 0.9 ? Tone::warning : Tone::muted});
    out.push_back({tr("backlog: %1 · max in flight %2")
                       .arg(formatCount(state->backlog), formatCount(node.max_inflight)),
                   state->backlog > 0 ? Tone::warning : Tone::muted});
}

void viewLines(std::vector<NodeLine>& out, const run::NodeFrame* state, const NodeFigures& f) {
    if (!state) {
        out.push_back({tr("view fed by its consumer"), Tone::muted});
        return;
    }
    out.push_back(
        {tr("lag %1 · stale P99 %2").arg(formatCount(f.viewLag), formatMs(f.stalenessP99Ms)),
         f.viewLag > 10 ? Tone::warning : Tone::normal, false, true,
         tr("lag %1").arg(formatCount(f.viewLag))});
}

void readYourWritesLines(std::vector<NodeLine>& out, const model::Node& node,
                         const run::NodeFrame* state, const NodeFigures& f) {
    if (!state) {
        out.push_back(
            {tr("write, read after %1").arg(formatMs(node.read_delay.mean_ms())), Tone::muted});
        return;
    }
    const double missed = f.reads > 0 ? double(f.readMisses) / double(f.reads) : 0.0;
    // The share alone fits the node's width; the counts are in the report and the watch.
    out.push_back({tr("own write missed: %1").arg(share(missed)),
                   f.readMisses > 0 ? Tone::warning : Tone::muted, false, true,
                   tr("missed %1").arg(share(missed))});
}

}  // namespace flowlab::ui::detail
