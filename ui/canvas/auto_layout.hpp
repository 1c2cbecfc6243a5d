#pragma once
/// Automatic layout of a scenario's graph with Graphviz's `dot` (layered, left to right
/// by call depth), run in process through its C API.
///
/// `dot` places each node in a column by its depth from the sources (clients), orders the
/// columns to cut crossings, and routes every edge as a spline around the nodes, with its
/// label beside it and off every node. The canvas gives it the sizes it draws: each node's
/// card (NodeItem::heightFor, with room for the port) and each edge's label box.
///
/// Why Graphviz: a layered layout with obstacle-avoiding spline routing and label
/// placement is what the issue asks for, and `dot` is the well-kept implementation of it
/// (Debian 12: libgraphviz-dev). Only the ui layer links it; the engine never sees it.

#include <QPainterPath>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "flowlab/model/scenario.hpp"

namespace flowlab::ui {

/// One edge as `dot` routed it, in scene coordinates.
struct EdgeRoute {
    /// From the source's border to the target's (the arrow's tip), cubic segments.
    QPainterPath path;
    /// Where the edge's label goes (its centre and size): beside the edge, off the nodes.
    QRectF label;
};

struct GraphLayout {
    /// Each node's top-left corner on the canvas (scenario.layout's convention), by id.
    std::map<std::string, QPointF> positions;
    /// Per Scenario::edges index; empty where an edge was not laid out (a dangling edge).
    std::vector<std::optional<EdgeRoute>> routes;
    /// Empty on success; otherwise what Graphviz said (positions and routes are then empty).
    QString error;
};

/// The size `dot` reserves for a node: its card plus the port on its right side.
QSizeF layoutNodeSize(const model::Node& node);

/// The DOT text for `scenario` (node sizes, label sizes, edges in file order). It is also
/// the cache key: the same text always gives the same layout.
std::string layoutDot(const model::Scenario& scenario);

/// Lays out the whole graph. Deterministic: the same scenario (up to what the layout
/// reads: ids, kinds, node sizes, edges and their labels) gives the same result.
GraphLayout layoutScenario(const model::Scenario& scenario);

/// The layout of the last scenario asked about, recomputed only when what the layout
/// reads changed: the canvas asks on every edit, and most edits change nothing of it.
class LayoutCache {
public:
    const GraphLayout& layoutFor(const model::Scenario& scenario);

private:
    std::string dot_;
    GraphLayout layout_;
};

/// True when some node of `scenario` has no position in its layout.
bool lacksPositions(const model::Scenario& scenario);

/// Fills in the positions a scenario lacks. With none at all, every node takes its place
/// in the automatic layout. With some, the positioned nodes stay put and the rest take
/// their automatic places, below everything already drawn. Returns false (and changes
/// nothing) when the layout failed; `error` then says why.
bool placeUnpositionedNodes(model::Scenario& scenario, QString* error = nullptr);

}  // namespace flowlab::ui
