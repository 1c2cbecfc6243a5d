// Editing the scenario through the canvas, the inspector and the undo stack.

#include <gtest/gtest.h>

#include <QApplication>
#include <QDragEnterEvent>
#include <QMimeData>
#include <QStatusBar>
#include <QTest>

#include "canvas/canvas_scene.hpp"
#include "canvas/canvas_view.hpp"
#include "canvas/edge_item.hpp"
#include "canvas/node_item.hpp"
#include "canvas/node_style.hpp"
#include "document/scenario_document.hpp"
#include "main_window.hpp"
#include "panels/inspector_panel.hpp"
#include "panels/param_editor.hpp"
#include "ui_test_support.hpp"

namespace flowlab::ui::test {

namespace {

/// Drops a palette item of `kind` on the canvas at view pixel `pos`, as Qt delivers it.
void dropKind(CanvasView* view, const QString& kind, QPoint pos) {
    QMimeData mime;
    mime.setData(nodeKindMimeType(), kind.toUtf8());
    QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &enter);
    QDragMoveEvent move(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &move);
    QDropEvent drop(QPointF(pos), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &drop);
}

QPointF centreOf(CanvasScene* scene, const QString& id) {
    return scene->nodeItem(id)->sceneBoundingRect().center();
}

}  // namespace

TEST(Editing, PaletteDropCreatesNodeWhereDropped) {
    MainWindow window;
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    const QPoint where = window.view()->viewport()->rect().center();
    dropKind(window.view(), QStringLiteral("service"), where);
    const auto& nodes = window.document()->scenario().nodes;
    ASSERT_EQ(nodes.size(), 1u);
    EXPECT_EQ(nodes[0].kind, model::NodeKind::service);
    EXPECT_EQ(nodes[0].id, "service1");
    ASSERT_EQ(window.scene()->nodeCount(), 1);
    // The node is centred where it was dropped (within a pixel of rounding).
    const QPointF dropped = window.view()->mapToScene(where);
    const QPointF centre = centreOf(window.scene(), QStringLiteral("service1"));
    EXPECT_NEAR(centre.x(), dropped.x() + 2.5,
                2.0);  // the bounding rect has a wider right margin (port)
    EXPECT_NEAR(centre.y(), dropped.y(), 2.0);
    // An unknown kind is ignored.
    dropKind(window.view(), QStringLiteral("teapot"), where);
    EXPECT_EQ(window.document()->scenario().nodes.size(), 1u);
}

TEST(Editing, ShiftDragConnectsWithTheImpliedModeAndRefusesInvalidPairs) {
    MainWindow window;
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    ScenarioDocument* doc = window.document();
    const QString client = doc->addNode(model::NodeKind::client, {0, 0});
    const QString service = doc->addNode(model::NodeKind::service, {260, 0});
    const QString queue = doc->addNode(model::NodeKind::queue, {0, 200});
    window.view()->fitAll();
    CanvasScene* scene = window.scene();

    dragInScene(window.view(), centreOf(scene, client), centreOf(scene, service),
                Qt::ShiftModifier);
    ASSERT_EQ(doc->scenario().edges.size(), 1u);
    EXPECT_EQ(doc->scenario().edges[0].from, client.toStdString());
    EXPECT_EQ(doc->scenario().edges[0].to, service.toStdString());
    EXPECT_EQ(doc->scenario().edges[0].mode, model::EdgeMode::sync);
    EXPECT_EQ(scene->edgeCount(), 1);
    // The nodes did not move: a connecting drag is not a move.
    EXPECT_EQ(doc->nodePosition(client), QPointF(0, 0));

    dragInScene(window.view(), centreOf(scene, service), centreOf(scene, queue), Qt::ShiftModifier);
    ASSERT_EQ(doc->scenario().edges.size(), 2u);
    EXPECT_EQ(doc->scenario().edges[1].mode, model::EdgeMode::async);

    // A client cannot publish to a queue: refused, with the engine's reason on the status bar.
    dragInScene(window.view(), centreOf(scene, client), centreOf(scene, queue), Qt::ShiftModifier);
    EXPECT_EQ(doc->scenario().edges.size(), 2u);
    std::string why;
    ASSERT_FALSE(model::edge_mode_between(model::NodeKind::client, model::NodeKind::queue, &why));
    EXPECT_TRUE(window.statusBar()->currentMessage().contains(QString::fromStdString(why)))
        << window.statusBar()->currentMessage().toStdString();
    // A second identical edge is refused too.
    dragInScene(window.view(), centreOf(scene, client), centreOf(scene, service),
                Qt::ShiftModifier);
    EXPECT_EQ(doc->scenario().edges.size(), 2u);
}

