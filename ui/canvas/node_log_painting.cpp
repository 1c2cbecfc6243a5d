// A topic's retained log, drawn under its partitions: one bar for the log (hatched where
// messages expired, teal where they are retained, however often they were consumed) and
// one per consumer group (teal up to its offset: read; amber from there: its lag). All
// bars share one scale, offset 0 to the log's end, so the groups line up under the log.

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <algorithm>

#include "canvas/node_figures.hpp"
#include "canvas/node_item.hpp"
#include "canvas/node_metrics.hpp"
#include "canvas/node_style.hpp"
#include "theme/appearance.hpp"

namespace flowlab::ui {

using namespace node_metrics;

namespace {

struct LogScale {
    QRectF track;
    double end = 1;
    qreal x(double offset) const {
        return track.left() + track.width() * std::clamp(offset / end, 0.0, 1.0);
    }
};

void fillSpan(QPainter* p, const LogScale& s, double from, double to, const QBrush& brush) {
    if (to <= from) return;
    p->fillRect(QRectF(s.x(from), s.track.top(), s.x(to) - s.x(from), s.track.height()), brush);
}

void drawExpired(QPainter* p, const LogScale& s, double logStart) {
    fillSpan(p, s, 0, logStart, idleColor());
    fillSpan(p, s, 0, logStart, QBrush(idleColor().darker(140), Qt::BDiagPattern));
}

QString tr(const char* text) { return QCoreApplication::translate("NodeItem", text); }

}  // namespace

void NodeItem::paintLog(QPainter* p, const QRectF& area) const {
    QFont font = p->font();
    font.setPointSizeF(bodyPoints);
    font.setBold(false);
    p->setFont(font);
    const QFontMetricsF metrics(font);
    const qreal labelWidth = metrics.horizontalAdvance(QStringLiteral("billing")) + 4;
    const qreal numberWidth = metrics.horizontalAdvance(QStringLiteral("lag 0000")) + 4;
    const double logStart = hasState_ ? double(state_.log_start) : 0;
    const double logEnd = hasState_ ? double(state_.log_end) : 0;
    auto row = [&](int i) {
        return QRectF(area.left(), area.top() + 4 + i * partitionRowHeight, area.width(),
                      partitionRowHeight);
    };
    auto scaleFor = [&](const QRectF& r) {
        return LogScale{QRectF(r.left() + labelWidth, r.top() + 2,
                               r.width() - labelWidth - numberWidth, r.height() - 4),
                        std::max(1.0, logEnd)};
    };
    auto text = [&](const QRectF& r, qreal left, qreal w, Qt::Alignment a, const QString& s,
                    NodeLine::Tone tone) {
        p->setPen(tone == NodeLine::Tone::muted ? themeColors().nodeMuted : themeColors().nodeText);
        p->drawText(QRectF(left, r.top(), w, r.height()), a | Qt::AlignVCenter,
                    metrics.elidedText(s, Qt::ElideRight, w));
    };
    // The log itself.
    const QRectF head = row(0);
    const LogScale log = scaleFor(head);
    p->fillRect(log.track, idleColor());
    drawExpired(p, log, logStart);
    fillSpan(p, log, logStart, logEnd, retainedLogColor());
    text(head, head.left(), labelWidth - 2, Qt::AlignLeft, tr("log"), NodeLine::Tone::muted);
    text(head, log.track.right() + 2, numberWidth - 2, Qt::AlignRight,
         tr("kept %1").arg(formatCount(std::int64_t(logEnd - logStart))), NodeLine::Tone::normal);
    // Where each group reads.
    const auto& groups = state_.log_groups;
    const int shown = std::min<int>(int(groups.size()), maxLogGroupRows);
    for (int g = 0; g < shown && hasState_; ++g) {
        const auto& group = groups[size_t(g)];
        const QRectF r = row(1 + g);
        const LogScale s = scaleFor(r);
        p->fillRect(s.track, idleColor());
        drawExpired(p, s, logStart);
        const QString name = QString::fromStdString(group.consumer);
        if (!group.joined) {
            text(r, r.left(), labelWidth - 2, Qt::AlignLeft, name, NodeLine::Tone::muted);
            text(r, s.track.right() + 2, numberWidth - 2, Qt::AlignRight, tr("joins"),
                 NodeLine::Tone::muted);
            continue;
        }
        const double offset = double(group.offset);
        fillSpan(p, s, logStart, offset, webhookColor());
        fillSpan(p, s, std::max(offset, logStart), logEnd, blockedColor());
        text(r, r.left(), labelWidth - 2, Qt::AlignLeft, name, NodeLine::Tone::normal);
        text(r, s.track.right() + 2, numberWidth - 2, Qt::AlignRight,
             tr("lag %1").arg(formatCount(std::int64_t(logEnd - offset))), NodeLine::Tone::normal);
    }
}

}  // namespace flowlab::ui
