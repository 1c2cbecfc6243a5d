#include "panels/legend_panel.hpp"

#include "canvas/node_style.hpp"

namespace flowlab::ui {

namespace {

QString swatch(const QColor& color, const QString& text, bool round) {
    return QStringLiteral("<span style='color:%1; font-size:12pt'>%2</span>&nbsp;%3&nbsp;&nbsp; ")
        .arg(color.name(), round ? QStringLiteral("●") : QStringLiteral("■"), text.toHtmlEscaped());
}

}  // namespace

LegendPanel::LegendPanel(QWidget* parent) : QLabel(parent) {
    using runtime::HopKind;
    QString html = tr("<b>Tokens:</b> ");
    for (auto kind : {HopKind::request, HopKind::response, HopKind::publish, HopKind::delivery, HopKind::dead_letter})
        html += swatch(hopColor(kind, false), hopTitle(kind), true);
    html += swatch(failureColor(), tr("failure"), true);
    html += tr("&nbsp; <b>Threads:</b> ");
    html += swatch(workingColor(), tr("working"), false);
    html += swatch(blockedColor(), tr("blocked (waiting on a call)"), false);
    html += swatch(idleColor().darker(115), tr("idle"), false);
    html += tr("&nbsp; <b>Edges:</b> solid sync, dashed async, dotted deliver, dash-dot dead letter");
    setText(html);
    setWordWrap(true);
    setContentsMargins(6, 2, 6, 2);
}

}  // namespace flowlab::ui
