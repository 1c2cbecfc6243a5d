#include "panels/trace_waterfall.hpp"

#include <QHelpEvent>
#include <QLinearGradient>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <algorithm>
#include <cmath>

#include "canvas/node_style.hpp"

namespace flowlab::ui {

namespace {

constexpr int namePixels = 14;
constexpr int smallPixels = 12;
constexpr int indentStep = 16;
const QColor orphanInk(0xb2, 0x4a, 0x00);
const QColor orphanBand(0xff, 0xf3, 0xe0);

QFont pixelFont(int pixels, bool bold = false) {
    QFont f;
    f.setPixelSize(pixels);
    f.setBold(bold);
    return f;
}

/// A round tick spacing (1, 2 or 5 times a power of ten) giving about `parts` ticks.
double tickStep(double span, int parts) {
    if (!(span > 0)) return 1;
    const double raw = span / parts;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0})
        if (m * magnitude >= raw) return m * magnitude;
    return 10 * magnitude;
}

QString ms(double v) {
    return QLocale(QLocale::English)
               .toString(v, 'f',
                         v < 10    ? 2
                         : v < 100 ? 1
                                   : 0) +
           QStringLiteral(" ms");
}

}  // namespace

TraceWaterfall::TraceWaterfall(QWidget* parent) : QWidget(parent) {
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMouseTracking(true);
    emptyText_ = tr("No traced request has finished yet.");
}

void TraceWaterfall::setTrace(const TraceLayout& layout) {
    const bool resized =
        layout.rows.size() != layout_.rows.size() || layout.orphanTrees != layout_.orphanTrees;
    layout_ = layout;
    if (resized) updateGeometry();
    update();
}

void TraceWaterfall::setEmptyText(const QString& text) {
    emptyText_ = text;
    update();
}

int TraceWaterfall::nameWidth() const { return std::clamp(width() * 28 / 100, 150, 240); }

int TraceWaterfall::rowTop(int row) const {
    int y = axisHeight;
    for (int i = 0; i <= row && i < int(layout_.rows.size()); ++i) {
        if (layout_.rows[size_t(i)].treeStart && layout_.rows[size_t(i)].orphan) y += headingHeight;
        if (i < row) y += rowHeight;
    }
    return y;
}

int TraceWaterfall::rowAt(int y) const {
    for (int i = 0; i < int(layout_.rows.size()); ++i) {
        const int top = rowTop(i);
        if (y >= top && y < top + rowHeight) return i;
    }
    return -1;
}

QSize TraceWaterfall::sizeHint() const {
    const int rows = int(layout_.rows.size());
    return QSize(600, rows ? rowTop(rows - 1) + rowHeight + 4 : 80);
}

QSize TraceWaterfall::minimumSizeHint() const { return QSize(320, sizeHint().height()); }

