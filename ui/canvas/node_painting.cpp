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

/// Most a title may grow with the text scale: the header keeps its height.
constexpr qreal maxTitleGrowth = 1.4;
/// Below this zoom a node draws only its name (and a fault).
constexpr qreal namesOnlyZoom = 0.3;

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

/// Draws `text` in the first of `fonts` it fits in, elided in the last one.
void drawFitted(QPainter* p, const QRectF& box, const QString& text, Qt::Alignment align,
                const std::vector<QFont>& fonts) {
    for (std::size_t i = 0; i < fonts.size(); ++i) {
        if (QFontMetricsF(fonts[i]).horizontalAdvance(text) <= box.width() ||
            i + 1 == fonts.size()) {
            p->setFont(fonts[i]);
            p->drawText(box, align | Qt::AlignVCenter,
                        p->fontMetrics().elidedText(text, Qt::ElideRight, int(box.width())));
            return;
        }
    }
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

void NodeItem::paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget*) {
    const QRectF box(0, 0, width, height_);
    const QColor color = kindColor(kind_);
    const bool faulted = look_.faulted;
    const bool flash = look_.flash;
    p->setRenderHint(QPainter::Antialiasing);
    const ThemeColors& colors = themeColors();
    p->setPen(QPen(
        isSelected() ? QColor(0x21, 0x96, 0xf3) : (faulted ? failureColor() : color.darker(130)),
        isSelected() || faulted ? 3 : colors.outline));
    p->setBrush(flash ? QColor(0xff, 0xcd, 0xd2) : colors.nodeFill);
    p->drawRoundedRect(box, 6, 6);
    // Header: the kind's colour, the node's name.
    QPainterPath header;
    header.addRoundedRect(QRectF(0, 0, width, headerHeight), 6, 6);
    header.addRect(QRectF(0, headerHeight / 2, width, headerHeight / 2));
    header.setFillRule(Qt::WindingFill);  // union of the two shapes, not their XOR
    p->fillPath(header.simplified(), color);
    p->setPen(Qt::white);
    QFont font = p->font();
    font.setBold(true);
    font.setPointSizeF(titlePoints *
                       std::min(maxTitleGrowth, Appearance::instance().canvasTextScale()));
    QFont title = font, smallTitle = font;
    title.setPointSizeF(titlePoints);
    smallTitle.setPointSizeF(bodyPoints);
    const QString name = node_.label.empty() ? id_ : QString::fromStdString(node_.label);
    const qreal lockWidth = locked_ ? 18 : 0;
    drawFitted(p, QRectF(6, 0, width - 12 - lockWidth, headerHeight), name, Qt::AlignLeft,
               {font, title, smallTitle});
    if (locked_) paintLock(p, QRectF(width - 6 - lockWidth, 0, lockWidth, headerHeight));
    // The port: drag from it (or shift-drag the node) to connect. Leaves have none.
    if (kind_ != model::NodeKind::database && kind_ != model::NodeKind::dlq &&
        kind_ != model::NodeKind::read_model) {
        p->setPen(QPen(Qt::white, 1.5));
        p->setBrush(color);
        p->drawEllipse(QPointF(width, portY), 6, 6);
    }
    if (faulted) paintBanner(p);
    // Zoomed far out, the name (and a fault) is all that can be read.
    const qreal zoom = option->levelOfDetailFromTransform(p->worldTransform());
    if (zoom < namesOnlyZoom) return;

    const qreal picture = pictureHeight(node_);
    const QRectF pictureArea(bodyLeft, headerHeight + padding, bodyWidth, picture);
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
        case model::NodeKind::dlq: paintDlq(p, pictureArea); break;
        case model::NodeKind::cache:
        case model::NodeKind::rate_limiter: paintProxyBar(p, pictureArea); break;
        case model::NodeKind::client: break;
    }
    const qreal top = pictureArea.bottom() + (picture > 0 ? padding : 0);
    // Without a banner its row is free for the larger lines of a compact body.
    const qreal bottom = height_ - (look_.banner.isEmpty() ? padding : bannerHeight);
    paintLines(p, QRectF(bodyLeft, top, bodyWidth, bottom - top), zoom < compactZoom);
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
    const qreal pitch = area.width() / cellsPerRow;
    const qreal side = std::min(pitch, cellRowHeight) - 1.5;
    for (int i = 0; i < total; ++i) {
        const QRectF r(area.left() + (i % cellsPerRow) * pitch,
                       area.top() + (i / cellsPerRow) * cellRowHeight, side, side);
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
    const qreal labelWidth = metrics.horizontalAdvance(QStringLiteral("P0")) + 4;
    const qreal numberWidth = metrics.horizontalAdvance(QStringLiteral("00000")) + 4;
    for (int i = 0; i < int(shares.size()); ++i) {
        const QRectF row(area.left(), area.top() + i * partitionRowHeight, area.width(),
                         partitionRowHeight);
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
        const QRectF track(row.left() + labelWidth, row.top() + 2,
                           row.width() - labelWidth - numberWidth, row.height() - 4);
        const double share = summary ? partitionBarShare(lag, topicBarScale(node_)) : shares[i];
        const bool over = hasState_ && lag >= topicBarScale(node_);
        p->fillRect(track, idleColor());
        // At capacity a partition is full (producers block or are refused): red.
        p->fillRect(QRectF(track.left(), track.top(), track.width() * share, track.height()),
                    over && node_.capacity ? failureColor() : kindColor(kind_));
        p->setPen(toneColor(NodeLine::Tone::muted));
        p->drawText(QRectF(row.left(), row.top(), labelWidth, row.height()),
                    Qt::AlignLeft | Qt::AlignVCenter, label);
        p->setPen(toneColor(over ? NodeLine::Tone::alarm : NodeLine::Tone::normal));
        p->drawText(QRectF(track.right() + 2, row.top(), numberWidth - 2, row.height()),
                    Qt::AlignRight | Qt::AlignVCenter,
                    formatCount(lag) + (over && !node_.capacity ? QStringLiteral("»") : QString()));
    }
}

