// Scenarios without positions open laid out by Graphviz's dot, left to right by call
// depth, with every edge routed around the nodes it does not join and every label off
// the nodes; Tidy layout does the same for any scenario, as one undo step.

#include <gtest/gtest.h>

#include <QTemporaryDir>
#include <QUndoStack>

#include "canvas/auto_layout.hpp"
#include "canvas/canvas_scene.hpp"
#include "canvas/edge_item.hpp"
#include "canvas/node_item.hpp"
#include "canvas/token_layer.hpp"
#include "document/scenario_document.hpp"
#include "main_window.hpp"
#include "ui_test_support.hpp"

namespace flowlab::ui::test {
namespace {

const QString twelveNodes = QStringLiteral(FLOWLAB_TEST_DATA_DIR "/layout/twelve-nodes.json");

std::vector<NodeItem*> nodeItems(const MainWindow& window) {
    std::vector<NodeItem*> items;
    for (const auto& node : window.document()->scenario().nodes)
        items.push_back(window.scene()->nodeItem(QString::fromStdString(node.id)));
    return items;
}

/// Points along what the edge draws, at most a pixel apart.
std::vector<QPointF> samples(const EdgeItem& edge) {
    std::vector<QPointF> points;
    for (const QPolygonF& polygon : edge.path().toSubpathPolygons())
        for (qsizetype i = 1; i < polygon.size(); ++i) {
            const QLineF segment(polygon[i - 1], polygon[i]);
            const int steps = std::max(1, int(std::ceil(segment.length())));
            for (int s = 0; s <= steps; ++s) points.push_back(segment.pointAt(double(s) / steps));
        }
    return points;
}

/// The node `edge` passes through (inside its card, not on its border), or null.
const NodeItem* nodeCrossed(const EdgeItem& edge, const std::vector<NodeItem*>& nodes) {
    const auto points = samples(edge);
    for (const NodeItem* node : nodes) {
        if (node == edge.fromItem() || node == edge.toItem()) continue;
        const QRectF inside = node->sceneBox().adjusted(0.5, 0.5, -0.5, -0.5);
        for (const QPointF& p : points)
            if (inside.contains(p)) return node;
    }
    return nullptr;
}

QString describe(const EdgeItem& edge) {
    return edge.fromItem()->nodeId() + QStringLiteral(" -> ") + edge.toItem()->nodeId();
}

void expectTidy(const MainWindow& window) {
    const auto nodes = nodeItems(window);
    const CanvasScene* scene = window.scene();
    ASSERT_EQ(scene->edgeCount(), int(window.document()->scenario().edges.size()));
    std::vector<QRectF> labels;
    for (int i = 0; i < scene->edgeCount(); ++i) {
        const EdgeItem& edge = *scene->edgeItem(i);
        SCOPED_TRACE(describe(edge).toStdString());
        EXPECT_TRUE(edge.hasRoute());
        if (const NodeItem* crossed = nodeCrossed(edge, nodes))
            ADD_FAILURE() << "runs through " << crossed->nodeId().toStdString();
        // It starts at its source and ends at its target: a fan-out is drawn as one line
        // to each callee, never as a chain through them.
        const QPainterPath path = edge.path();
        EXPECT_TRUE(edge.fromItem()
                        ->sceneBoundingRect()
                        .adjusted(-1, -1, 1, 1)
                        .contains(path.pointAtPercent(0)));
        EXPECT_TRUE(
            edge.toItem()->sceneBox().adjusted(-1, -1, 1, 1).contains(path.pointAtPercent(1)));
        const QRectF label = edge.labelRect();
        ASSERT_FALSE(label.isEmpty());
        for (const NodeItem* node : nodes)
            EXPECT_FALSE(label.intersects(node->sceneBox()))
                << "label over " << node->nodeId().toStdString();
        for (const QRectF& other : labels) EXPECT_FALSE(label.intersects(other));
        labels.push_back(label);
        // Layered by call depth: every edge runs left to right, the client leftmost.
        EXPECT_LT(edge.fromItem()->sceneBox().right(), edge.toItem()->sceneBox().left());
    }
}

TEST(AutoLayout, AFileWithoutPositionsOpensLaidOutByCallDepth) {
    MainWindow window;
    ASSERT_TRUE(window.openFile(twelveNodes));
    const auto& scenario = window.document()->scenario();
    ASSERT_EQ(scenario.nodes.size(), 12u);
    EXPECT_FALSE(lacksPositions(scenario));
    EXPECT_FALSE(window.document()->isModified());  // laid out, but nothing to save yet
    expectTidy(window);
    // Clients are leftmost: no node starts left of a client's right side.
    for (const NodeItem* client : nodeItems(window)) {
        if (client->kind() != model::NodeKind::client) continue;
        for (const NodeItem* node : nodeItems(window))
            if (node != client) EXPECT_GT(node->sceneBox().left(), client->sceneBox().right());
    }
}

TEST(AutoLayout, TheCheckSeesAnEdgeThroughANode) {
    // The four-column grid in file order these files used to get: gateway -> checkout
    // runs straight through catalog, which stands between them.
    MainWindow window;
    ASSERT_TRUE(window.openFile(twelveNodes));
    std::map<std::string, QPointF> grid;
    const auto& nodes = window.document()->scenario().nodes;
    for (size_t i = 0; i < nodes.size(); ++i)
        grid[nodes[i].id] = QPointF(220.0 * double(i % 4), 140.0 * double(i / 4));
    window.document()->setPositions(grid, QStringLiteral("grid"));
    int crossing = 0;
    for (int i = 0; i < window.scene()->edgeCount(); ++i)
        if (nodeCrossed(*window.scene()->edgeItem(i), nodeItems(window))) ++crossing;
    EXPECT_GT(crossing, 0);
}

TEST(AutoLayout, TidyLayoutIsOneUndoStep) {
    QTemporaryDir dir;
    MainWindow window;
    // Hand-made positions that put the database left of its caller.
    QByteArray text = chainScenario(20, 8, 5);
    text.replace(R"("db": [520, 0])", R"("db": [-300, 200])");
    ASSERT_TRUE(window.openFile(writeFile(dir, QStringLiteral("chain.json"), text)));
    ScenarioDocument* document = window.document();
    const auto handMade = document->scenario().layout;
    ASSERT_FALSE(window.scene()->edgeItem(0)->hasRoute());

    ASSERT_TRUE(window.scene()->tidyLayout());
    EXPECT_NE(document->scenario().layout, handMade);
    EXPECT_EQ(document->undoStack()->count(), 1);
    EXPECT_EQ(document->undoStack()->undoText(), QStringLiteral("Tidy layout"));
    expectTidy(window);

    document->undoStack()->undo();
    EXPECT_EQ(document->scenario().layout, handMade);
    EXPECT_EQ(window.scene()->nodeItem(QStringLiteral("db"))->pos(), QPointF(-300, 200));
    for (int i = 0; i < window.scene()->edgeCount(); ++i)
        EXPECT_FALSE(window.scene()->edgeItem(i)->hasRoute());

    document->undoStack()->redo();
    expectTidy(window);
}

TEST(AutoLayout, ADraggedNodeTakesItsEdgesStraightUntilUndone) {
    MainWindow window;
    ASSERT_TRUE(window.openFile(twelveNodes));
    ScenarioDocument* document = window.document();
    const QPointF placed = document->nodePosition(QStringLiteral("payment"));
    document->moveNodes({{QStringLiteral("payment"), placed + QPointF(40, 300)}}, 1);
    for (int i = 0; i < window.scene()->edgeCount(); ++i) {
        const EdgeItem& edge = *window.scene()->edgeItem(i);
        const bool touches = edge.fromItem()->nodeId() == QLatin1String("payment") ||
                             edge.toItem()->nodeId() == QLatin1String("payment");
        EXPECT_EQ(edge.hasRoute(), !touches) << describe(edge).toStdString();
    }
    document->undoStack()->undo();
    expectTidy(window);
}

TEST(AutoLayout, AnEditThatMovesNoNodeKeepsTheCurves) {
    MainWindow window;
    ASSERT_TRUE(window.openFile(twelveNodes));
    ScenarioDocument* document = window.document();
    const model::Scenario before = document->scenario();
    // A timeout on the shoppers' edge: its label grows a wider line, which widens the gap
    // the layout keeps for it, and so moves every column to its right.
    int edge = 0;
    while (document->scenario().edges[size_t(edge)].from != "web") ++edge;
    ASSERT_TRUE(document->setEdgeParam(edge, "timeout_ms", model::ParamValue(250.0)));
    // Premise: the layout of the edited scenario puts the nodes elsewhere.
    ASSERT_NE(layoutScenario(document->scenario()).positions, layoutScenario(before).positions);
    for (int i = 0; i < window.scene()->edgeCount(); ++i)
        EXPECT_TRUE(window.scene()->edgeItem(i)->hasRoute())
            << describe(*window.scene()->edgeItem(i)).toStdString();
}

TEST(AutoLayout, NodesWithoutPositionsJoinBelowThoseWithThem) {
    QTemporaryDir dir;
    QByteArray text = chainScenario(20, 8, 5);
    text.replace(R"("layout": { "web": [0, 0], "api": [260, 0], "db": [520, 0] })",
                 R"("layout": { "web": [100, 50] })");
    MainWindow window;
    ASSERT_TRUE(window.openFile(writeFile(dir, QStringLiteral("partial.json"), text)));
    const auto& layout = window.document()->scenario().layout;
    ASSERT_EQ(layout.size(), 3u);
    EXPECT_EQ(layout.at("web"), std::make_pair(100.0, 50.0));
    const QRectF web = window.scene()->nodeItem(QStringLiteral("web"))->sceneBox();
    for (const char* id : {"api", "db"}) EXPECT_GT(layout.at(id).second, web.bottom()) << id;
    EXPECT_LT(layout.at("api").first, layout.at("db").first);
}

TEST(AutoLayout, TokensTravelAlongTheRoutedCurves) {
    MainWindow window;
    double wall = 100.0;
    window.scene()->setWallClock([&wall] { return wall; });
    ASSERT_TRUE(window.openFile(twelveNodes));
    window.runFor(2.0);
    // Halfway through their hops: away from the ends, where a chord and a curve meet.
    wall += TokenLayer::minTravelS / 2;
    window.scene()->advanceTokens();
    const auto& tokens = window.scene()->tokenLayer()->tokens();
    ASSERT_FALSE(tokens.empty());
    int curved = 0;
    for (const auto& token : tokens) {
        double nearest = 1e9, nearestChord = 1e9;
        for (int e = 0; e < window.scene()->edgeCount(); ++e) {
            const EdgeItem& edge = *window.scene()->edgeItem(e);
            for (const QPointF& p : samples(edge))
                nearest = std::min(nearest, QLineF(token.pos, p).length());
            const QLineF chord = edge.line();
            for (int s = 0; s <= 200; ++s)
                nearestChord =
                    std::min(nearestChord, QLineF(token.pos, chord.pointAt(s / 200.0)).length());
        }
        // On its lane beside the drawn curve (samples are a pixel apart).
        EXPECT_LE(nearest, TokenLayer::laneOffset + 1.0);
        if (nearestChord > TokenLayer::laneOffset + 3) ++curved;
    }
    // Some of them sit where only the curve goes, not the straight chord.
    EXPECT_GT(curved, 0);
}

TEST(AutoLayout, TheSameScenarioGivesTheSameLayout) {
    MainWindow window;
    ASSERT_TRUE(window.openFile(twelveNodes));
    const model::Scenario& scenario = window.document()->scenario();
    const GraphLayout first = layoutScenario(scenario);
    const GraphLayout second = layoutScenario(scenario);
    ASSERT_TRUE(first.error.isEmpty()) << first.error.toStdString();
    EXPECT_EQ(first.positions, second.positions);
    // A node that grows (more threads: a second row of cells) moves what is below it.
    model::Scenario bigger = scenario;
    bigger.find_node("gateway")->threads = 32;
    EXPECT_NE(layoutDot(bigger), layoutDot(scenario));
}

}  // namespace
}  // namespace flowlab::ui::test
