#include "panels/metric_format.hpp"

#include <QLocale>
#include <QStringList>
#include <cmath>

namespace flowlab::ui {

namespace {

QStringList segments(std::string_view path) {
    QString p = QString::fromUtf8(path.data(), qsizetype(path.size()));
    p.replace(QLatin1Char('['), QLatin1Char('.')).remove(QLatin1Char(']'));
    return p.split(QLatin1Char('.'), Qt::SkipEmptyParts);
}

/// English digits and separators whatever the machine's locale: the lessons' prose writes
/// "1,155", and a screen that says "1.155" next to it would read as a different number.
const QLocale& numbers() {
    static const QLocale locale(QLocale::English, QLocale::UnitedStates);
    return locale;
}

/// Decimals that keep about three significant digits without inventing precision.
int decimalsFor(double v) {
    const double a = std::abs(v);
    if (a >= 100) return 0;
    if (a >= 10) return 1;
    if (a >= 1) return 2;
    return 3;
}

}  // namespace

MetricUnit metricUnit(std::string_view path) {
    QStringList parts = segments(path);
    // A node id is a name, not a unit: "latency_ms-proxy" says nothing about the figure.
    if (parts.size() > 1 &&
        (parts[0] == QLatin1String("clients") || parts[0] == QLatin1String("nodes")))
        parts.removeAt(1);
    else if (parts.size() > 2 && parts[0] == QLatin1String("theory") &&
             parts[1] == QLatin1String("littles_law"))
        parts.removeAt(2);
    for (const QString& s : std::as_const(parts)) {
        if (s.contains(QLatin1String("availability")) || s == QLatin1String("utilization"))
            return MetricUnit::percent;
        if (s.endsWith(QLatin1String("_ms")) || s.contains(QLatin1String("_ms_")))
            return MetricUnit::milliseconds;
        if (s.endsWith(QLatin1String("per_s"))) return MetricUnit::perSecond;
        if (s.endsWith(QLatin1String("_s"))) return MetricUnit::seconds;
    }
    return MetricUnit::number;
}

double displayValue(MetricUnit unit, double reportValue) {
    return unit == MetricUnit::percent ? reportValue * 100.0 : reportValue;
}

QString unitSuffix(MetricUnit unit) {
    switch (unit) {
        case MetricUnit::percent: return QStringLiteral("%");
        case MetricUnit::milliseconds: return QStringLiteral("ms");
        case MetricUnit::seconds: return QStringLiteral("s");
        case MetricUnit::perSecond: return QStringLiteral("/s");
        case MetricUnit::number: break;
    }
    return {};
}

QString formatMetric(std::string_view path, double reportValue) {
    if (!std::isfinite(reportValue)) return QStringLiteral("–");
    const MetricUnit unit = metricUnit(path);
    const double v = displayValue(unit, reportValue);
    switch (unit) {
        // Two decimals: the availability lessons turn on 99.70 % against 99.90 %.
        case MetricUnit::percent: return numbers().toString(v, 'f', 2) + QStringLiteral(" %");
        case MetricUnit::milliseconds:
            return numbers().toString(v, 'f', std::min(decimalsFor(v), 1)) + QStringLiteral(" ms");
        case MetricUnit::seconds:
            return numbers().toString(v, 'f', std::min(decimalsFor(v), 2)) + QStringLiteral(" s");
        case MetricUnit::perSecond: return numbers().toString(v, 'f', 1) + QStringLiteral("/s");
        case MetricUnit::number: break;
    }
    if (v == std::round(v) && std::abs(v) < 1e15) return numbers().toString(qlonglong(v));
    return numbers().toString(v, 'f', decimalsFor(v));
}

QString metricShortName(std::string_view path) {
    QStringList parts = segments(path);
    if (parts.isEmpty()) return {};
    QString leaf = parts.takeLast();
    // "p99", "mean", "max" say little alone: name what they are a statistic of.
    static const QStringList statistics{QStringLiteral("mean"), QStringLiteral("max"),
                                        QStringLiteral("min"), QStringLiteral("end")};
    const bool statistic =
        statistics.contains(leaf) ||
        (leaf.size() > 1 && leaf[0] == QLatin1Char('p') && leaf.mid(1).toInt() > 0);
    if (statistic && !parts.isEmpty()) {
        QString owner = parts.last();
        if (owner.endsWith(QLatin1String("_ms"))) owner.chop(3);
        leaf = owner + QLatin1Char(' ') + leaf;
    }
    return leaf.replace(QLatin1Char('_'), QLatin1Char(' '));
}

QString metricNodeId(std::string_view path) {
    const QStringList parts = segments(path);
    if (parts.size() < 2) return {};
    if (parts[0] == QLatin1String("clients") || parts[0] == QLatin1String("nodes")) return parts[1];
    return {};
}

}  // namespace flowlab::ui
