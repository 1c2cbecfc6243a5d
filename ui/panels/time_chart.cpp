#include "panels/time_chart.hpp"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>

namespace flowlab::ui {

struct TimeChart::Impl {
    QChart* chart = nullptr;
    QValueAxis* x = nullptr;
    QValueAxis* y = nullptr;
    std::vector<QLineSeries*> lines;  ///< the series' data (a band's upper line)
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
    impl_->x->setLabelFormat(QStringLiteral("%.0f"));
    impl_->x->setTickCount(5);
    impl_->y = new QValueAxis;
    impl_->y->setTitleText(unit);
    impl_->y->setTitleFont(small);
    impl_->y->setLabelsFont(small);
    impl_->y->setLabelFormat(QStringLiteral("%.4g"));
    impl_->y->setTickCount(4);
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
    impl_->lines.push_back(series);
    return int(impl_->lines.size()) - 1;
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
    impl_->lines.push_back(upper);
    impl_->lastBand = upper;
    return int(impl_->lines.size()) - 1;
}

void TimeChart::setPoints(int series, const QList<QPointF>& points) {
    if (series < 0 || series >= int(impl_->lines.size())) return;
    impl_->lines[series]->replace(points);
}

QList<QPointF> TimeChart::points(int series) const {
    if (series < 0 || series >= int(impl_->lines.size())) return {};
    return impl_->lines[series]->points();
}

void TimeChart::setTitle(const QString& title) { impl_->chart->setTitle(title); }

void TimeChart::setRanges(double x0, double x1, double yMin, double yMax) {
    impl_->x->setRange(x0, std::max(x1, x0 + 1));
    impl_->y->setRange(yMin, yMax > yMin ? yMax : yMin + 1);
}

}  // namespace flowlab::ui
