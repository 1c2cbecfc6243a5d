#include "canvas/canvas_scene.hpp"

#include <QGraphicsLineItem>
#include <QGraphicsRectItem>
#include <QGraphicsSceneContextMenuEvent>
#include <QGraphicsSceneDragDropEvent>
#include <QGraphicsSceneMouseEvent>
#include <QGraphicsView>
#include <QKeyEvent>
#include <QMenu>
#include <QMimeData>
#include <QVariantAnimation>
#include <algorithm>

#include "canvas/auto_layout.hpp"
#include "canvas/edge_item.hpp"
#include "canvas/node_item.hpp"
#include "canvas/node_style.hpp"
#include "canvas/token_layer.hpp"
#include "document/scenario_document.hpp"
#include "flowlab/model/fault_text.hpp"
#include "flowlab/model/schema.hpp"

namespace flowlab::ui {

namespace {

/// The topic whose consumer group `consumer` is, or nullptr (a queue's consumer, or none).
const model::Node* topicFeeding(const model::Scenario& s, const std::string& consumer) {
    for (const auto& e : s.edges)
        if (e.mode == model::EdgeMode::deliver && e.to == consumer) {
            const model::Node* from = s.find_node(e.from);
            return from && from->kind == model::NodeKind::topic ? from : nullptr;
        }
    return nullptr;
}

/// Whether a worker calls client `client` back (a webhook edge into it).
bool hasWebhookEndpoint(const model::Scenario& s, const std::string& client) {
    for (const auto& e : s.edges)
        if (e.mode == model::EdgeMode::webhook && e.to == client) return true;
    return false;
}

/// A press on a node's port (the dot on its right side) starts a connection.
bool onPort(const NodeItem* item, const QPointF& scenePos) {
    const QPointF local = item->mapFromScene(scenePos);
    return local.x() > NodeItem::width - 14 && std::abs(local.y() - NodeItem::portY) < 14;
}

}  // namespace

CanvasScene::CanvasScene(ScenarioDocument* document, QObject* parent)
    : QGraphicsScene(parent), document_(document), tokens_(new TokenLayer) {
    // Nodes and edges are few and large; the tokens live on their own layer item.
    setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    addItem(tokens_);
    wall_.start();
    wallClock_ = [this] { return double(wall_.nsecsElapsed()) * 1e-9; };
    animation_.setInterval(16);
    connect(&animation_, &QTimer::timeout, this, &CanvasScene::onAnimationTick);
    connect(document_, &ScenarioDocument::changed, this, &CanvasScene::onDocumentChanged);
    connect(this, &QGraphicsScene::selectionChanged, this, &CanvasScene::onSelectionChanged);
    rebuild();
}

// Items removed by ~QGraphicsScene would emit selectionChanged into a half-destroyed
// scene (and its listeners): remove them while this object is whole, silently.
CanvasScene::~CanvasScene() {
    blockSignals(true);
    clear();
}

EdgeItem* CanvasScene::edgeItem(int index) const {
    return index >= 0 && index < int(edges_.size()) ? edges_[index] : nullptr;
}

void CanvasScene::onDocumentChanged(bool structural) {
    if (structural)
        rebuild();
    else
        syncFromDocument();
}

void CanvasScene::rebuild() {
    QStringList selectedNodes;
    for (auto* item : selectedItems())
        if (auto* node = dynamic_cast<NodeItem*>(item)) selectedNodes << node->nodeId();
    syncing_ = true;
    for (auto* edge : edges_) delete edge;
    edges_.clear();
    for (auto* node : std::as_const(nodes_)) delete node;
    nodes_.clear();
    const auto& scenario = document_->scenario();
    for (const auto& node : scenario.nodes) {
        const QString id = QString::fromStdString(node.id);
        auto* item = new NodeItem(id, node.kind);
        item->setNode(node);
        item->setLocked(document_->isLocked(id));
        item->setPos(document_->nodePosition(id));
        addItem(item);
        nodes_.insert(id, item);
        if (selectedNodes.contains(id)) item->setSelected(true);
    }
    for (size_t i = 0; i < scenario.edges.size(); ++i) {
        const auto& edge = scenario.edges[i];
        NodeItem* from = nodes_.value(QString::fromStdString(edge.from));
        NodeItem* to = nodes_.value(QString::fromStdString(edge.to));
        if (!from || !to) continue;  // the validator reports dangling edges; nothing to draw
        auto* item = new EdgeItem(int(i), from, to, edge);
        item->setEdge(edge);
        addItem(item);
        edges_.push_back(item);
    }
    tokens_->clear();
    applyRoutes();
    updateTokenEdges();
    syncing_ = false;
    drawLessonHighlight();
    onSelectionChanged();
}

void CanvasScene::applyRoutes() {
    const auto& scenario = document_->scenario();
    const GraphLayout& layout = layoutCache_.layoutFor(scenario);
    // Where an edge's two nodes are where the automatic layout puts them, it follows the
    // layout's route around the other nodes; elsewhere (a hand-made layout, a node dragged
    // away) it is the straight line between their borders.
    const auto placed = [&](const NodeItem* item) {
        const auto at = layout.positions.find(item->nodeId().toStdString());
        return at != layout.positions.end() && QLineF(at->second, item->pos()).length() < 0.5;
    };
    std::map<std::pair<QString, QString>, KeptRoute> drawn;
    for (auto* edge : edges_) {
        const size_t i = size_t(edge->edgeIndex());
        const std::pair key(edge->fromItem()->nodeId(), edge->toItem()->nodeId());
        const KeptRoute now{{}, edge->fromItem()->sceneBox(), edge->toItem()->sceneBox()};
        const EdgeRoute* route = nullptr;
        if (i < layout.routes.size() && layout.routes[i] && placed(edge->fromItem()) &&
            placed(edge->toItem()))
            route = &*layout.routes[i];
        // An edit the layout reads (a label grew a line) moves the layout's places but not
        // the nodes: the route drawn so far still joins the same two cards and stays.
        else if (const auto kept = keptRoutes_.find(key); kept != keptRoutes_.end() &&
                                                          kept->second.from == now.from &&
                                                          kept->second.to == now.to)
            route = &kept->second.route;
        if (route) {
            edge->setRoute(route->path, route->label);
            drawn[key] = {*route, now.from, now.to};
        } else if (edge->hasRoute()) {
            edge->setRoute({}, {});
        }
    }
    keptRoutes_ = std::move(drawn);
}

void CanvasScene::updateTokenEdges() {
    std::vector<TokenLayer::EdgePath> paths(document_->scenario().edges.size());
    for (auto* edge : edges_)
        if (edge->edgeIndex() < int(paths.size()))
            paths[edge->edgeIndex()] = {
                edge->line(), edge->forwardHop(),
                edge->hasRoute() ? edge->path().toSubpathPolygons().value(0) : QPolygonF()};
    tokens_->setEdges(std::move(paths));
}

void CanvasScene::advanceTokens() {
    lastAdvanceS_ = wallClock_();
    if (!tokens_->advance(lastAdvanceS_)) animation_.stop();
}

void CanvasScene::onAnimationTick() {
    // While frames keep coming (one every ~16 ms) they move the tokens themselves.
    if (wallClock_() - lastAdvanceS_ < 0.025) return;
    advanceTokens();
}

void CanvasScene::syncFromDocument() {
    syncing_ = true;
    const auto& scenario = document_->scenario();
    for (const auto& node : scenario.nodes) {
        const QString id = QString::fromStdString(node.id);
        if (NodeItem* item = nodes_.value(id)) {
            item->setNode(node);
            const QPointF pos = document_->nodePosition(id);
            if (item->pos() != pos) item->setPos(pos);
        }
    }
    for (auto* edge : edges_) {
        if (edge->edgeIndex() < int(scenario.edges.size()))
            edge->setEdge(scenario.edges[edge->edgeIndex()]);
        edge->adjust();
    }
    applyRoutes();
    updateTokenEdges();
    syncing_ = false;
    onSelectionChanged();
}

void CanvasScene::onSelectionChanged() {
    if (syncing_) return;
    const auto selected = selectedItems();
    for (auto* item : selected)
        if (auto* node = dynamic_cast<NodeItem*>(item))
            return emit inspectTarget(node->nodeId(), -1);
    for (auto* item : selected)
        if (auto* edge = dynamic_cast<EdgeItem*>(item))
            return emit inspectTarget(QString(), edge->edgeIndex());
    emit inspectTarget(QString(), -1);
}

void CanvasScene::nodeMoved(NodeItem* item) {
    bool moved = false;
    for (auto* edge : edges_)
        if (edge->fromItem() == item || edge->toItem() == item) {
            edge->adjust();
            moved = true;
        }
    if (moved) updateTokenEdges();
    if (!syncing_) movedDuringDrag_ = true;
}

void CanvasScene::applyFrame(const run::Frame& frame) {
    const auto& scenario = document_->scenario();
    // While an edit is on its way to the engine, frames still describe the old graph.
    if (frame.nodes.size() != scenario.nodes.size() ||
        frame.edges.size() != scenario.edges.size() ||
        int(edges_.size()) != int(scenario.edges.size()))
        return;
    for (size_t i = 0; i < scenario.nodes.size(); ++i) {
        NodeItem* item = nodes_.value(QString::fromStdString(scenario.nodes[i].id));
        if (!item) continue;
        const run::ClientFrame* client =
            scenario.nodes[i].kind == model::NodeKind::client && i < frame.clients.size()
                ? &frame.clients[i]
                : nullptr;
        item->setRunState(frame.nodes[i], client, kernel::to_s(frame.now), frame.report.get());
    }
    for (size_t i = 0; i < edges_.size(); ++i) {
        edges_[i]->setBreaker(frame.edges[i].breaker);
        edges_[i]->setWaitingCalls(frame.edges[i].waiting_calls);
    }
    lastAdvanceS_ = wallClock_();
    tokens_->showFrame(frame, lastAdvanceS_);
    if (tokens_->animatedCount() > 0 && !animation_.isActive()) animation_.start();
}

void CanvasScene::clearRunState() {
    for (auto* node : std::as_const(nodes_)) node->clearRunState();
    for (auto* edge : edges_) {
        edge->setBreaker(run::EdgeFrame::Breaker::none);
        edge->setWaitingCalls(0);
    }
    tokens_->clear();
    animation_.stop();
}

QString CanvasScene::dropNode(model::NodeKind kind, const QPointF& pos) {
    const QString id =
        document_->addNode(kind, pos - QPointF(NodeItem::width / 2, NodeItem::portY));
    clearSelection();
    if (NodeItem* item = nodes_.value(id)) item->setSelected(true);
    emit statusMessage(tr("Added %1 %2").arg(kindTitle(kind).toLower(), id));
    return id;
}

bool CanvasScene::connectByDrag(const QString& from, const QString& to) {
    QString why;
    if (!document_->connectNodes(from, to, &why)) {
        emit statusMessage(why);
        return false;
    }
    const auto& edge = document_->scenario().edges.back();
    emit statusMessage(
        tr("Connected %1 → %2 (%3)").arg(from, to, QString::fromUtf8(model::to_string(edge.mode))));
    return true;
}

void CanvasScene::deleteSelection() {
    QStringList nodeIds;
    QList<int> edgeIndices;
    for (auto* item : selectedItems()) {
        if (auto* node = dynamic_cast<NodeItem*>(item)) nodeIds << node->nodeId();
        if (auto* edge = dynamic_cast<EdgeItem*>(item)) edgeIndices << edge->edgeIndex();
    }
    if (nodeIds.isEmpty() && edgeIndices.isEmpty()) return;
    QString why;
    if (!document_->removeItems(nodeIds, edgeIndices, &why)) emit statusMessage(why);
}

bool CanvasScene::tidyLayout() {
    const GraphLayout& layout = layoutCache_.layoutFor(document_->scenario());
    if (!layout.error.isEmpty()) {
        emit statusMessage(tr("Cannot tidy the layout: %1").arg(layout.error));
        return false;
    }
    document_->setPositions(layout.positions, tr("Tidy layout"));
    emit statusMessage(tr("Laid out by call depth, left to right (Ctrl+Z puts it back)."));
    return true;
}

NodeItem* CanvasScene::nodeAt(const QPointF& scenePos) const {
    for (auto* item : items(scenePos))
        if (auto* node = dynamic_cast<NodeItem*>(item)) return node;
    return nullptr;
}

void CanvasScene::dragEnterEvent(QGraphicsSceneDragDropEvent* event) {
    event->setAccepted(event->mimeData()->hasFormat(nodeKindMimeType()));
}

void CanvasScene::dragMoveEvent(QGraphicsSceneDragDropEvent* event) {
    event->setAccepted(event->mimeData()->hasFormat(nodeKindMimeType()));
}

void CanvasScene::dropEvent(QGraphicsSceneDragDropEvent* event) {
    const auto kind =
        model::parse_node_kind(event->mimeData()->data(nodeKindMimeType()).toStdString());
    if (!kind) return event->ignore();
    dropNode(*kind, event->scenePos());
    event->acceptProposedAction();
}

void CanvasScene::mousePressEvent(QGraphicsSceneMouseEvent* event) {
    ++dragSerial_;
    movedDuringDrag_ = false;
    NodeItem* node = event->button() == Qt::LeftButton ? nodeAt(event->scenePos()) : nullptr;
    if (event->button() == Qt::LeftButton && !node && pickToken(event->scenePos())) {
        event->accept();
        return;
    }
    if (node && ((event->modifiers() & Qt::ShiftModifier) || onPort(node, event->scenePos()))) {
        connectFrom_ = node;
        connectLine_ = addLine(QLineF(node->sceneBoundingRect().center(), event->scenePos()),
                               QPen(QColor(0x21, 0x96, 0xf3), 2, Qt::DashLine));
        connectLine_->setZValue(3);
        event->accept();
        return;
    }
    QGraphicsScene::mousePressEvent(event);
}

bool CanvasScene::pickToken(const QPointF& scenePos) {
    // A token is a few pixels wide: accept a click within about 8 pixels on screen.
    const qreal zoom = views().isEmpty() ? 1.0 : views().first()->transform().m11();
    const auto hop = tokens_->hopAt(scenePos, std::max(TokenLayer::sceneRadius * 1.5, 8 / zoom));
    if (!hop) return false;
    emit tokenPicked(*hop);
    return true;
}

void CanvasScene::mouseMoveEvent(QGraphicsSceneMouseEvent* event) {
    if (connectLine_) {
        connectLine_->setLine(
            QLineF(connectFrom_->sceneBoundingRect().center(), event->scenePos()));
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
    if (!movedDuringDrag_) return;
    // Each step of one drag is a command; they merge into a single undo step.
    QHash<QString, QPointF> positions;
    for (auto* item : selectedItems())
        if (auto* node = dynamic_cast<NodeItem*>(item))
            positions.insert(node->nodeId(), node->pos());
    if (!positions.isEmpty()) document_->moveNodes(positions, dragSerial_);
}

void CanvasScene::mouseReleaseEvent(QGraphicsSceneMouseEvent* event) {
    if (connectLine_) {
        delete connectLine_;
        connectLine_ = nullptr;
        NodeItem* from = connectFrom_;
        connectFrom_ = nullptr;
        NodeItem* to = nodeAt(event->scenePos());
        if (to && to != from) connectByDrag(from->nodeId(), to->nodeId());
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
}

void CanvasScene::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) {
        deleteSelection();
        event->accept();
        return;
    }
    QGraphicsScene::keyPressEvent(event);
}

void CanvasScene::contextMenuEvent(QGraphicsSceneContextMenuEvent* event) {
    NodeItem* node = nodeAt(event->scenePos());
    if (!node) return;
    std::unique_ptr<QMenu> menu(createFaultMenu(node->nodeId()));
    if (!menu->isEmpty()) menu->exec(event->screenPos());
}

QMenu* CanvasScene::createFaultMenu(const QString& nodeId, QWidget* parent) {
    auto* menu = new QMenu(parent);
    const model::Node* node = document_->scenario().find_node(nodeId.toStdString());
    NodeItem* item = nodes_.value(nodeId);
    if (!node || !item) return menu;
    const auto& names = model::fault_kind_names();
    bool any = false;
    for (size_t k = 0; k < names.size(); ++k) {
        const auto kind = static_cast<model::FaultKind>(k);
        if (!model::fault_applies_to(kind, node->kind)) continue;
        if (kind == model::FaultKind::reset) continue;  // its own section below
        if (kind == model::FaultKind::down && node->kind == model::NodeKind::client &&
            !hasWebhookEndpoint(document_->scenario(), node->id))
            continue;  // a client's `down` is its webhook endpoint's
        if (!any) menu->addSection(tr("Faults on %1").arg(nodeId));
        any = true;
        const QString name = QString::fromStdString(names[k]);
        model::Fault fault;
        fault.target = node->id;
        fault.kind = kind;
        QAction* action = nullptr;
        if (item->runState().has_fault(kind)) {
            action = menu->addAction(tr("Heal %1").arg(name));
            connect(action, &QAction::triggered, this,
                    [this, fault] { emit faultRequested(fault, false); });
        } else if (!model::fault_has_strength(kind)) {
            // Nothing to choose but how long: at once, until healed here.
            action = menu->addAction(tr("Inject %1").arg(name));
            connect(action, &QAction::triggered, this,
                    [this, fault] { emit faultRequested(fault, true); });
        } else {
            action = menu->addAction(tr("Inject %1…").arg(name));
            connect(action, &QAction::triggered, this,
                    [this, nodeId, k] { emit faultDialogRequested(nodeId, int(k)); });
        }
        action->setData(name);
    }
    if (any) {
        menu->addSeparator();
        connect(menu->addAction(tr("Fault with strength and duration…")), &QAction::triggered, this,
                [this, nodeId] { emit faultDialogRequested(nodeId, -1); });
        connect(menu->addAction(tr("Schedule a fault in the scenario…")), &QAction::triggered, this,
                [this, nodeId] { emit scheduleFaultRequested(nodeId); });
    }
    if (const model::Node* topic = topicFeeding(document_->scenario(), node->id)) {
        // Reset the group's offsets: a live action, recorded like a fault injection.
        menu->addSection(tr("Offsets of %1 in %2").arg(nodeId, QString::fromStdString(topic->id)));
        const bool history = topic->retention_ms || topic->retention_messages;
        auto reset = [&](const QString& text, model::StartOffset to, bool enabled) {
            model::Fault fault;
            fault.target = node->id;
            fault.kind = model::FaultKind::reset;
            fault.to = to;
            QAction* action = menu->addAction(text);
            action->setEnabled(enabled);
            connect(action, &QAction::triggered, this,
                    [this, fault] { emit faultRequested(fault, true); });
        };
        reset(history ? tr("Reset to earliest (replay the retained log)")
                      : tr("Reset to earliest (the topic keeps no history)"),
              model::StartOffset::earliest, history);
        reset(tr("Reset to latest (skip what is unread)"), model::StartOffset::latest, true);
    }
    if (node->kind == model::NodeKind::dlq) {
        menu->addSection(tr("Dead letters in %1").arg(nodeId));
        const auto held = item->runState().dead_letters;
        QAction* redrive = menu->addAction(held == 1 ? tr("Redrive 1 dead letter")
                                                     : tr("Redrive %1 dead letters").arg(held));
        redrive->setEnabled(held > 0);
        connect(redrive, &QAction::triggered, this,
                [this, nodeId] { emit redriveRequested(nodeId); });
    }
    return menu;
}

void CanvasScene::highlightNode(const QString& id) {
    NodeItem* item = nodes_.value(id);
    if (!item) return;
    clearSelection();
    item->setSelected(true);  // the inspector and the node chart follow the selection
    // A ring that fades out: selection alone is a thin outline, easy to miss on a projector.
    auto* ring = addRect(item->sceneBoundingRect().adjusted(-8, -8, 8, 8),
                         QPen(QColor(0xff, 0xa0, 0x00), 6));
    ring->setZValue(10);
    auto* fade = new QVariantAnimation(this);
    fade->setDuration(1600);
    fade->setStartValue(1.0);
    fade->setEndValue(0.0);
    connect(fade, &QVariantAnimation::valueChanged, this, [this, ring](const QVariant& v) {
        if (items().contains(ring)) ring->setOpacity(v.toDouble());
    });
    connect(fade, &QVariantAnimation::finished, this, [this, ring] {
        if (items().contains(ring)) {
            removeItem(ring);
            delete ring;
        }
    });
    fade->start(QAbstractAnimation::DeleteWhenStopped);
    // Scroll only when the node is out of sight: a graph that fits stays where it is.
    for (QGraphicsView* view : views()) {
        const QRectF shown = view->mapToScene(view->viewport()->rect()).boundingRect();
        if (!shown.contains(item->sceneBoundingRect())) view->centerOn(item);
    }
}

namespace {
/// Marks the rings of a lesson step, so that they can be found and replaced.
constexpr int lessonRingKey = 0x5e55;
}  // namespace

void CanvasScene::setLessonHighlight(const QStringList& ids) {
    lessonHighlight_ = ids;
    drawLessonHighlight();
    // Scroll as little as needed to bring the ringed nodes into sight.
    QRectF ringed;
    for (const QString& id : ids)
        if (NodeItem* item = nodes_.value(id)) ringed |= item->sceneBoundingRect();
    if (ringed.isNull()) return;
    for (QGraphicsView* view : views()) view->ensureVisible(ringed, 24, 24);
}

void CanvasScene::drawLessonHighlight() {
    for (auto* node : std::as_const(nodes_))
        for (QGraphicsItem* child : node->childItems())
            if (child->data(lessonRingKey).toBool()) delete child;
    for (const QString& id : std::as_const(lessonHighlight_)) {
        NodeItem* item = nodes_.value(id);
        if (!item) continue;
        // The same orange as highlightNode's ring, but steady: it marks what the step is about.
        auto* ring = new QGraphicsRectItem(item->boundingRect().adjusted(-7, -7, 7, 7), item);
        ring->setPen(QPen(QColor(0xff, 0xa0, 0x00), 5));
        ring->setData(lessonRingKey, true);
        ring->setAcceptedMouseButtons(Qt::NoButton);  // clicks go to the node
    }
}

}  // namespace flowlab::ui