TEST(Editing, PlainDragMovesAndMergesIntoOneUndoStep) {
    MainWindow window;
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    ScenarioDocument* doc = window.document();
    const QString id = doc->addNode(model::NodeKind::service, {0, 0});
    window.view()->fitAll();
    const int commandsBefore = doc->undoStack()->count();
    const QPointF start = centreOf(window.scene(), id) - QPointF(40, 0);  // away from the port
    dragInScene(window.view(), start, start + QPointF(100, 60), Qt::NoModifier);
    const QPointF moved = doc->nodePosition(id);
    EXPECT_GT(moved.x(), 50);
    EXPECT_GT(moved.y(), 30);
    // Four mouse moves, one undo step.
    EXPECT_EQ(doc->undoStack()->count(), commandsBefore + 1);
    doc->undoStack()->undo();
    EXPECT_EQ(doc->nodePosition(id), QPointF(0, 0));
    EXPECT_EQ(window.scene()->nodeItem(id)->pos(), QPointF(0, 0));
}

TEST(Editing, UndoAndRedoRoundTripEveryEdit) {
    ScenarioDocument doc;
    const model::Scenario empty = doc.scenario();
    const QString c = doc.addNode(model::NodeKind::client, {0, 0});
    const QString s = doc.addNode(model::NodeKind::service, {200, 0});
    const QString d = doc.addNode(model::NodeKind::database, {400, 0});
    ASSERT_TRUE(doc.connectNodes(c, s));
    ASSERT_TRUE(doc.connectNodes(s, d));
    ASSERT_TRUE(doc.setNodeParam(s, "threads", model::ParamValue(std::int64_t{3})));
    ASSERT_TRUE(
        doc.setNodeParam(s, "work_ms", model::ParamValue(model::Distribution::lognormal(20, 200))));
    ASSERT_TRUE(doc.setEdgeParam(1, "timeout_ms", model::ParamValue(250.0)));
    ASSERT_TRUE(doc.setEdgeParam(1, "retry.max_retries", model::ParamValue(std::int64_t{4})));
    doc.setNodeLabel(s, QStringLiteral("Orders"));
    doc.moveNodes({{d, QPointF(400, 120)}}, 1);
    doc.removeItems({c}, {});
    const model::Scenario final = doc.scenario();
    ASSERT_EQ(final.nodes.size(), 2u);
    ASSERT_EQ(final.edges.size(), 1u);  // the client's edge went with it
    EXPECT_EQ(final.edges[0].retry->max_retries, 4);

    const int steps = doc.undoStack()->count();
    EXPECT_EQ(steps, 12);
    while (doc.undoStack()->canUndo()) doc.undoStack()->undo();
    EXPECT_EQ(doc.scenario(), empty);
    while (doc.undoStack()->canRedo()) doc.undoStack()->redo();
    EXPECT_EQ(doc.scenario(), final);
}

TEST(Editing, InspectorShowsInvalidValuesInlineAndChangesNothing) {
    MainWindow window;
    ScenarioDocument* doc = window.document();
    const QString s = doc->addNode(model::NodeKind::service, {0, 0});
    window.scene()->nodeItem(s)->setSelected(true);
    ParamEditor* threads = window.inspector()->editor(QStringLiteral("threads"));
    ASSERT_NE(threads, nullptr);
    const int before = doc->undoStack()->count();
    emit threads->edited(model::ParamValue(std::int64_t{-2}));
    EXPECT_FALSE(threads->problem().isEmpty());
    EXPECT_TRUE(threads->problem().contains(QStringLiteral("-2")))
        << threads->problem().toStdString();
    EXPECT_EQ(doc->scenario().nodes[0].threads, 8);
    EXPECT_EQ(doc->undoStack()->count(), before);
    emit threads->edited(model::ParamValue(std::int64_t{12}));
    EXPECT_TRUE(threads->problem().isEmpty());
    EXPECT_EQ(doc->scenario().nodes[0].threads, 12);
    // Every parameter of the kind has an editor, generated from the schema.
    for (const auto& p : model::node_params(model::NodeKind::service))
        EXPECT_NE(window.inspector()->editor(QString::fromStdString(p.key)), nullptr) << p.key;
}

TEST(Editing, DeleteKeyRemovesSelectionWithItsEdges) {
    MainWindow window;
    ScenarioDocument* doc = window.document();
    const QString c = doc->addNode(model::NodeKind::client, {0, 0});
    const QString s = doc->addNode(model::NodeKind::service, {200, 0});
    ASSERT_TRUE(doc->connectNodes(c, s));
    window.scene()->nodeItem(s)->setSelected(true);
    window.scene()->deleteSelection();
    EXPECT_EQ(doc->scenario().nodes.size(), 1u);
    EXPECT_TRUE(doc->scenario().edges.empty());
    EXPECT_EQ(window.scene()->edgeCount(), 0);
    doc->undoStack()->undo();
    EXPECT_EQ(window.scene()->edgeCount(), 1);
}

}  // namespace flowlab::ui::test
