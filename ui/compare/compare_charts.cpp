#include "compare/compare_charts.hpp"

#include <QHBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

#include "compare/compare_style.hpp"
#include "flowlab/run/metric_path.hpp"
#include "panels/metric_format.hpp"
#include "panels/time_chart.hpp"

namespace flowlab::ui {

namespace {

constexpr double gap = std::numeric_limits<double>::quiet_NaN();
constexpr CompareSide sides[] = {CompareSide::a, CompareSide::b};

/// One client's samples of one figure; an interval in which nothing finished is a gap.
template <class Value>
QList<QPointF> samples(const run::Frame& frame, int client, Value value, bool gapWhenIdle) {
    QList<QPointF> out;
    if (client < 0 || client >= int(frame.client_series.size())) return out;
    for (const auto& p : frame.client_series[size_t(client)]) {
        const bool idle = p.ok_per_s + p.failed_per_s <= 0;
        out << QPointF(p.t_s, gapWhenIdle && idle ? gap : value(p));
    }
    return out;
}

/// "A <b>74.80 %</b> · B <b>99.00 %</b>": both since-start figures, in the sides' colours.
QString sinceStart(const run::Frame& a, const run::Frame& b, const std::string& path) {
    QStringList parts;
    const run::Frame* frames[] = {&a, &b};
    for (int i = 0; i < 2; ++i) {
        const auto v = frames[i]->report ? run::metric_value(*frames[i]->report, path)
                                         : std::optional<double>();
        const QString text = v ? formatMetric(path, *v).replace(' ', QChar(0x00a0)) : "–";
        // A tab, not a space, inside the tag: TimeChart wraps a long title at spaces.
        parts << QStringLiteral("<span\tstyle='color:%1'>%2&nbsp;<b>%3</b></span>")
                     .arg(sideColor(sides[i]).name(), sideLetter(sides[i]), text);
    }
    return CompareCharts::tr("since start %1").arg(parts.join(QStringLiteral(" · ")));
}

double highest(const QList<QPointF>& points, double floor) {
    for (const auto& p : points)
        if (std::isfinite(p.y())) floor = std::max(floor, p.y());
    return floor;
}

double lowest(const QList<QPointF>& points, double ceiling) {
    for (const auto& p : points)
        if (std::isfinite(p.y())) ceiling = std::min(ceiling, p.y());
    return ceiling;
}

}  // namespace

CompareCharts::CompareCharts(const QString& nameA, const QString& nameB, QWidget* parent)
    : QWidget(parent) {
    latency_ = new TimeChart(tr("P99 latency"), tr("ms"), this);
    availability_ = new TimeChart(tr("Availability"), tr("% ok"), this);
    throughput_ = new TimeChart(tr("Answered"), tr("per s"), this);
    for (TimeChart* chart : {latency_, availability_, throughput_}) {
        chart->addLine(sideTitle(CompareSide::a, nameA), sideColor(CompareSide::a), false, 3);
        chart->addLine(sideTitle(CompareSide::b, nameB), sideColor(CompareSide::b), false, 3);
    }
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(2);
    row->addWidget(latency_);
    row->addWidget(availability_);
    row->addWidget(throughput_);
    setMinimumHeight(latency_->minimumHeight());
}

void CompareCharts::setClient(int indexA, int indexB, const std::string& id) {
    clientA_ = indexA;
    clientB_ = indexB;
    clientId_ = id;
}

void CompareCharts::showFrames(const run::Frame& a, const run::Frame& b) {
    const int clients[] = {clientA_, clientB_};
    const run::Frame* frames[] = {&a, &b};
    const double newest = std::max(kernel::to_s(a.now), kernel::to_s(b.now));
    const double x0 = std::max(0.0, newest - std::max(a.window_s, b.window_s));
    const double x1 = std::max(newest, x0 + 1.0);
    double latencyTop = 1.0, throughputTop = 1.0, availabilityLow = 100.0;
    for (int i = 0; i < 2; ++i) {
        const auto p99 = samples(
            *frames[i], clients[i], [](const run::ClientPoint& p) { return p.p99_ms; }, true);
        const auto avail = samples(
            *frames[i], clients[i],
            [](const run::ClientPoint& p) { return p.availability * 100.0; }, true);
        const auto ok = samples(
            *frames[i], clients[i], [](const run::ClientPoint& p) { return p.ok_per_s; }, false);
        latency_->setPoints(i, p99);
        availability_->setPoints(i, avail);
        throughput_->setPoints(i, ok);
        latencyTop = highest(p99, latencyTop);
        throughputTop = highest(ok, throughputTop);
        availabilityLow = lowest(avail, availabilityLow);
    }
    latency_->setRanges(x0, x1, 0, latencyTop * 1.1);
    availability_->setRanges(x0, x1, std::max(0.0, std::floor(availabilityLow - 1.0)), 100.5);
    throughput_->setRanges(x0, x1, 0, throughputTop * 1.1);
    const QString each = tr("each 0.5 s");
    const std::string at = "clients." + clientId_;
    latency_->setTitle(
        tr("<b>P99 latency</b> of %1, %2").arg(QString::fromStdString(clientId_), each),
        sinceStart(a, b, at + ".latency_ms.p99"));
    availability_->setTitle(
        tr("<b>Availability</b> of %1, %2").arg(QString::fromStdString(clientId_), each),
        sinceStart(a, b, at + ".availability"));
    throughput_->setTitle(
        tr("<b>Answered per s</b> of %1, %2").arg(QString::fromStdString(clientId_), each));
}

}  // namespace flowlab::ui
