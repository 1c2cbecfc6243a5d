#include "panels/legend_panel.hpp"

#include "canvas/node_style.hpp"
#include "canvas/token_layer.hpp"

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
    for (auto kind : {HopKind::request, HopKind::response, HopKind::publish, HopKind::delivery,
                      HopKind::dead_letter})
        html += swatch(hopColor(kind, false), hopTitle(kind), true);
    html += swatch(failureColor(), tr("failure"), true);
    // The animation is slowed down where the simulation is too fast to follow: say so.
    html += tr("<i>(not to scale)</i>");
    html += tr("&nbsp; <b>Threads:</b> ");
    html += swatch(workingColor(), tr("working"), false);
    html += swatch(blockedColor(), tr("blocked on a call"), false);
    html += swatch(hungColor(), tr("hung"), false);
    html += swatch(idleColor().darker(115), tr("idle"), false);
    html +=
        tr("&nbsp; <b>Edges:</b> solid sync, dashed async, dotted deliver, dash-dot to DLQ, "
           "teal dash-dot-dot webhook");
    setText(html);
    setToolTip(tr("Tokens move along an edge in at least %1 s of your time, however fast the "
                  "simulation goes, so you can follow them: their speed is not to scale. "
                  "Dots stacked under a sync edge, or a count, are calls still waiting for "
                  "their answer.")
                   .arg(TokenLayer::minTravelS));
    setWordWrap(true);
    setContentsMargins(6, 2, 6, 2);
}

}  // namespace flowlab::ui
