#include "canvas/node_item.hpp"

#include <QCoreApplication>
#include <QGraphicsScene>
#include <QPainter>
#include <QPainterPath>
#include <QStyleOptionGraphicsItem>
#include <algorithm>
#include <cmath>

#include "canvas/canvas_scene.hpp"
#include "canvas/node_style.hpp"

namespace flowlab::ui {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("NodeItem", text); }

/// Cells for up to this many threads; beyond it a stacked bar with counts stays readable.
constexpr int maxCells = 32;

/// Text sizes: the canvas is usually zoomed out to fit a lesson (to 0.6 at least), where
/// 8.5 pt body text is still about 7 pixels high. Lines are short enough to fit a node.
constexpr qreal titlePoints = 10;
constexpr qreal bodyPoints = 8.5;
constexpr qreal headerHeight = 24;
constexpr qreal lineHeight = 13;

/// One line of body text, cut with an ellipsis rather than spilling out of the node.
void drawLine(QPainter* p, const QRectF& area, int line, const QString& text, Qt::Alignment align = Qt::AlignLeft) {
    const QRectF box(area.left(), area.top() + line * lineHeight, area.width(), lineHeight);
    p->drawText(box, align | Qt::AlignVCenter, p->fontMetrics().elidedText(text, Qt::ElideRight, int(area.width())));
}

void paintCells(QPainter* p, const QRectF& area, int total, const std::vector<QColor>& colors) {
    const int perRow = 16;
    const qreal cell = std::min<qreal>(10.0, (area.width() - 2) / perRow);
    for (int i = 0; i < total; ++i) {
        QRectF r(area.left() + (i % perRow) * cell, area.top() + (i / perRow) * cell, cell - 1.5, cell - 1.5);
        p->fillRect(r, colors[i]);
    }
}

void paintStackedBar(QPainter* p, const QRectF& area, const std::vector<std::pair<double, QColor>>& parts) {
    double sum = 0;
    for (const auto& part : parts) sum += part.first;
    qreal x = area.left();
    for (const auto& part : parts) {
        const qreal w = sum > 0 ? area.width() * part.first / sum : 0;
        p->fillRect(QRectF(x, area.top(), w, area.height()), part.second);
        x += w;
    }
    p->setPen(QColor(0x90, 0x90, 0x90));
    p->setBrush(Qt::NoBrush);
    p->drawRect(area);
}

}  // namespace

NodeItem::NodeItem(const QString& id, model::NodeKind kind) : id_(id), kind_(kind) {
    node_.id = id.toStdString();
    node_.kind = kind;
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
    setZValue(1);
}

void NodeItem::setNode(const model::Node& node) {
    node_ = node;
    setToolTip(QStringLiteral("%1 (%2)").arg(id_, kindTitle(kind_)));
    update();
}

void NodeItem::setRunState(const run::NodeFrame& state, const run::ClientFrame* client, double now_s) {
    hasState_ = true;
    frameNow_ = now_s;
    state_ = state;
    hasClient_ = client != nullptr;
    if (client) client_ = *client;
    update();
}

void NodeItem::clearRunState() {
    hasState_ = false;
    hasClient_ = false;
    state_ = {};
    update();
}

QRectF NodeItem::boundingRect() const { return QRectF(-3, -3, width + 11, height + 6); }

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant& value) {
    if (change == ItemPositionHasChanged)
        if (auto* canvas = qobject_cast<CanvasScene*>(scene())) canvas->nodeMoved(this);
    return QGraphicsItem::itemChange(change, value);
}

