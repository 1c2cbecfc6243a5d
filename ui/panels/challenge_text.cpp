#include "panels/challenge_text.hpp"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>
#include <algorithm>

#include "panels/metric_format.hpp"

namespace flowlab::ui {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("ChallengePanel", text); }

/// The partition a path is about ("nodes.t.partitions.2.lag_end", "partitions[2]"), or "".
QString partitionOf(const std::string& metric) {
    static const QRegularExpression partition(QStringLiteral("partitions(?:\\.|\\[)(\\d+)"));
    const auto match = partition.match(QString::fromStdString(metric));
    return match.hasMatch() ? match.captured(1) : QString();
}

QString statLine(const std::string& metric, const std::optional<double>& mean,
                 const std::optional<double>& ci95) {
    if (!mean) return tr("not in every report (was its node deleted or renamed?)");
    QString text = tr("mean %1").arg(formatMetric(metric, *mean));
    if (ci95) text += QStringLiteral(" ± %1").arg(formatMetric(metric, *ci95));
    return text;
}

}  // namespace

QString goalName(const std::string& metric) {
    QString owner = metricNodeId(metric);
    if (owner.isEmpty()) owner = QString::fromStdString(metric).section(QLatin1Char('.'), 0, 0);
    const QString partition = partitionOf(metric);
    if (!partition.isEmpty()) owner += tr(" partition %1").arg(partition);
    // The unit is on the value ("10,971 ms"): "oldest age ms max" reads "oldest age max".
    QString name = metricShortName(metric);
    name.replace(QStringLiteral(" ms "), QStringLiteral(" "));
    return owner + QLatin1Char(' ') + name;
}

QString goalBound(const model::Goal& goal) {
    QStringList parts;
    if (goal.min) parts << QStringLiteral("≥ %1").arg(formatMetric(goal.metric, *goal.min));
    if (goal.max) parts << QStringLiteral("≤ %1").arg(formatMetric(goal.metric, *goal.max));
    return parts.join(tr(" and "));
}

QString budgetText(const run::BudgetUse& used, const model::Budget& allowed) {
    QStringList parts;
    if (allowed.threads)
        parts << tr("service threads %1 of %2").arg(used.threads).arg(*allowed.threads);
    else if (used.threads > 0)
        parts << tr("service threads %1, no limit").arg(used.threads);
    if (allowed.consumer_instances)
        parts << tr("consumer instances %1 of %2")
                     .arg(used.consumer_instances)
                     .arg(*allowed.consumer_instances);
    else if (used.consumer_instances > 0)
        parts << tr("consumer instances %1, no limit").arg(used.consumer_instances);
    return parts.isEmpty() ? tr("nothing to spend") : parts.join(QStringLiteral(" · "));
}

bool overBudget(const run::BudgetUse& used, const model::Budget& allowed) {
    return (allowed.threads && used.threads > *allowed.threads) ||
           (allowed.consumer_instances && used.consumer_instances > *allowed.consumer_instances);
}

QString verdictHtml(const run::CheckResult& result) {
    int missed = 0;
    for (const auto& g : result.goals) missed += g.passed ? 0 : 1;
    QString html;
    if (result.passed()) {
        html += tr("<p style='color:#2e7d32; font-size:16px'><b>✓ PASSED</b></p>");
    } else {
        QStringList why;
        if (missed > 0) why << tr("%1 of %2 goals not met").arg(missed).arg(result.goals.size());
        if (!result.fair) why << tr("not a fair answer");
        html += tr("<p style='color:#c62828; font-size:16px'><b>✗ NOT PASSED</b>: %1</p>")
                    .arg(why.join(tr(", ")));
    }
    html += tr("<p>Mean of %1 runs (seeds %2 to %3) ± its 95% confidence half-width:</p>")
                .arg(result.replications)
                .arg(result.seed)
                .arg(result.seed + std::uint64_t(std::max(0, result.replications - 1)));
    for (const auto& g : result.goals) {
        const QString colour = g.passed ? QStringLiteral("#2e7d32") : QStringLiteral("#c62828");
        html += QStringLiteral(
                    "<p style='margin-top:4px'><b style='color:%1'>%2 %3</b><br>%4"
                    " <span style='color:#455a64'>(goal %5)</span></p>")
                    .arg(colour, g.passed ? QStringLiteral("✓") : QStringLiteral("✗"),
                         goalName(g.goal.metric).toHtmlEscaped(),
                         statLine(g.goal.metric, g.mean, g.ci95).toHtmlEscaped(),
                         goalBound(g.goal).toHtmlEscaped());
    }
    if (!result.unfair.empty()) {
        html += tr("<p style='color:#c62828'><b>Not a fair answer:</b></p><ul>");
        for (const auto& problem : result.unfair)
            html +=
                QStringLiteral("<li>%1</li>").arg(QString::fromStdString(problem).toHtmlEscaped());
        html += QStringLiteral("</ul>");
    }
    html += tr("<p>Budget: %1</p>").arg(budgetText(result.used, result.allowed).toHtmlEscaped());
    return html;
}

}  // namespace flowlab::ui
