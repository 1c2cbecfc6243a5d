#include "canvas/auto_layout.hpp"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <QString>
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <sstream>

#include "canvas/edge_item.hpp"
#include "canvas/node_item.hpp"

namespace flowlab::ui {

namespace {

/// Graphviz measures in points, 72 to the inch; the canvas draws a point as a scene unit.
constexpr double pointsPerInch = 72;
/// The port sticks out of a card's right side by this much (NodeItem::boundingRect).
constexpr double portMargin = 8;
/// Gaps between nodes of one column and between columns, in inches: room for the labels
/// of edges that run between them and for the tokens travelling either side of a line.
constexpr double nodeGapInches = 0.45;
constexpr double columnGapInches = 0.3;
/// Space kept around a label so that it never touches the edge it names or a node.
constexpr double labelPadding = 4;

std::string inches(double points) {
    std::ostringstream out;
    out.precision(6);
    out << std::fixed << points / pointsPerInch;
    return out.str();
}

std::string pointsText(double points) { return std::to_string(int(std::ceil(points))); }

/// Graphviz keeps one context per process; creating it loads the plugin configuration,
/// which need not happen more than once. It lives as long as the program.
GVC_t* graphvizContext() {
    static GVC_t* context = [] {
        // Errors come back as return codes (and are reported by the caller); warnings
        // about a layout it could still make would only clutter the terminal.
        agseterr(AGERR);
        return gvContext();
    }();
    return context;
}

struct GraphCloser {
    GVC_t* context;
    bool laidOut = false;
    void operator()(Agraph_t* graph) const {
        if (laidOut) gvFreeLayout(context, graph);
        agclose(graph);
    }
};

QPainterPath routePath(const splines* spl, const auto& toScene) {
    QPainterPath path;
    if (!spl) return path;
    for (int b = 0; b < spl->size; ++b) {
        const bezier& bz = spl->list[b];
        if (bz.size < 1) continue;
        // With an arrowhead at the start, the line starts at its tip (`sp`).
        if (bz.sflag) {
            path.moveTo(toScene(bz.sp));
            path.lineTo(toScene(bz.list[0]));
        } else {
            path.moveTo(toScene(bz.list[0]));
        }
        for (int i = 1; i + 2 < bz.size; i += 3)
            path.cubicTo(toScene(bz.list[i]), toScene(bz.list[i + 1]), toScene(bz.list[i + 2]));
        // The arrowhead's room at the end: `ep` is where its tip touches the target.
        if (bz.eflag) path.lineTo(toScene(bz.ep));
    }
    return path;
}

}  // namespace

QSizeF layoutNodeSize(const model::Node& node) {
    return {NodeItem::width + portMargin, NodeItem::heightFor(node)};
}

std::string layoutDot(const model::Scenario& scenario) {
    std::ostringstream dot;
    dot << "digraph flowlab {\n"
        << "  graph [rankdir=LR, splines=spline, nodesep=" << nodeGapInches
        << ", ranksep=" << columnGapInches << "];\n"
        << "  node [shape=box, fixedsize=true, label=\"\"];\n";
    // Nodes by index: ids are the file's, and DOT need not learn to quote them.
    std::map<std::string, size_t> index;
    for (size_t i = 0; i < scenario.nodes.size(); ++i) {
        const auto& node = scenario.nodes[i];
        index[node.id] = i;
        const QSizeF size = layoutNodeSize(node);
        dot << "  n" << i << " [width=" << inches(size.width())
            << ", height=" << inches(size.height()) << "];\n";
    }
    for (size_t i = 0; i < scenario.edges.size(); ++i) {
        const auto& edge = scenario.edges[i];
        const auto from = index.find(edge.from), to = index.find(edge.to);
        if (from == index.end() || to == index.end()) continue;
        // The label as a box of the size the canvas draws it: dot sets it beside the edge
        // and keeps every node and every other edge off it.
        const QSizeF label = EdgeItem::labelSize(edge);
        dot << "  n" << from->second << " -> n" << to->second << " [id=\"e" << i << "\"";
        // Calls form the spine of the picture: keep their chains straight.
        if (edge.mode == model::EdgeMode::sync) dot << ", weight=2";
        dot << ", label=<<TABLE FIXEDSIZE=\"TRUE\" BORDER=\"0\" CELLPADDING=\"0\" WIDTH=\""
            << pointsText(label.width() + 2 * labelPadding) << "\" HEIGHT=\""
            << pointsText(label.height() + 2 * labelPadding)
            << "\"><TR><TD></TD></TR></TABLE>>];\n";
    }
    dot << "}\n";
    return dot.str();
}

GraphLayout layoutScenario(const model::Scenario& scenario) {
    GraphLayout out;
    const std::string dot = layoutDot(scenario);
    GVC_t* context = graphvizContext();
    if (!context) {
        out.error = QStringLiteral("Graphviz could not start");
        return out;
    }
    GraphCloser closer{context};
    std::unique_ptr<Agraph_t, GraphCloser&> graph(agmemread(dot.c_str()), closer);
    if (!graph) {
        out.error = QStringLiteral("Graphviz could not read the graph: %1")
                        .arg(QString::fromUtf8(aglasterr() ? aglasterr() : ""));
        return out;
    }
    if (gvLayout(context, graph.get(), "dot") != 0) {
        out.error = QStringLiteral("Graphviz's dot layout failed: %1")
                        .arg(QString::fromUtf8(aglasterr() ? aglasterr() : ""));
        return out;
    }
    closer.laidOut = true;
    // Graphviz's y axis points up; the canvas's points down, from the drawing's top-left.
    const boxf bb = GD_bb(graph.get());
    const auto toScene = [&](pointf p) { return QPointF(p.x - bb.LL.x, bb.UR.y - p.y); };

    for (Agnode_t* n = agfstnode(graph.get()); n; n = agnxtnode(graph.get(), n)) {
        const size_t i = std::stoul(agnameof(n) + 1);
        const QSizeF size = layoutNodeSize(scenario.nodes[i]);
        const QPointF centre = toScene(ND_coord(n));
        // The card sits at the left of the box dot reserved; the port takes the rest.
        out.positions[scenario.nodes[i].id] = QPointF(std::round(centre.x() - size.width() / 2),
                                                      std::round(centre.y() - size.height() / 2));
    }
    out.routes.resize(scenario.edges.size());
    for (Agnode_t* n = agfstnode(graph.get()); n; n = agnxtnode(graph.get(), n))
        for (Agedge_t* e = agfstout(graph.get(), n); e; e = agnxtout(graph.get(), e)) {
            const char* id = agget(e, const_cast<char*>("id"));
            if (!id || id[0] != 'e') continue;
            const size_t i = std::stoul(id + 1);
            EdgeRoute route;
            route.path = routePath(ED_spl(e), toScene);
            if (const textlabel_t* label = ED_label(e); label && label->set) {
                const QSizeF size = EdgeItem::labelSize(scenario.edges[i]);
                const QPointF centre = toScene(label->pos);
                route.label = QRectF(centre - QPointF(size.width() / 2, size.height() / 2), size);
            }
            if (!route.path.isEmpty() && i < out.routes.size()) out.routes[i] = std::move(route);
        }
    return out;
}

const GraphLayout& LayoutCache::layoutFor(const model::Scenario& scenario) {
    std::string dot = layoutDot(scenario);
    if (dot != dot_ || (layout_.positions.empty() && !scenario.nodes.empty())) {
        layout_ = layoutScenario(scenario);
        dot_ = std::move(dot);
    }
    return layout_;
}

bool lacksPositions(const model::Scenario& scenario) {
    return std::any_of(scenario.nodes.begin(), scenario.nodes.end(),
                       [&](const model::Node& n) { return !scenario.layout.count(n.id); });
}

bool placeUnpositionedNodes(model::Scenario& scenario, QString* error) {
    if (!lacksPositions(scenario)) return true;
    const GraphLayout layout = layoutScenario(scenario);
    if (!layout.error.isEmpty()) {
        if (error) *error = layout.error;
        return false;
    }
    // What is drawn already stays; the newcomers keep their places relative to each
    // other, moved as one block below it.
    QRectF drawn;
    QRectF incoming;
    for (const auto& node : scenario.nodes) {
        const auto at = scenario.layout.find(node.id);
        const QSizeF size = layoutNodeSize(node);
        if (at != scenario.layout.end())
            drawn |= QRectF(QPointF(at->second.first, at->second.second), size);
        else
            incoming |= QRectF(layout.positions.at(node.id), size);
    }
    const QPointF shift = drawn.isNull() ? QPointF()
                                         : QPointF(drawn.left() - incoming.left(),
                                                   drawn.bottom() + 80 - incoming.top());
    for (const auto& node : scenario.nodes)
        if (!scenario.layout.count(node.id)) {
            const QPointF p = layout.positions.at(node.id) + shift;
            scenario.layout[node.id] = {p.x(), p.y()};
        }
    return true;
}

}  // namespace flowlab::ui
