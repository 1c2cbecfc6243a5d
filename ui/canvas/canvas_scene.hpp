#pragma once
/// The editing canvas: node and edge items built from the document, palette drops,
/// drag-to-connect, moves, deletes, fault menus, and the live frame drawn on top.
///
/// Items hold ids; every change goes through ScenarioDocument as an undoable command,
/// and the scene rebuilds or refreshes itself from the document's `changed` signal.

#include <QElapsedTimer>
#include <QGraphicsScene>
#include <QHash>
#include <QPointer>
#include <QTimer>
#include <functional>
#include <map>
#include <utility>

#include "canvas/auto_layout.hpp"
#include "flowlab/model/scenario.hpp"
#include "flowlab/run/frame.hpp"

class QGraphicsLineItem;
class QMenu;

namespace flowlab::ui {

class EdgeItem;
class NodeItem;
class ScenarioDocument;
class TokenLayer;

class CanvasScene : public QGraphicsScene {
    Q_OBJECT
public:
    explicit CanvasScene(ScenarioDocument* document, QObject* parent = nullptr);
    ~CanvasScene() override;

    NodeItem* nodeItem(const QString& id) const { return nodes_.value(id); }
    EdgeItem* edgeItem(int index) const;
    int nodeCount() const { return int(nodes_.size()); }
    int edgeCount() const { return int(edges_.size()); }
    TokenLayer* tokenLayer() const { return tokens_; }

    /// Draws a frame of the running engine; ignored while it describes another topology.
    void applyFrame(const run::Frame& frame);
    void clearRunState();
    /// Moves the token animation on to the wall clock's now (the animation timer does this
    /// between frames, until every short hop has arrived).
    void advanceTokens();
    /// The wall clock the token animation runs on, in seconds (tests set their own).
    void setWallClock(std::function<double()> clock) { wallClock_ = std::move(clock); }

    /// The right-click menu of a node: inject (at once, or through the fault dialog for
    /// kinds with a strength) or heal each fault its kind allows, schedule one, and on a
    /// DLQ redrive. Its actions emit the signals below. The caller owns the menu.
    QMenu* createFaultMenu(const QString& nodeId, QWidget* parent = nullptr);

    /// Adds a node as a palette drop would, at scene position `pos` (its centre).
    QString dropNode(model::NodeKind kind, const QPointF& pos);
    /// Connects as a drag from `from` to `to` would; reports the outcome on the status bar.
    bool connectByDrag(const QString& from, const QString& to);
    void deleteSelection();
    /// Moves every node to its place in the automatic layout, as one undo step ("Tidy
    /// layout"); says on the status bar when Graphviz could not lay the graph out.
    bool tidyLayout();

    /// Called by NodeItem when the user moved it.
    void nodeMoved(NodeItem* item);

signals:
    void statusMessage(const QString& text);
    void faultRequested(const flowlab::model::Fault& fault, bool on);
    /// Open the fault dialog on `nodeId`, with fault kind `kind` chosen (-1: any).
    void faultDialogRequested(const QString& nodeId, int kind);
    void scheduleFaultRequested(const QString& nodeId);
    void redriveRequested(const QString& dlqId);
    /// A token was clicked: what it carries, as of the newest frame.
    void tokenPicked(const flowlab::runtime::Hop& hop);
    /// The inspector's target: a node id, or an edge index (>= 0), or neither.
    void inspectTarget(const QString& nodeId, int edgeIndex);

protected:
    void dragEnterEvent(QGraphicsSceneDragDropEvent* event) override;
    void dragMoveEvent(QGraphicsSceneDragDropEvent* event) override;
    void dropEvent(QGraphicsSceneDragDropEvent* event) override;
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QGraphicsSceneContextMenuEvent* event) override;

private:
    void onDocumentChanged(bool structural);
    void rebuild();
    void syncFromDocument();
    void onSelectionChanged();
    NodeItem* nodeAt(const QPointF& scenePos) const;
    /// Routes the edges whose nodes sit where the automatic layout puts them.
    void applyRoutes();
    /// Emits tokenPicked for the token drawn at `scenePos`, if any.
    bool pickToken(const QPointF& scenePos);
    /// Hands the edges' current geometry to the token layer.
    void updateTokenEdges();
    void onAnimationTick();

    ScenarioDocument* document_;
    QHash<QString, NodeItem*> nodes_;
    std::vector<EdgeItem*> edges_;
    TokenLayer* tokens_;
    LayoutCache layoutCache_;
    /// The routes drawn, with the two cards each joined then (by source and target id).
    struct KeptRoute {
        EdgeRoute route;
        QRectF from, to;
    };
    std::map<std::pair<QString, QString>, KeptRoute> keptRoutes_;
    QElapsedTimer wall_;
    std::function<double()> wallClock_;
    /// Runs only while tokens are animated. While frames keep coming they move the tokens,
    /// and ticks within a frame and a half of one do nothing rather than paint twice.
    QTimer animation_;
    double lastAdvanceS_ = -1;
    bool syncing_ = false;
    bool movedDuringDrag_ = false;
    int dragSerial_ = 0;
    NodeItem* connectFrom_ = nullptr;
    QGraphicsLineItem* connectLine_ = nullptr;

public:
    /// Points the student at a node (a watch entry was clicked): selects it, flashes a
    /// ring around it and scrolls the view to it when it is out of sight.
    void highlightNode(const QString& id);
    /// Rings these nodes until it is called again (a lesson step's `highlight`); ids the
    /// scenario no longer has are left out. The rings follow their nodes.
    void setLessonHighlight(const QStringList& ids);
    QStringList lessonHighlight() const { return lessonHighlight_; }

private:
    void drawLessonHighlight();
    QStringList lessonHighlight_;
};

}  // namespace flowlab::ui