void NodeItem::paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget*) {
    const QRectF box(0, 0, width, height);
    const QColor color = kindColor(kind_);
    const bool faulted = hasState_ && !state_.faults.empty();
    const bool flash = hasState_ && kind_ == model::NodeKind::dlq && state_.dead_letter_arrived;
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(QPen(isSelected() ? QColor(0x21, 0x96, 0xf3) : (faulted ? failureColor() : color.darker(130)),
                   isSelected() || faulted ? 3 : 1.5));
    p->setBrush(flash ? QColor(0xff, 0xcd, 0xd2) : QColor(Qt::white));
    p->drawRoundedRect(box, 6, 6);
    // Header: the kind's colour, the node's name.
    QPainterPath header;
    header.addRoundedRect(QRectF(0, 0, width, headerHeight), 6, 6);
    header.addRect(QRectF(0, headerHeight / 2, width, headerHeight / 2));
    header.setFillRule(Qt::WindingFill);  // union of the two shapes, not their XOR
    p->fillPath(header.simplified(), color);
    p->setPen(Qt::white);
    QFont font = p->font();
    font.setPointSizeF(titlePoints);
    font.setBold(true);
    p->setFont(font);
    const QString title = node_.label.empty() ? id_ : QString::fromStdString(node_.label);
    p->drawText(QRectF(6, 0, width - 12, headerHeight), Qt::AlignVCenter | Qt::AlignLeft,
                p->fontMetrics().elidedText(title, Qt::ElideRight, int(width - 12)));
    // The port: drag from it (or shift-drag the node) to connect. Leaves have none.
    if (kind_ != model::NodeKind::database && kind_ != model::NodeKind::dlq) {
        p->setPen(QPen(Qt::white, 1.5));
        p->setBrush(color);
        p->drawEllipse(QPointF(width, height / 2), 6, 6);
    }
    // Zoomed far out, the name is all that can be read.
    if (option->levelOfDetailFromTransform(p->worldTransform()) < 0.45) return;

    font.setBold(false);
    font.setPointSizeF(bodyPoints);
    p->setFont(font);
    const QRectF body(6, headerHeight + 4, width - 14, height - headerHeight - 8);
    switch (kind_) {
        case model::NodeKind::service:
        case model::NodeKind::database: paintThreads(p, body); break;
        case model::NodeKind::queue: paintQueue(p, body); break;
        case model::NodeKind::topic: paintTopic(p, body); break;
        case model::NodeKind::consumer: paintConsumer(p, body); break;
        case model::NodeKind::client: paintClient(p, body); break;
        case model::NodeKind::dlq: paintDlq(p, body); break;
    }
    if (faulted) {
        QStringList faults;
        for (const auto& f : state_.faults) {
            QString text = QString::fromLatin1(model::to_string(f.kind));
            if (!f.detail.empty()) text += QLatin1Char(' ') + QString::fromStdString(f.detail);
            if (f.ends_s >= 0 && frameNow_ >= 0)
                text += tr(", %1 s left").arg(std::max(0.0, f.ends_s - frameNow_), 0, 'f', 0);
            faults << text;
        }
        const QRectF banner(0, height - 14, width, 14);
        p->fillRect(banner.adjusted(1, 0, -1, -1), failureColor());
        p->setPen(Qt::white);
        font.setBold(true);
        p->setFont(font);
        p->drawText(banner, Qt::AlignCenter, tr("FAULT: %1").arg(faults.join(QStringLiteral(", "))));
    }
}

void NodeItem::paintThreads(QPainter* p, const QRectF& area) const {
    const bool database = kind_ == model::NodeKind::database;
    const int threads = hasState_ ? state_.threads : node_.threads;
    const int working = hasState_ ? state_.working : 0;
    const int blocked = hasState_ ? state_.blocked : 0;
    const int idle = std::max(0, threads - working - blocked);
    // Two rows of 16 cells at most (20 px), or a 12 px bar.
    const QRectF cells(area.left(), area.top(), area.width(), 20);
    if (threads <= maxCells) {
        std::vector<QColor> colors;
        for (int i = 0; i < threads; ++i)
            colors.push_back(i < working ? workingColor() : i < working + blocked ? blockedColor() : idleColor());
        paintCells(p, cells, threads, colors);
    } else {
        paintStackedBar(p, QRectF(cells.left(), cells.top() + 4, cells.width(), 12),
                        {{working, workingColor()}, {blocked, blockedColor()}, {idle, idleColor()}});
    }
    const QRectF text(area.left(), area.top() + 22, area.width(), area.height() - 22);
    p->setPen(Qt::black);
    const QString what = database ? tr("connections") : tr("threads");
    drawLine(p, text, 0, hasState_ ? tr("%1 %2, %3 idle").arg(threads).arg(what).arg(idle) : tr("%1 %2").arg(threads).arg(what));
    if (hasState_) drawLine(p, text, 1, tr("%1 working, %2 blocked").arg(working).arg(blocked));
    QString backlog;
    if (hasState_)
        backlog = node_.backlog ? tr("waiting: %1 of %2").arg(state_.backlog).arg(*node_.backlog) : tr("waiting: %1").arg(state_.backlog);
    else
        backlog = node_.backlog ? tr("backlog limit %1").arg(*node_.backlog) : tr("backlog unbounded");
    p->setPen(hasState_ && state_.backlog > 0 ? QColor(0xb7, 0x1c, 0x1c) : QColor(0x40, 0x40, 0x40));
    drawLine(p, text, hasState_ ? 2 : 1, backlog);
}

void NodeItem::paintQueue(QPainter* p, const QRectF& area) const {
    const qint64 depth = hasState_ ? state_.depth : 0;
    // With a capacity the bar is its share; without, a log scale keeps 10 and 10k apart.
    double share = node_.capacity ? double(depth) / std::max<qint64>(1, *node_.capacity)
                                  : std::log10(1.0 + double(depth)) / 5.0;
    share = std::clamp(share, 0.0, 1.0);
    const QRectF bar(area.left(), area.top() + 4, area.width(), 14);
    p->fillRect(bar, idleColor());
    p->fillRect(QRectF(bar.left(), bar.top(), bar.width() * share, bar.height()), kindColor(kind_));
    p->setPen(Qt::black);
    const QRectF text(area.left(), area.top() + 22, area.width(), area.height() - 22);
    drawLine(p, text, 0, tr("depth: %1").arg(depth) + (node_.capacity ? tr(" / %1").arg(*node_.capacity) : tr(" (unbounded)")));
    drawLine(p, text, 1, node_.delivery == model::Delivery::fifo ? tr("FIFO") : tr("unordered"));
}

