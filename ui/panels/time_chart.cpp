#include "panels/time_chart.hpp"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>
#include <cmath>

namespace flowlab::ui {

namespace {

/// The round tick spacing (1, 2, 2.5 or 5 times a power of ten) that cuts `span` into
/// the number of pieces nearest to `parts`.
double niceStep(double span, int parts) {
    if (!(span > 0)) return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(span / parts)));
    double best = magnitude;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (std::abs(span / (m * magnitude) - parts) < std::abs(span / best - parts)) best = m * magnitude;
    return best;
}

void showInLegend(QChart* chart, QAbstractSeries* series, bool shown) {
    for (QLegendMarker* marker : chart->legend()->markers(series)) marker->setVisible(shown);
}

}  // namespace

struct TimeChart::Impl {
    struct Series {
        QLineSeries* line = nullptr;        ///< the data (a band's upper line); the first piece of a gapped line
        std::vector<QLineSeries*> pieces;   ///< further pieces after gaps, same pen, not in the legend
        QList<QPointF> points;              ///< as set, gaps included
        bool band = false;
        QAreaSeries* area = nullptr;        ///< a band's series (owns its legend entry)
        bool optional = false;              ///< leaves the legend while it has no points (theory lines)
        bool inLegend = true;
    };
    QChart* chart = nullptr;
    QValueAxis* x = nullptr;
    QValueAxis* y = nullptr;
    std::vector<Series> series;
    QLineSeries* lastBand = nullptr;  ///< the top of the last stacked band
};

TimeChart::TimeChart(const QString& title, const QString& unit, QWidget* parent)
    : QWidget(parent), impl_(std::make_unique<Impl>()) {
    impl_->chart = new QChart;
    impl_->chart->setTitle(title);
    impl_->chart->legend()->setAlignment(Qt::AlignBottom);
    impl_->chart->setMargins(QMargins(2, 2, 2, 2));
    impl_->chart->setBackgroundRoundness(0);
    QFont small = impl_->chart->titleFont();
    small.setPointSizeF(8);
    impl_->chart->setTitleFont(small);
    impl_->chart->legend()->setFont(small);
    impl_->x = new QValueAxis;
    impl_->x->setTitleText(tr("virtual time (s)"));
    impl_->x->setTitleFont(small);
    impl_->x->setLabelsFont(small);
    impl_->x->setLabelFormat(QStringLiteral("%g"));
    impl_->x->setTickType(QValueAxis::TicksDynamic);
    impl_->x->setTickAnchor(0);
    impl_->y = new QValueAxis;
    impl_->y->setTitleText(unit);
    impl_->y->setTitleFont(small);
    impl_->y->setLabelsFont(small);
    impl_->y->setLabelFormat(QStringLiteral("%.4g"));
    impl_->y->setTickType(QValueAxis::TicksDynamic);
    impl_->y->setTickAnchor(0);
    impl_->chart->addAxis(impl_->x, Qt::AlignBottom);
    impl_->chart->addAxis(impl_->y, Qt::AlignLeft);
    auto* view = new QChartView(impl_->chart, this);
    view->setRenderHint(QPainter::Antialiasing);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view);
    setMinimumHeight(190);
}

TimeChart::~TimeChart() = default;

int TimeChart::addLine(const QString& name, const QColor& color, bool dashed) {
    auto* series = new QLineSeries;
    series->setName(name);
    QPen pen(color, dashed ? 1.5 : 2);
    if (dashed) pen.setStyle(Qt::DashLine);
    series->setPen(pen);
    impl_->chart->addSeries(series);
    series->attachAxis(impl_->x);
    series->attachAxis(impl_->y);
    Impl::Series entry;
    entry.line = series;
    entry.optional = dashed;
    entry.inLegend = !dashed;
    impl_->series.push_back(entry);
    if (dashed) showInLegend(impl_->chart, series, false);
    return int(impl_->series.size()) - 1;
}

