// How a node draws itself: the card, its picture (cells, bars, the dead-letter count),
// its lines of text and its fault banner, all from the look NodeItem keeps.

#include <QPainter>
#include <QPainterPath>
#include <QStyleOptionGraphicsItem>
#include <algorithm>
#include <cmath>

#include "canvas/node_item.hpp"
#include "canvas/node_metrics.hpp"
#include "canvas/node_style.hpp"
#include "canvas/node_text_layout.hpp"
#include "theme/appearance.hpp"

namespace flowlab::ui {

using namespace node_metrics;

namespace {

QColor toneColor(NodeLine::Tone tone) {
    const ThemeColors& colors = themeColors();
    switch (tone) {
        case NodeLine::Tone::normal: return colors.nodeText;
        case NodeLine::Tone::muted: return colors.nodeMuted;
        case NodeLine::Tone::good: return colors.good;
        case NodeLine::Tone::warning: return colors.warning;
        case NodeLine::Tone::alarm: return colors.alarm;
    }
    return colors.nodeText;
}

QColor cellColor(NodeItem::Cell cell) {
    switch (cell) {
        case NodeItem::Cell::idle: return idleColor();
        case NodeItem::Cell::working: return workingColor();
        case NodeItem::Cell::blocked: return blockedColor();
        case NodeItem::Cell::hung: return hungColor();
        case NodeItem::Cell::down:
        case NodeItem::Cell::absent: return Qt::white;
    }
    return Qt::gray;
}

void paintStackedBar(QPainter* p, const QRectF& area,
                     const std::vector<std::pair<double, QColor>>& parts) {
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

NodeTextInput NodeItem::textInput() const {
    NodeTextInput input;
    input.name = node_.label.empty() ? id_ : QString::fromStdString(node_.label);
    input.width = width;
    input.height = height_;
    input.pictureHeight = pictureHeight(node_);
    input.compactPictureHeight = compactPictureHeight(node_);
    input.lockWidth = locked_ ? 18 : 0;
    input.lines = &look_.lines;
    input.banner = look_.banner;
    input.bannerBrief = look_.bannerBrief;
    return input;
}

NodeTextLayout NodeItem::textLayout(qreal zoom) const {
    return layoutNodeText(textInput(), zoom, TextTarget::current());
}

void NodeItem::paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget*) {
    const QRectF box(0, 0, width, height_);
    const QColor color = kindColor(kind_);
    const bool faulted = look_.faulted;
    const bool flash = look_.flash;
    p->setRenderHint(QPainter::Antialiasing);
    const ThemeColors& colors = themeColors();
    // The words take the size the reader needs at this zoom (node_text_layout.hpp).
    const qreal zoom = option->levelOfDetailFromTransform(p->worldTransform());
    const NodeTextLayout layout = textLayout(zoom);
    const qreal header = layout.headerHeight;
    p->setPen(QPen(
        isSelected() ? QColor(0x21, 0x96, 0xf3) : (faulted ? failureColor() : color.darker(130)),
        isSelected() || faulted ? 3 : colors.outline));
    p->setBrush(flash ? QColor(0xff, 0xcd, 0xd2) : colors.nodeFill);
    p->drawRoundedRect(box, 6, 6);
    // Header: the kind's colour, the node's name.
    QPainterPath headerShape;
    headerShape.addRoundedRect(QRectF(0, 0, width, header), 6, 6);
    headerShape.addRect(QRectF(0, header / 2, width, header / 2));
    headerShape.setFillRule(Qt::WindingFill);  // union of the two shapes, not their XOR
    p->fillPath(headerShape.simplified(), color);
    if (locked_) paintLock(p, QRectF(width - 24, 0, 18, header));
    // The port: drag from it (or shift-drag the node) to connect. Leaves have none.
    if (kind_ != model::NodeKind::database && kind_ != model::NodeKind::dlq &&
        kind_ != model::NodeKind::read_model) {
        p->setPen(QPen(Qt::white, 1.5));
        p->setBrush(color);
        p->drawEllipse(QPointF(width, portY), 6, 6);
    }
    const QRectF pictureArea = nodePictureArea(textInput(), header, layout.compact);
    if (zoom >= namesOnlyZoom && layout.picture) {
        switch (kind_) {
            case model::NodeKind::service:
            case model::NodeKind::database:
            case model::NodeKind::read_model:
            case model::NodeKind::orchestrator:
            case model::NodeKind::consumer: paintCells(p, pictureArea); break;
            case model::NodeKind::queue: paintQueue(p, pictureArea); break;
            case model::NodeKind::topic:
                if (node_.retention_ms || node_.retention_messages) {
                    const QRectF log(pictureArea.left(), pictureArea.bottom() - logStripHeight,
                                     pictureArea.width(), logStripHeight);
                    paintPartitions(p, pictureArea.adjusted(0, 0, 0, -logStripHeight));
                    paintLog(p, log);
                } else {
                    paintPartitions(p, pictureArea);
                }
                break;
            case model::NodeKind::dlq: paintDlq(p, pictureArea, layout); break;
            case model::NodeKind::cache:
            case model::NodeKind::rate_limiter: paintProxyBar(p, pictureArea); break;
            case model::NodeKind::client: break;
        }
    }
    for (const NodeTextRun& run : layout.runs) {
        if (run.role == NodeTextRun::Role::banner) paintBanner(p, run);
        p->setFont(run.font);
        p->setPen(run.role == NodeTextRun::Role::title || run.role == NodeTextRun::Role::banner
                      ? QColor(Qt::white)
                      : toneColor(run.tone));
        p->drawText(run.box, run.align | Qt::AlignVCenter, run.text);
    }
}

void NodeItem::paintLock(QPainter* p, const QRectF& area) const {
    // A body 12 x 9 with a shackle above it, centred in `area`.
    const QRectF body(area.center().x() - 6, area.center().y() - 2, 12, 9);
    p->save();
    p->setPen(QPen(Qt::white, 2));
    p->setBrush(Qt::NoBrush);
    p->drawArc(QRectF(body.left() + 2.5, body.top() - 6, 7, 10), 0, 180 * 16);
    p->setPen(Qt::NoPen);
    p->setBrush(Qt::white);
    p->drawRoundedRect(body, 1.5, 1.5);
    p->restore();
}

void NodeItem::paintCells(QPainter* p, const QRectF& area) const {
    const std::vector<Cell>& all = look_.cells;
    const int total = int(all.size());
    if (total > maxCells) {
        double working = 0, blocked = 0, hung = 0, idle = 0;
        for (Cell c : all) {
            working += c == Cell::working;
            blocked += c == Cell::blocked;
            hung += c == Cell::hung || c == Cell::down;
            idle += c == Cell::idle || c == Cell::absent;
        }
        paintStackedBar(p, QRectF(area.left(), area.top(), area.width(), stackedBarHeight),
                        {{working, workingColor()},
                         {hung, hungColor()},
                         {blocked, blockedColor()},
                         {idle, idleColor()}});
        return;
    }
    // As many rows as the area holds (a compact card has one), the cells spread over them.
    const int rows = std::max(1, int(area.height() / cellRowHeight + 0.01));
    const int perRow = std::max(cellsPerRow, (total + rows - 1) / rows);
    const qreal pitch = area.width() / perRow;
    const qreal side = std::min(pitch, cellRowHeight) - 1.5;
    for (int i = 0; i < total; ++i) {
        const QRectF r(area.left() + (i % perRow) * pitch,
                       area.top() + (i / perRow) * cellRowHeight, side, side);
        switch (all[i]) {
            case Cell::down:
                // A crashed instance: an empty red frame, nothing running in it.
                p->setPen(QPen(failureColor(), 1.5));
                p->setBrush(Qt::NoBrush);
                p->drawRect(r.adjusted(0.75, 0.75, -0.75, -0.75));
                break;
            case Cell::absent:
                p->setPen(QPen(idleColor().darker(125), 1, Qt::DotLine));
                p->setBrush(Qt::NoBrush);
                p->drawRect(r.adjusted(0.5, 0.5, -0.5, -0.5));
                break;
            case Cell::hung:
                // Hatched as well as coloured: a stuck thread must not pass for a busy one,
                // even on a projector that washes colours out.
                p->fillRect(r, hungColor());
                p->fillRect(r, QBrush(Qt::white, Qt::BDiagPattern));
                break;
            default: p->fillRect(r, cellColor(all[i])); break;
        }
    }
}

void NodeItem::paintQueue(QPainter* p, const QRectF& area) const {
    const qint64 depth = hasState_ ? state_.depth : 0;
    // With a capacity the bar is its share; without, a log scale keeps 10 and 10k apart.
    double share = node_.capacity ? double(depth) / std::max<qint64>(1, *node_.capacity)
                                  : std::log10(1.0 + double(depth)) / 5.0;
    share = std::clamp(share, 0.0, 1.0);
    p->fillRect(area, idleColor());
    p->fillRect(QRectF(area.left(), area.top(), area.width() * share, area.height()),
                kindColor(kind_));
}

void NodeItem::paintProxyBar(QPainter* p, const QRectF& area) const {
    double share = 0;
    QColor fill = kindColor(kind_);
    if (hasState_ && kind_ == model::NodeKind::cache) {
        share = std::max(0.0, state_.hit_ratio);
        fill = workingColor();  // the same green as useful work
    } else if (hasState_) {
        share = std::max(0.0, state_.tokens) / double(std::max<std::int64_t>(1, node_.burst));
    }
    p->fillRect(area, idleColor());
    p->fillRect(
        QRectF(area.left(), area.top(), area.width() * std::clamp(share, 0.0, 1.0), area.height()),
        fill);
    p->setPen(QColor(0x90, 0x90, 0x90));
    p->setBrush(Qt::NoBrush);
    p->drawRect(area);
}

void NodeItem::paintPartitions(QPainter* p, const QRectF& area) const {
    const std::vector<double>& shares = look_.shares;
    const int partitions = std::max(1, node_.partitions);
    QFont font = p->font();
    font.setPointSizeF(bodyPoints);
    font.setBold(false);
    p->setFont(font);
    const QFontMetricsF metrics(font);
    // A compact card's rows are thinner: bars only, no words (too small to read there).
    const qreal rowHeight =
        shares.empty() ? partitionRowHeight : area.height() / qreal(shares.size());
    const bool words = rowHeight >= partitionRowHeight - 0.5;
    const qreal labelWidth = words ? metrics.horizontalAdvance(QStringLiteral("P0")) + 4 : 0;
    const qreal numberWidth = words ? metrics.horizontalAdvance(QStringLiteral("00000")) + 4 : 0;
    for (int i = 0; i < int(shares.size()); ++i) {
        const QRectF row(area.left(), area.top() + i * rowHeight, area.width(), rowHeight);
        // The last row stands for every partition that has no row of its own.
        const bool summary = i == maxPartitionRows - 1 && partitions > maxPartitionRows;
        std::int64_t lag =
            i < int(state_.partition_lag.size()) && hasState_ ? state_.partition_lag[i] : 0;
        QString label = QStringLiteral("P%1").arg(i);
        if (summary) {
            for (int j = i; j < int(state_.partition_lag.size()) && hasState_; ++j)
                lag = std::max(lag, state_.partition_lag[j]);
            label = QStringLiteral("P%1+").arg(i);
        }
        const qreal inset = std::min<qreal>(2, row.height() / 6);
        const QRectF track(row.left() + labelWidth, row.top() + inset,
                           row.width() - labelWidth - numberWidth, row.height() - 2 * inset);
        const double share = summary ? partitionBarShare(lag, topicBarScale(node_)) : shares[i];
        const bool over = hasState_ && lag >= topicBarScale(node_);
        p->fillRect(track, idleColor());
        // At capacity a partition is full (producers block or are refused): red.
        p->fillRect(QRectF(track.left(), track.top(), track.width() * share, track.height()),
                    over && node_.capacity ? failureColor() : kindColor(kind_));
        if (!words) continue;
        p->setPen(toneColor(NodeLine::Tone::muted));
        p->drawText(QRectF(row.left(), row.top(), labelWidth, row.height()),
                    Qt::AlignLeft | Qt::AlignVCenter, label);
        p->setPen(toneColor(over ? NodeLine::Tone::alarm : NodeLine::Tone::normal));
        p->drawText(QRectF(track.right() + 2, row.top(), numberWidth - 2, row.height()),
                    Qt::AlignRight | Qt::AlignVCenter,
                    formatCount(lag) + (over && !node_.capacity ? QStringLiteral("»") : QString()));
    }
}

void NodeItem::paintDlq(QPainter* p, const QRectF& area, const NodeTextLayout& layout) const {
    const qint64 held = hasState_ ? state_.dead_letters : 0;
    p->setPen(held > 0 ? failureColor() : themeColors().nodeText);
    // The count is the DLQ's key figure: as large as the lines' text, at least 20 px.
    qreal px = 20;
    for (const NodeTextRun& run : layout.runs)
        if (run.role == NodeTextRun::Role::title) px = std::max(px, qreal(run.font.pixelSize()));
    QFont font = p->font();
    font.setPixelSize(int(std::min(px, area.height())));
    font.setBold(true);
    p->setFont(font);
    p->drawText(area, Qt::AlignCenter, formatCount(held));
}

void NodeItem::paintBanner(QPainter* p, const NodeTextRun& run) const {
    const QRectF banner(0, run.box.top(), width, height_ - run.box.top());
    QPainterPath shape;
    shape.addRoundedRect(banner, 6, 6);
    shape.addRect(QRectF(0, banner.top(), width, banner.height() / 2));
    shape.setFillRule(Qt::WindingFill);
    p->fillPath(shape.simplified(), failureColor());
}

}  // namespace flowlab::ui