void TraceWaterfall::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    p.setRenderHint(QPainter::Antialiasing);
    if (layout_.rows.empty()) {
        p.setFont(pixelFont(namePixels));
        p.setPen(QColor(0x75, 0x75, 0x75));
        p.drawText(rect().adjusted(12, 0, -12, 0), Qt::AlignCenter | Qt::TextWordWrap, emptyText_);
        return;
    }
    const int x0 = nameWidth() + 8;
    const int x1 = width() - 70;  // room for the last bar's duration
    const double scale = double(std::max(40, x1 - x0)) / layout_.lengthMs;
    auto xAt = [&](double t) { return x0 + t * scale; };
    const int bottom = rowTop(int(layout_.rows.size()) - 1) + rowHeight;

    // Axis: ms since the chosen request began, with light grid lines through the rows.
    const double step = tickStep(layout_.lengthMs, std::max(2, (x1 - x0) / 90));
    p.setFont(pixelFont(smallPixels));
    for (double t = 0; t <= layout_.lengthMs + 1e-9; t += step) {
        const double x = xAt(t);
        p.setPen(QColor(0xe3, 0xe6, 0xea));
        p.drawLine(QPointF(x, axisHeight - 4), QPointF(x, bottom));
        p.setPen(QColor(0x55, 0x5f, 0x66));
        p.drawText(QRectF(x - 40, 2, 80, axisHeight - 6), Qt::AlignCenter,
                   QLocale(QLocale::English).toString(t, 'g', 6));
    }
    p.drawText(QRectF(4, 2, x0 - 12, axisHeight - 6), Qt::AlignLeft | Qt::AlignVCenter, tr("span"));
    p.drawText(QRectF(x1, 2, width() - x1 - 4, axisHeight - 6), Qt::AlignRight | Qt::AlignVCenter,
               tr("ms"));

    for (int i = 0; i < int(layout_.rows.size()); ++i) {
        const TraceRow& r = layout_.rows[size_t(i)];
        const int top = rowTop(i);
        if (r.treeStart && r.orphan) {
            const QRect band(0, top - headingHeight, width(), headingHeight);
            p.fillRect(band, orphanBand);
            p.setPen(QPen(orphanInk, 1, Qt::DashLine));
            p.drawLine(band.topLeft(), band.topRight());
            p.setFont(pixelFont(smallPixels + 1, true));
            p.setPen(orphanInk);
            p.drawText(band.adjusted(8, 0, -8, 0), Qt::AlignLeft | Qt::AlignVCenter,
                       tr("orphan: context lost at the queue. A trace of its own; nothing links it "
                          "to the request above"));
        }
        if (r.orphan) p.fillRect(QRect(0, top, width(), rowHeight), orphanBand.lighter(104));
        const double mid = top + rowHeight / 2.0;

        // Name, indented by depth, with an elbow to its parent.
        const int indent = 8 + r.depth * indentStep;
        if (r.depth > 0) {
            p.setPen(QPen(QColor(0xa0, 0xa8, 0xb0), 1));
            const double ex = indent - indentStep / 2.0;
            p.drawLine(QPointF(ex, top), QPointF(ex, mid));
            p.drawLine(QPointF(ex, mid), QPointF(indent - 2, mid));
        }
        const QColor kind = kindColor(r.kind);
        p.setPen(Qt::NoPen);
        p.setBrush(kind);
        p.drawRoundedRect(QRectF(indent, mid - 5, 10, 10), 2, 2);
        p.setFont(pixelFont(namePixels, r.depth == 0));
        p.setPen(QColor(0x21, 0x21, 0x21));
        const QRectF nameBox(indent + 14, top, x0 - indent - 20, rowHeight);
        p.drawText(nameBox, Qt::AlignLeft | Qt::AlignVCenter,
                   p.fontMetrics().elidedText(r.name, Qt::ElideRight, int(nameBox.width())));

        // A message still waiting: the wait so far, from the publisher's end to now.
        if (r.pending) {
            const QColor queue = kindColor(model::NodeKind::queue);
            const double from = xAt(r.waitFromMs), to = xAt(r.endMs);
            p.setPen(QPen(queue, 2, Qt::DotLine));
            p.drawLine(QPointF(from, mid), QPointF(to, mid));
            p.setPen(Qt::NoPen);
            p.setBrush(queue);
            p.drawEllipse(QPointF(to, mid), 3.5, 3.5);
            p.setFont(pixelFont(smallPixels));
            p.setPen(queue.darker(150));
            // The words go after the line's end, or else on a white patch over its middle:
            // never left of the axis, where the names are.
            const QString text =
                tr("in %1 for %2 so far").arg(r.waitVia, ms(r.endMs - r.waitFromMs));
            const int tw = p.fontMetrics().horizontalAdvance(text) + 8;
            QRectF box(to + 6, top, tw, rowHeight);
            if (box.right() > width()) {
                box = QRectF(std::max(double(x0), to - 8 - tw), top + 2, tw, rowHeight - 4);
                p.fillRect(box, Qt::white);
            }
            p.drawText(box, Qt::AlignCenter,
                       p.fontMetrics().elidedText(text, Qt::ElideRight, int(box.width())));
            continue;
        }

        // Time in a queue before the span: a dotted lead-in from the publisher's end.
        if (r.waitFromMs >= 0) {
            p.setPen(QPen(kindColor(model::NodeKind::queue), 2, Qt::DotLine));
            p.drawLine(QPointF(xAt(r.waitFromMs), mid), QPointF(xAt(r.startMs), mid));
        }

        // The bar: kind colour, red when the span failed, hatched in an orphan tree, and
        // fading out at "now" while open.
        const double bx = xAt(r.startMs);
        const double bw = std::max(2.0, xAt(r.endMs) - bx);
        const QRectF bar(bx, mid - 7, bw, 14);
        const QColor fill = r.ok ? kind : failureColor();
        if (r.open) {
            QLinearGradient fade(bar.topLeft(), bar.topRight());
            fade.setColorAt(0, fill);
            fade.setColorAt(1, QColor(fill.red(), fill.green(), fill.blue(), 40));
            p.setBrush(fade);
        } else {
            p.setBrush(fill);
        }
        p.setPen(r.orphan ? QPen(orphanInk, 1.2, Qt::DashLine) : QPen(fill.darker(130), 1));
        p.drawRoundedRect(bar, 2, 2);
        if (r.orphan) {
            p.setBrush(QBrush(QColor(255, 255, 255, 150), Qt::BDiagPattern));
            p.setPen(Qt::NoPen);
            p.drawRect(bar);
        }

        // Duration (or "open"), right of the bar when there is room, else left of it.
        p.setFont(pixelFont(smallPixels));
        p.setPen(r.ok ? QColor(0x37, 0x47, 0x4f) : failureColor().darker(120));
        QString text = r.open ? tr("open") : ms(r.endMs - r.startMs);
        if (!r.ok) text += tr(", failed");
        const int tw = p.fontMetrics().horizontalAdvance(text) + 6;
        if (bar.right() + tw < width() - 2)
            p.drawText(QRectF(bar.right() + 4, top, tw, rowHeight),
                       Qt::AlignLeft | Qt::AlignVCenter, text);
        else
            p.drawText(QRectF(bx - tw - 2, top, tw, rowHeight), Qt::AlignRight | Qt::AlignVCenter,
                       text);
        if (r.waitFromMs >= 0) {
            const QString wait = tr("in queue");
            const double from = xAt(r.waitFromMs), to = bx;
            if (to - from > p.fontMetrics().horizontalAdvance(wait) + 4) {
                p.setPen(kindColor(model::NodeKind::queue).darker(140));
                p.drawText(QRectF(from, top - 1, to - from, rowHeight / 2.0 + 2), Qt::AlignCenter,
                           wait);
            }
        }
    }
}

