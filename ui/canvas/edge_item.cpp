#include "canvas/edge_item.hpp"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QPainter>
#include <QPainterPathStroker>
#include <QtMath>
#include <algorithm>

#include "canvas/node_item.hpp"
#include "canvas/node_style.hpp"
#include "theme/appearance.hpp"

namespace flowlab::ui {

namespace {

/// Up to this many waiting calls are drawn as parked tokens; more as a count.
constexpr std::uint32_t maxWaitingDots = 4;
/// Most the waiting badge and the labels grow with the text scale: they sit in the gap
/// between two nodes (boundingRect() leaves room for this much).
constexpr qreal maxBadgeGrowth = 1.25;
constexpr qreal maxLabelGrowth = 1.25;

/// Where the segment from the centre of `box` towards `outside` leaves the box.
QPointF borderPoint(const QRectF& box, const QPointF& outside) {
    const QPointF c = box.center();
    const QPointF d = outside - c;
    if (qFuzzyIsNull(d.x()) && qFuzzyIsNull(d.y())) return c;
    const qreal sx = d.x() != 0 ? (box.width() / 2) / std::abs(d.x()) : 1e9;
    const qreal sy = d.y() != 0 ? (box.height() / 2) / std::abs(d.y()) : 1e9;
    return c + d * std::min({sx, sy, 1.0});
}

}  // namespace

EdgeItem::EdgeItem(int index, NodeItem* from, NodeItem* to, const model::Edge& edge)
    : index_(index), from_(from), to_(to), edge_(edge) {
    setFlags(ItemIsSelectable);
    // Above the nodes: the line ends at their borders, and a breaker's state must stay
    // readable even when two nodes sit close together.
    setZValue(1.5);
    adjust();
}

void EdgeItem::setEdge(const model::Edge& edge) {
    edge_ = edge;
    if (!edge_.breaker) breaker_ = run::EdgeFrame::Breaker::none;
    setToolTip(QCoreApplication::translate("EdgeItem", "%1 → %2 (%3)")
                   .arg(QString::fromStdString(edge.from), QString::fromStdString(edge.to),
                        QString::fromUtf8(model::to_string(edge.mode))));
    update();
}

void EdgeItem::setWaitingCalls(std::uint32_t count) {
    if (count == waiting_) return;
    waiting_ = count;
    update();
}

QString EdgeItem::waitingText() const {
    if (waiting_ == 0 || edge_.mode != model::EdgeMode::sync) return {};
    return QCoreApplication::translate("EdgeItem", "%1 waiting").arg(waiting_);
}

runtime::HopKind EdgeItem::forwardHop() const {
    switch (edge_.mode) {
        case model::EdgeMode::sync: return runtime::HopKind::request;
        case model::EdgeMode::async: return runtime::HopKind::publish;
        case model::EdgeMode::deliver: return runtime::HopKind::delivery;
        case model::EdgeMode::dead_letter: return runtime::HopKind::dead_letter;
        case model::EdgeMode::webhook: return runtime::HopKind::request;
    }
    return runtime::HopKind::request;
}

void EdgeItem::setBreaker(run::EdgeFrame::Breaker breaker) {
    if (breaker == breaker_) return;
    breaker_ = breaker;
    update();
}

QStringList EdgeItem::labelLines(const model::Edge& edge) {
    QStringList lines{QString::fromUtf8(model::to_string(edge.mode))};
    if (edge.timeout_ms)
        lines << QCoreApplication::translate("EdgeItem", "timeout %1 ms").arg(*edge.timeout_ms);
    if (edge.retry)
        lines << QCoreApplication::translate("EdgeItem", "retry ×%1").arg(edge.retry->max_retries);
    return lines;
}

qreal EdgeItem::labelGrowth() {
    return std::min(maxLabelGrowth, Appearance::instance().canvasTextScale());
}

QFont EdgeItem::labelFont() {
    QFont font = QGuiApplication::font();
    font.setPointSizeF(8 * labelGrowth());
    return font;
}

qreal EdgeItem::labelLineHeight() { return 13 * std::max<qreal>(1.0, labelGrowth()); }

QSizeF EdgeItem::labelSize(const model::Edge& edge) {
    const QFontMetricsF metrics(labelFont());
    const QStringList lines = labelLines(edge);
    qreal width = 0;
    for (const QString& line : lines)
        width = std::max(width, metrics.boundingRect(line).width() + 4);
    return {std::ceil(width), labelLineHeight() * lines.size()};
}

void EdgeItem::setRoute(const QPainterPath& path, const QRectF& label) {
    prepareGeometryChange();
    route_ = path;
    routeLabel_ = path.isEmpty() ? QRectF() : label;
    routeFrom_ = from_->pos();
    routeTo_ = to_->pos();
    if (route_.isEmpty()) return adjust();
    line_ = QLineF(route_.pointAtPercent(0), route_.pointAtPercent(1));
    update();
}

QPainterPath EdgeItem::path() const {
    if (!route_.isEmpty()) return route_;
    QPainterPath straight(line_.p1());
    straight.lineTo(line_.p2());
    return straight;
}

QPointF EdgeItem::middle() const {
    return route_.isEmpty() ? line_.center() : route_.pointAtPercent(0.5);
}

std::vector<std::pair<QRectF, QString>> EdgeItem::labelBoxes() const {
    std::vector<std::pair<QRectF, QString>> boxes;
    QStringList label = labelLines();
    // A bare "sync" on a very short straight edge between stacked nodes only hides the
    // tokens; the legend says what a solid line is.
    if (route_.isEmpty() && label.size() == 1 && line_.length() < 40) return boxes;
    const QFontMetricsF metrics(labelFont());
    // One fact per line, stacked: above the middle of a straight line (nodes sit close
    // side by side, and a narrow label stays between them), or in the box the layout
    // kept free beside a route.
    const QPointF mid = line_.center();
    const qreal lineHeight = labelLineHeight();
    const qreal top =
        route_.isEmpty() ? mid.y() - 3 - lineHeight * label.size() : routeLabel_.top();
    const qreal centreX = route_.isEmpty() ? mid.x() : routeLabel_.center().x();
    for (int i = 0; i < label.size(); ++i) {
        const qreal width = metrics.boundingRect(label[i]).width() + 4;
        boxes.push_back(
            {QRectF(centreX - width / 2, top + lineHeight * i, width, lineHeight), label[i]});
    }
    return boxes;
}

QRectF EdgeItem::labelRect() const {
    QRectF all;
    for (const auto& [box, text] : labelBoxes()) all |= box;
    return all;
}

void EdgeItem::adjust() {
    // A route holds while both ends stay where the layout put them.
    if (!route_.isEmpty()) {
        if (from_->pos() == routeFrom_ && to_->pos() == routeTo_) return;
        prepareGeometryChange();
        route_ = QPainterPath();
        routeLabel_ = QRectF();
    }
    const QRectF a = from_->sceneBox();
    const QRectF b = to_->sceneBox();
    prepareGeometryChange();
    // Side by side: a horizontal edge at the ports' height (every kind has its port at
    // the same distance from its top), whatever the two nodes' heights.
    const qreal top = std::max(a.top(), b.top()) + 8, bottom = std::min(a.bottom(), b.bottom()) - 8;
    if (top <= bottom && (a.right() < b.left() || b.right() < a.left())) {
        const qreal y = std::clamp((a.top() + b.top()) / 2 + NodeItem::portY, top, bottom);
        // Out of the source past its port; into the target at its border.
        line_ = a.right() < b.left() ? QLineF(a.right() + 6, y, b.left(), y)
                                     : QLineF(a.left(), y, b.right() + 6, y);
        return;
    }
    // One above the other: a vertical edge through the middle of their common width.
    const qreal left = std::max(a.left(), b.left()) + 8, right = std::min(a.right(), b.right()) - 8;
    if (left <= right && (a.bottom() < b.top() || b.bottom() < a.top())) {
        const qreal x = (left + right) / 2;
        line_ = a.bottom() < b.top() ? QLineF(x, a.bottom(), x, b.top())
                                     : QLineF(x, a.top(), x, b.bottom());
        return;
    }
    line_ = QLineF(borderPoint(a, b.center()), borderPoint(b, a.center()));
}

QRectF EdgeItem::boundingRect() const {
    // Room for the label (up to three lines, at its largest text scale), the breaker's
    // state and the waiting badge around the line.
    const QRectF around = route_.isEmpty() ? QRectF(line_.p1(), line_.p2()).normalized()
                                           : route_.boundingRect() | routeLabel_;
    return around.adjusted(-110, -62, 110, 78);
}

QPainterPath EdgeItem::shape() const {
    QPainterPathStroker stroker;
    stroker.setWidth(10);
    return stroker.createStroke(path());
}

void EdgeItem::paintWaiting(QPainter* p) const {
    const QString text = waitingText();
    if (text.isEmpty()) return;
    const qreal length = line_.length();
    if (length < 1) return;
    const QPointF along = (line_.p2() - line_.p1()) / length;
    // Below the line for an edge going right (on the answers' side, away from the label).
    const QPointF side(-along.y(), along.x());
    const QPointF down = side.y() < 0 || (side.y() == 0 && side.x() < 0) ? -side : side;
    if (waiting_ <= maxWaitingDots) {
        // A few parked calls: tokens stacked at the callee's door, one per call.
        const QPointF door = line_.p2() - along * 6;
        p->setPen(QPen(blockedColor().darker(150), 1.2));
        p->setBrush(hopColor(runtime::HopKind::request, false));
        for (std::uint32_t i = 0; i < waiting_; ++i)
            p->drawEllipse(door + down * (11 + 7.5 * i), 3.5, 3.5);
        return;
    }
    // Many: a count, where a stack would reach into the nodes around it. Near the callee's
    // end on a long edge; centred on the short edges between neighbours, where it covers
    // only the caller's port margin and the callee's left margin.
    // Nudged towards the caller: its last 14 px hold only the port, the callee's text
    // starts 6 px in.
    const QPointF at = line_.pointAt(length > 80 ? 1.0 - 40 / length : 0.5) - along * 4;
    // The waiting count is a figure the lesson is about: it grows with the text scale.
    const qreal grow = std::min(maxBadgeGrowth, Appearance::instance().canvasTextScale());
    QFont font = p->font();
    font.setPointSizeF(8.5 * grow);
    font.setBold(true);
    const QFontMetricsF big(font);
    QFont small = font;
    small.setPointSizeF(7.5 * grow);
    small.setBold(false);
    const QFontMetricsF little(small);
    const QString number = QString::number(waiting_);
    const QString word = QCoreApplication::translate("EdgeItem", "waiting");
    const qreal w = std::max(big.horizontalAdvance(number), little.horizontalAdvance(word)) + 8;
    const qreal h = big.height() + little.height() + 2;
    const QPointF centre = at + down * (9 + (std::abs(down.x()) * w + std::abs(down.y()) * h) / 2);
    const QRectF badge(centre.x() - w / 2, centre.y() - h / 2, w, h);
    const QColor ink = blockedColor().darker(150);
    p->setPen(QPen(ink, 1.2));
    p->setBrush(themeColors().badgeBackground);
    p->drawRoundedRect(badge, 4, 4);
    p->setPen(themeColors().badgeText);
    p->setFont(font);
    p->drawText(QRectF(badge.left(), badge.top() + 1, w, big.height()), Qt::AlignCenter, number);
    p->setFont(small);
    p->drawText(QRectF(badge.left(), badge.top() + 1 + big.height(), w, little.height()),
                Qt::AlignCenter, word);
}

void EdgeItem::paintLabel(QPainter* p) const {
    p->setFont(labelFont());
    p->setPen(themeColors().edgeText);
    for (const auto& [box, text] : labelBoxes()) {
        p->fillRect(box, themeColors().labelBackground);
        p->drawText(box, Qt::AlignCenter, text);
    }
}

void EdgeItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) {
    if (line_.length() < 1) return;
    p->setRenderHint(QPainter::Antialiasing);
    const ThemeColors& colors = themeColors();
    QPen pen(colors.edge, colors.outline + 0.1);
    switch (edge_.mode) {
        case model::EdgeMode::sync: break;
        case model::EdgeMode::async: pen.setStyle(Qt::DashLine); break;
        case model::EdgeMode::deliver:
            pen.setStyle(Qt::DotLine);
            pen.setWidthF(2.2);
            break;
        case model::EdgeMode::dead_letter:
            pen.setStyle(Qt::DashDotLine);
            pen.setColor(failureColor().darker(120));
            break;
        case model::EdgeMode::webhook:
            // A call back against the flow: dash-dot-dot in teal, thicker than a call.
            pen.setStyle(Qt::DashDotDotLine);
            pen.setColor(webhookColor());
            pen.setWidthF(2.2);
            break;
    }
    if (isSelected()) {
        pen.setColor(QColor(0x21, 0x96, 0xf3));
        pen.setWidthF(3);
    }
    p->setPen(pen);
    p->setBrush(Qt::NoBrush);
    if (route_.isEmpty())
        p->drawLine(line_);
    else
        p->drawPath(route_);
    // Arrow head at the target, along the line's last direction.
    const qreal angle = route_.isEmpty() ? std::atan2(-line_.dy(), line_.dx())
                                         : qDegreesToRadians(route_.angleAtPercent(1));
    const QPointF tip = line_.p2();
    const QPointF left =
        tip - QPointF(std::sin(angle + M_PI / 3) * 10, std::cos(angle + M_PI / 3) * 10);
    const QPointF right = tip - QPointF(std::sin(angle + M_PI - M_PI / 3) * 10,
                                        std::cos(angle + M_PI - M_PI / 3) * 10);
    p->setPen(Qt::NoPen);
    p->setBrush(pen.color());
    p->drawPolygon(QPolygonF({tip, left, right}));

    paintLabel(p);
    paintWaiting(p);
    if (breaker_ == run::EdgeFrame::Breaker::none && !edge_.breaker) return;
    QColor color = workingColor();
    QString state = QCoreApplication::translate("EdgeItem", "breaker closed");
    if (breaker_ == run::EdgeFrame::Breaker::open) {
        color = failureColor();
        state = QCoreApplication::translate("EdgeItem", "breaker OPEN");
    } else if (breaker_ == run::EdgeFrame::Breaker::half_open) {
        color = blockedColor();
        state = QCoreApplication::translate("EdgeItem", "breaker half-open");
    }
    const QPointF mid = middle();
    p->setPen(QPen(Qt::white, 1));
    p->setBrush(color);
    p->drawEllipse(mid, 6, 6);
    const QRectF stateBox = p->fontMetrics().boundingRect(state).adjusted(-2, 0, 2, 0);
    p->fillRect(stateBox.translated(mid.x() - stateBox.width() / 2 - stateBox.left(),
                                    mid.y() + 6 - stateBox.top()),
                colors.labelBackground);
    p->setPen(color);
    p->drawText(QRectF(mid.x() - 100, mid.y() + 6, 200, 14), Qt::AlignCenter, state);
}

}  // namespace flowlab::ui
