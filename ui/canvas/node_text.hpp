#pragma once
/// What a node says in words: the lines under its picture (cells, bars) and its fault
/// banner, from the scenario, the newest frame and the report of the run so far.
///
/// Kept apart from the drawing so tests read exactly what a student reads, and so the
/// number of lines a kind may use (which sets the node's height) is stated in one place.

#include <QString>
#include <QtGlobal>
#include <vector>

#include "canvas/node_figures.hpp"
#include "flowlab/model/scenario.hpp"
#include "flowlab/run/frame.hpp"

namespace flowlab::ui {

struct NodeLine {
    /// muted: context; good / warning / alarm: green, orange, red figures.
    enum class Tone { normal, muted, good, warning, alarm };
    QString text;
    Tone tone = Tone::normal;
    bool large = false;  ///< a key figure: bigger and bold
    /// Kept when zoomed out although neither large nor orange or red (node_painting.cpp).
    bool key = false;
    /// The line's short form, drawn when the card is zoomed out and its text is large
    /// (node_text_layout.hpp); "" when the text is short already.
    QString brief{};
    bool operator==(const NodeLine&) const = default;
};

/// Lines a kind may draw: `lines` in all, of which up to `largeLines` large. Fixed per
/// node so a node does not change size while it runs.
struct NodeLineBudget {
    int lines = 0;
    int largeLines = 0;
};
NodeLineBudget nodeLineBudget(const model::Node& node);

/// What the node's body shows. `state` and `client` are null before a run (then the
/// lines describe the configuration); `figures` come from the frame's report.
std::vector<NodeLine> nodeLines(const model::Node& node, const run::NodeFrame* state,
                                const run::ClientFrame* client, const NodeFigures& figures);

/// The lag a topic's full partition bar stands for: its capacity, or 100 when unbounded.
qint64 topicBarScale(const model::Node& node);
/// How much of a partition bar `lag` fills (0..1; beyond the scale it stays full).
double partitionBarShare(qint64 lag, qint64 scale);

/// The fault banner: each fault in force with its strength and time left, or "".
/// `now_s` is the frame's virtual time.
QString faultBannerText(const run::NodeFrame& state, double now_s);
/// The banner's short form for a zoomed-out card: the faults' kinds and the time left
/// of the first to heal ("HANG 15 s").
QString faultBannerBrief(const run::NodeFrame& state, double now_s);

}  // namespace flowlab::ui