bool TraceWaterfall::event(QEvent* event) {
    if (event->type() != QEvent::ToolTip) return QWidget::event(event);
    auto* help = static_cast<QHelpEvent*>(event);
    const int i = rowAt(help->pos().y());
    if (i < 0) {
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    const TraceRow& r = layout_.rows[size_t(i)];
    QString tip = tr("<b>%1</b><br>%2 to %3 after the request began")
                      .arg(r.name.toHtmlEscaped(), ms(r.startMs),
                           r.open ? tr("now (still open)") : ms(r.endMs));
    if (r.pending) {
        QToolTip::showText(
            help->globalPos(),
            tr("A message published for this request waits in %1 (for %2 so far, from the end of "
               "the publishing span). Its work will join this trace when it is picked up.")
                .arg(r.waitVia.toHtmlEscaped(), ms(r.endMs - r.waitFromMs)),
            this);
        return true;
    }
    if (!r.ok) tip += tr("<br>failed");
    if (r.waitFromMs >= 0)
        tip += tr("<br>waited in %1 for at least %2 (from the end of the publishing span; the "
                  "publish itself is not "
                  "a span)")
                   .arg(r.waitVia.toHtmlEscaped(), ms(r.startMs - r.waitFromMs));
    if (r.orphan)
        tip +=
            tr("<br>Orphan: the message carried no trace context, so this work began a trace of "
               "its own.");
    QToolTip::showText(help->globalPos(), tip, this);
    return true;
}

}  // namespace flowlab::ui
