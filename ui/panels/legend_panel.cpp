#include "panels/legend_panel.hpp"

#include "canvas/node_style.hpp"
#include "canvas/token_layer.hpp"

namespace flowlab::ui {

namespace {

QString swatch(const QColor& color, const QString& text, bool round) {
    return QStringLiteral("<span style='color:%1; font-size:12pt'>%2</span>&nbsp;%3&nbsp; ")
        .arg(color.name(), round ? QStringLiteral("●") : QStringLiteral("■"), text.toHtmlEscaped());
}

/// An edge style drawn in box-drawing characters, in its colour ("" = the text's).
QString edgeSample(const QString& color, const QString& line, const QString& text) {
    const QString style =
        color.isEmpty() ? QString() : QStringLiteral(" style='color:%1'").arg(color);
    return QStringLiteral("<b%1>%2</b>&nbsp;%3&nbsp; ").arg(style, line, text.toHtmlEscaped());
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
    html += tr("<br><b>Threads:</b> ");
    html += swatch(workingColor(), tr("working"), false);
    html += swatch(blockedColor(), tr("blocked on a call"), false);
    html += swatch(hungColor(), tr("hung"), false);
    html += swatch(idleColor().darker(115), tr("idle"), false);
    // Each edge style as a short drawn sample, not a sentence: the legend then keeps to two
    // rows at 1280 px, and every row it saves goes to the graph and the charts.
    html += tr("&nbsp; <b>Edges:</b> ");
    html += edgeSample(QString(), QStringLiteral("\u2500\u2500"), tr("sync"));
    html += edgeSample(QString(), QStringLiteral("\u254c\u254c"), tr("async"));
    html += edgeSample(QString(), QStringLiteral("\u2508\u2508"), tr("deliver"));
    html += edgeSample(failureColor().darker(120).name(), QStringLiteral("\u2500\u00b7\u2500"),
                       tr("DLQ"));
    html += edgeSample(webhookColor().name(), QStringLiteral("\u2500\u00b7\u00b7\u2500"),
                       tr("webhook"));
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