void NodeItem::paintTopic(QPainter* p, const QRectF& area) const {
    const int partitions = std::max(1, node_.partitions);
    std::vector<std::int64_t> lag(partitions, 0);
    if (hasState_)
        for (size_t i = 0; i < state_.partition_lag.size() && i < lag.size(); ++i) lag[i] = state_.partition_lag[i];
    const std::int64_t maxLag = std::max<std::int64_t>(1, *std::max_element(lag.begin(), lag.end()));
    const int shown = std::min(partitions, 24);
    const qreal w = area.width() / shown;
    const QRectF bars(area.left(), area.top(), area.width(), 30);
    for (int i = 0; i < shown; ++i) {
        const qreal h = bars.height() * double(lag[i]) / double(maxLag);
        p->fillRect(QRectF(bars.left() + i * w, bars.bottom() - bars.height(), w - 2, bars.height()), idleColor());
        p->fillRect(QRectF(bars.left() + i * w, bars.bottom() - h, w - 2, h), kindColor(kind_));
    }
    p->setPen(Qt::black);
    QString text = tr("%1 partitions, lag %2").arg(partitions).arg(hasState_ ? state_.depth : 0);
    if (shown < partitions) text += tr(" (first %1 shown)").arg(shown);
    drawLine(p, QRectF(area.left(), area.top() + 34, area.width(), lineHeight * 2), 0, text);
}

void NodeItem::paintConsumer(QPainter* p, const QRectF& area) const {
    const int instances = hasState_ ? state_.instances : node_.concurrency;
    const int busy = hasState_ ? state_.busy : 0;
    const QRectF cells(area.left(), area.top(), area.width(), 20);
    if (instances <= maxCells) {
        std::vector<QColor> colors;
        for (int i = 0; i < instances; ++i) colors.push_back(i < busy ? workingColor() : idleColor());
        paintCells(p, cells, instances, colors);
    } else {
        paintStackedBar(p, QRectF(cells.left(), cells.top() + 4, cells.width(), 12),
                        {{busy, workingColor()}, {instances - busy, idleColor()}});
    }
    p->setPen(Qt::black);
    // A paused consumer has no instances running; "0 of 0 busy" would read as a bug.
    const bool paused = hasState_ && state_.has_fault(model::FaultKind::pause);
    drawLine(p, QRectF(area.left(), area.top() + 22, area.width(), lineHeight), 0,
             paused && instances == 0 ? tr("paused: takes no messages")
                                      : tr("%1 of %2 instances busy").arg(busy).arg(instances));
}

void NodeItem::paintClient(QPainter* p, const QRectF& area) const {
    p->setPen(Qt::black);
    drawLine(p, area, 0, tr("%1 requests/s").arg(node_.rate_per_s));
    if (!hasClient_) return;
    drawLine(p, area, 1, tr("sent: %1").arg(client_.requests_total));
    if (client_.ok_per_s + client_.failed_per_s > 0) {
        const double availability = client_.availability * 100.0;
        p->setPen(availability < 99.0 ? failureColor() : workingColor().darker(130));
        drawLine(p, area, 2, tr("ok: %1%  p99: %2 ms").arg(availability, 0, 'f', 2).arg(client_.p99_ms, 0, 'f', 1));
    } else if (client_.requests_total > 0) {
        // The engine reports 100% when nothing finished: say what really happened.
        p->setPen(blockedColor().darker(140));
        drawLine(p, area, 2, tr("none finished lately"));
    }
    std::uint64_t failed = 0;
    for (auto n : client_.failed_by_reason) failed += n;
    p->setPen(failed ? failureColor() : QColor(0x40, 0x40, 0x40));
    drawLine(p, area, 3, tr("failed so far: %1").arg(failed));
}

void NodeItem::paintDlq(QPainter* p, const QRectF& area) const {
    p->setPen(hasState_ && state_.dead_letters > 0 ? failureColor() : QColor(Qt::black));
    QFont font = p->font();
    font.setPointSizeF(12);
    font.setBold(true);
    p->setFont(font);
    p->drawText(QRectF(area.left(), area.top(), area.width(), 30), Qt::AlignCenter,
                QString::number(hasState_ ? state_.dead_letters : 0));
    font.setPointSizeF(bodyPoints);
    font.setBold(false);
    p->setFont(font);
    drawLine(p, QRectF(area.left(), area.top() + 30, area.width(), lineHeight), 0, tr("dead letters"), Qt::AlignHCenter);
}

}  // namespace flowlab::ui