int TimeChart::addStackedBand(const QString& name, const QColor& color) {
    // The band fills from the previous band's top (or from zero); points are cumulative.
    auto* upper = new QLineSeries(this);
    auto* area = new QAreaSeries(upper, impl_->lastBand);
    area->setName(name);
    area->setColor(color);
    area->setBorderColor(color.darker(120));
    impl_->chart->addSeries(area);
    area->attachAxis(impl_->x);
    area->attachAxis(impl_->y);
    Impl::Series entry;
    entry.line = upper;
    entry.band = true;
    entry.area = area;
    entry.optional = true;  // a depth chart has no thread bands to explain
    entry.inLegend = false;
    area->setVisible(false);
    impl_->series.push_back(entry);
    impl_->lastBand = upper;
    return int(impl_->series.size()) - 1;
}

void TimeChart::setPoints(int series, const QList<QPointF>& points) {
    if (series < 0 || series >= int(impl_->series.size())) return;
    Impl::Series& s = impl_->series[series];
    s.points = points;
    // Split at the gaps: Qt Charts would join across a NaN (or drop the whole line).
    QList<QList<QPointF>> runs(1);
    for (const QPointF& p : points) {
        if (std::isfinite(p.y())) {
            runs.back() << p;
        } else if (!runs.back().isEmpty()) {
            runs.append(QList<QPointF>());
        }
    }
    if (runs.size() > 1 && runs.back().isEmpty()) runs.removeLast();
    if (s.band) {  // bands have no gaps: their areas would tear
        QList<QPointF> all;
        for (const auto& run : runs) all += run;
        s.line->replace(all);
        // An empty area still draws a stray edge at the axis: hide it (and its legend entry).
        if (s.inLegend != !all.isEmpty()) {
            s.inLegend = !all.isEmpty();
            s.area->setVisible(s.inLegend);
        }
        return;
    }
    s.line->replace(runs.front());
    for (qsizetype i = 1; i < runs.size(); ++i) {
        if (size_t(i - 1) == s.pieces.size()) {
            auto* piece = new QLineSeries;
            piece->setPen(s.line->pen());
            impl_->chart->addSeries(piece);
            piece->attachAxis(impl_->x);
            piece->attachAxis(impl_->y);
            showInLegend(impl_->chart, piece, false);
            s.pieces.push_back(piece);
        }
        s.pieces[size_t(i - 1)]->replace(runs[i]);
    }
    for (size_t i = size_t(runs.size()) - 1; i < s.pieces.size(); ++i)
        if (s.pieces[i]->count() > 0) s.pieces[i]->clear();
    if (s.optional && s.inLegend != !runs.front().isEmpty()) {
        s.inLegend = !runs.front().isEmpty();
        showInLegend(impl_->chart, s.line, s.inLegend);
    }
}

QList<QPointF> TimeChart::points(int series) const {
    if (series < 0 || series >= int(impl_->series.size())) return {};
    return impl_->series[series].points;
}

int TimeChart::drawnSegments(int series) const {
    if (series < 0 || series >= int(impl_->series.size())) return 0;
    const Impl::Series& s = impl_->series[series];
    int n = s.line->count() > 0 ? 1 : 0;
    for (const QLineSeries* piece : s.pieces) n += piece->count() > 0 ? 1 : 0;
    return n;
}

bool TimeChart::inLegend(int series) const {
    if (series < 0 || series >= int(impl_->series.size())) return false;
    return impl_->series[series].inLegend;
}

double TimeChart::xTickInterval() const { return impl_->x->tickInterval(); }
double TimeChart::yTickInterval() const { return impl_->y->tickInterval(); }

void TimeChart::setTitle(const QString& title) { impl_->chart->setTitle(title); }

void TimeChart::setUnit(const QString& unit) { impl_->y->setTitleText(unit); }

void TimeChart::setRanges(double x0, double x1, double yMin, double yMax) {
    x1 = std::max(x1, x0 + 1);
    yMax = yMax > yMin ? yMax : yMin + 1;
    impl_->x->setRange(x0, x1);
    impl_->x->setTickInterval(niceStep(x1 - x0, 4));
    impl_->y->setRange(yMin, yMax);
    impl_->y->setTickInterval(niceStep(yMax - yMin, 3));
}

}  // namespace flowlab::ui
