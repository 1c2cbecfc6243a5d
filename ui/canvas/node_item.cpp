#include "canvas/node_item.hpp"

#include <QGraphicsScene>
#include <algorithm>

#include "canvas/canvas_scene.hpp"
#include "canvas/node_metrics.hpp"
#include "canvas/node_style.hpp"

namespace flowlab::ui {

using namespace node_metrics;

namespace {

int cellCount(const model::Node& node) {
    if (node.kind == model::NodeKind::consumer)
        return std::max(node.concurrency, node.autoscale ? node.autoscale->max : 0);
    return model::server_threads(node);  // an event loop draws its one loop
}

}  // namespace

NodeItem::NodeItem(const QString& id, model::NodeKind kind) : id_(id), kind_(kind) {
    node_.id = id.toStdString();
    node_.kind = kind;
    height_ = heightFor(node_);
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
    setZValue(1);
    // Tokens move over the nodes every frame; most nodes look the same from one frame to
    // the next, and a cached picture costs far less than their text.
    setCacheMode(DeviceCoordinateCache);
    look_ = computeLook();
}

qreal NodeItem::pictureHeight(const model::Node& node) {
    switch (node.kind) {
        case model::NodeKind::client: return 0;
        case model::NodeKind::service:
        case model::NodeKind::database:
        case model::NodeKind::read_model:
        case model::NodeKind::orchestrator:
        case model::NodeKind::consumer: {
            const int n = cellCount(node);
            return n <= cellsPerRow ? cellRowHeight
                   : n <= maxCells  ? 2 * cellRowHeight
                                    : stackedBarHeight;
        }
        case model::NodeKind::queue: return queueBarHeight;
        case model::NodeKind::topic:
            return partitionRowHeight * std::clamp(node.partitions, 1, maxPartitionRows) +
                   (node.retention_ms || node.retention_messages ? logStripHeight : 0);
        case model::NodeKind::dlq: return dlqCountHeight;
        case model::NodeKind::cache:
        case model::NodeKind::rate_limiter: return queueBarHeight;
    }
    return 0;
}

qreal NodeItem::compactPictureHeight(const model::Node& node) {
    switch (node.kind) {
        case model::NodeKind::service:
        case model::NodeKind::database:
        case model::NodeKind::read_model:
        case model::NodeKind::orchestrator:
        case model::NodeKind::consumer:
            // Up to 32 cells in one row; beyond, the stacked bar.
            return std::min(pictureHeight(node), std::max(cellRowHeight, stackedBarHeight));
        case model::NodeKind::queue:
        case model::NodeKind::cache:
        case model::NodeKind::rate_limiter: return compactBarHeight;
        case model::NodeKind::topic:
            // A retained log keeps its rows: each group's offset is the picture's point.
            if (node.retention_ms || node.retention_messages) return pictureHeight(node);
            return compactBarHeight * std::clamp(node.partitions, 1, maxPartitionRows);
        case model::NodeKind::client:
        case model::NodeKind::dlq: return pictureHeight(node);
    }
    return 0;
}

qreal NodeItem::heightFor(const model::Node& node) {
    const NodeLineBudget budget = nodeLineBudget(node);
    const qreal picture = pictureHeight(node);
    return headerHeight + padding + picture + (picture > 0 ? padding : 0) +
           (budget.lines - budget.largeLines) * lineHeight + budget.largeLines * largeLineHeight +
           bannerHeight + 3;
}

namespace {
QString nodeTip(const QString& id, model::NodeKind kind, bool locked) {
    const QString what = QStringLiteral("%1 (%2)").arg(id, kindTitle(kind));
    if (!locked) return what;
    return QObject::tr(
               "%1, locked by the challenge: move or relabel it; its parameters stay "
               "as given")
        .arg(what);
}
}  // namespace

void NodeItem::setNode(const model::Node& node) {
    node_ = node;
    const qreal height = heightFor(node_);
    if (height != height_) {
        prepareGeometryChange();
        height_ = height;
        if (auto* canvas = qobject_cast<CanvasScene*>(scene())) canvas->nodeMoved(this);
    }
    setToolTip(nodeTip(id_, kind_, locked_));
    refreshLook(true);
}

void NodeItem::setLocked(bool locked) {
    if (locked == locked_) return;
    locked_ = locked;
    setToolTip(nodeTip(id_, kind_, locked_));
    update();
}

void NodeItem::setRunState(const run::NodeFrame& state, const run::ClientFrame* client,
                           double now_s, const boost::json::object* report) {
    hasState_ = true;
    frameNow_ = now_s;
    state_ = state;
    hasClient_ = client != nullptr;
    if (client) client_ = *client;
    if (report) figures_ = readNodeFigures(*report, node_);
    refreshLook(false);
}

void NodeItem::clearRunState() {
    hasState_ = false;
    hasClient_ = false;
    state_ = {};
    figures_ = {};
    refreshLook(true);
}

NodeItem::Look NodeItem::computeLook() const {
    Look look;
    look.lines =
        nodeLines(node_, hasState_ ? &state_ : nullptr, hasClient_ ? &client_ : nullptr, figures_);
    look.banner = hasState_ ? faultBannerText(state_, frameNow_) : QString();
    look.bannerBrief = hasState_ ? faultBannerBrief(state_, frameNow_) : QString();
    look.cells = computeCells();
    look.shares = computeShares();
    if (hasState_) {
        look.lags = state_.partition_lag;
        look.depth = state_.depth;
        look.deadLetters = state_.dead_letters;
        look.flash = kind_ == model::NodeKind::dlq && state_.dead_letter_arrived;
        look.faulted = !state_.faults.empty();
    }
    return look;
}

void NodeItem::refreshLook(bool force) {
    Look look = computeLook();
    if (!force && look == look_) return;
    look_ = std::move(look);
    update();
}

std::vector<NodeItem::Cell> NodeItem::computeCells() const {
    std::vector<Cell> out;
    if (kind_ == model::NodeKind::consumer) {
        const int instances = hasState_ ? state_.instances : node_.concurrency;
        const int busy = hasState_ ? state_.busy : 0;
        for (int i = 0; i < instances; ++i)
            out.push_back(hasState_ && state_.crashed ? Cell::down
                          : i < busy                  ? Cell::working
                                                      : Cell::idle);
        // The autoscaler's room to grow: instances it may still start.
        if (node_.autoscale)
            for (int i = instances; i < node_.autoscale->max; ++i) out.push_back(Cell::absent);
        return out;
    }
    if (!model::serves_calls(kind_)) return out;
    const int threads = hasState_ ? state_.threads : model::server_threads(node_);
    const int working = hasState_ ? state_.working : 0;
    const int blocked = hasState_ ? state_.blocked : 0;
    // A hung node answers nothing until it heals, so none of its working threads is
    // making progress a caller will see (node_text.cpp says the same in words).
    const Cell busy =
        hasState_ && state_.has_fault(model::FaultKind::hang) ? Cell::hung : Cell::working;
    for (int i = 0; i < threads; ++i)
        out.push_back(i < working ? busy : i < working + blocked ? Cell::blocked : Cell::idle);
    return out;
}

std::vector<double> NodeItem::computeShares() const {
    std::vector<double> out;
    if (kind_ != model::NodeKind::topic) return out;
    const int partitions = std::max(1, node_.partitions);
    const qint64 scale = topicBarScale(node_);
    const int rows = std::min(partitions, maxPartitionRows);
    for (int i = 0; i < rows; ++i) {
        const std::int64_t lag =
            hasState_ && i < int(state_.partition_lag.size()) ? state_.partition_lag[i] : 0;
        out.push_back(partitionBarShare(lag, scale));
    }
    return out;
}

QRectF NodeItem::boundingRect() const { return QRectF(-3, -3, width + 11, height_ + 6); }

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant& value) {
    if (change == ItemPositionHasChanged)
        if (auto* canvas = qobject_cast<CanvasScene*>(scene())) canvas->nodeMoved(this);
    return QGraphicsItem::itemChange(change, value);
}

}  // namespace flowlab::ui