void NodeItem::paintDlq(QPainter* p, const QRectF& area) const {
    const qint64 held = hasState_ ? state_.dead_letters : 0;
    p->setPen(held > 0 ? failureColor() : themeColors().nodeText);
    QFont font = p->font();
    font.setPointSizeF(15);
    font.setBold(true);
    p->setFont(font);
    p->drawText(area, Qt::AlignCenter, formatCount(held));
}

void NodeItem::paintLines(QPainter* p, const QRectF& area, bool compact) const {
    // Kept when compact: what the node is doing (its first line), the key figures,
    // anything orange or red, and a table's headings.
    auto shown = [&](std::size_t i) {
        const NodeLine& line = look_.lines[i];
        return !compact || i == 0 || line.large || line.key ||
               line.tone == NodeLine::Tone::warning || line.tone == NodeLine::Tone::alarm ||
               line.text.startsWith(QLatin1Char('\t'));
    };
    // Text grows with the text scale (presenter mode, Ctrl +) into the room the node has,
    // never past it: a node keeps its size, so the lesson's layout holds.
    const qreal baseGrow = compact ? compactGrowth : 1.0;
    qreal needed = 0;
    for (std::size_t i = 0; i < look_.lines.size(); ++i)
        if (shown(i)) needed += (look_.lines[i].large ? largeLineHeight : lineHeight) * baseGrow;
    const qreal want = Appearance::instance().canvasTextScale();
    const qreal scale =
        want <= 1 || needed <= 0 ? want : std::clamp(area.height() / needed, 1.0, want);
    // The fonts a line tries, largest first: shrinking beats cutting, since a number that
    // ends in "..." says nothing.
    auto sized = [&](qreal points, bool bold) {
        QFont font = p->font();
        font.setPointSizeF(points);
        font.setBold(bold);
        return font;
    };
    std::vector<qreal> grows{baseGrow * scale};
    for (const qreal g : {baseGrow, 1.0})
        if (g < grows.back() - 0.01) grows.push_back(g);
    std::vector<QFont> plain, key, label;
    for (const qreal g : grows) {
        plain.push_back(sized(bodyPoints * g, false));
        plain.push_back(sized(smallPoints * g, false));
        key.push_back(sized(largePoints * g, true));
        key.push_back(sized(bodyPoints * g, true));
        key.push_back(sized(smallPoints * g, true));
        label.push_back(sized(smallPoints * g, false));
    }
    const qreal grow = baseGrow * scale;
    qreal y = area.top();
    for (std::size_t i = 0; i < look_.lines.size(); ++i) {
        const NodeLine& line = look_.lines[i];
        if (!shown(i)) continue;
        const qreal h = (line.large ? largeLineHeight : lineHeight) * grow;
        if (y + h > area.bottom() + 0.5) break;
        const QRectF box(area.left(), y, area.width(), h);
        y += h;
        const std::vector<QFont>& fonts = line.large ? key : plain;
        const QStringList columns = line.text.split(QLatin1Char('\t'));
        if (columns.size() == 1) {
            p->setPen(toneColor(line.tone));
            drawFitted(p, box, line.text, Qt::AlignLeft, fonts);
            continue;
        }
        // A table row: a muted label, then figures right-aligned under their headings.
        p->setPen(toneColor(NodeLine::Tone::muted));
        drawFitted(p, QRectF(box.left(), box.top(), tableLabelWidth, h), columns[0], Qt::AlignLeft,
                   label);
        p->setPen(toneColor(line.tone));
        if (columns.size() == 2) {
            drawFitted(p, box.adjusted(tableLabelWidth, 0, 0, 0), columns[1], Qt::AlignLeft, fonts);
            continue;
        }
        const qreal split = box.left() + tableLabelWidth + tableFirstWidth + tableGap;
        drawFitted(p, QRectF(box.left() + tableLabelWidth, box.top(), tableFirstWidth, h),
                   columns[1], Qt::AlignRight, fonts);
        drawFitted(p, QRectF(split, box.top(), box.right() - split, h), columns[2], Qt::AlignRight,
                   fonts);
    }
}

void NodeItem::paintBanner(QPainter* p) const {
    const QRectF banner(0, height_ - bannerHeight, width, bannerHeight);
    QPainterPath shape;
    shape.addRoundedRect(banner, 6, 6);
    shape.addRect(QRectF(0, banner.top(), width, bannerHeight / 2));
    shape.setFillRule(Qt::WindingFill);
    p->fillPath(shape.simplified(), failureColor());
    QFont font = p->font();
    font.setPointSizeF(bodyPoints);
    font.setBold(true);
    QFont small = font;
    small.setPointSizeF(smallPoints);
    p->setPen(Qt::white);
    drawFitted(p, banner.adjusted(4, 0, -4, 0), faultBanner(), Qt::AlignHCenter, {font, small});
}

}  // namespace flowlab::ui
