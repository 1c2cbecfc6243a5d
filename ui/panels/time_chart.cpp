#include "panels/time_chart.hpp"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QRegularExpression>
#include <QVBoxLayout>
#include <QValueAxis>
#include <cmath>

#include "theme/appearance.hpp"

namespace flowlab::ui {

namespace {

/// The round tick spacing (1, 2, 2.5 or 5 times a power of ten) that cuts `span` into
/// the number of pieces nearest to `parts`.
double niceStep(double span, int parts) {
    if (!(span > 0)) return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(span / parts)));
    double best = magnitude;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (std::abs(span / (m * magnitude) - parts) < std::abs(span / best - parts))
            best = m * magnitude;
    return best;
}

}  // namespace

struct TimeChart::Impl {
    struct Series {
        QLineSeries* line =
            nullptr;  ///< the data (a band's upper line); the first piece of a gapped line
        std::vector<QLineSeries*>
            pieces;             ///< further pieces after gaps, same pen, not in the legend
        QList<QPointF> points;  ///< as set, gaps included
        bool band = false;
        QAreaSeries* area = nullptr;  ///< a band's series (owns its legend entry)
        bool optional = false;        ///< leaves the legend while it has no points (theory lines)
        bool inLegend = true;
    };
    QChart* chart = nullptr;
    QValueAxis* x = nullptr;
    QValueAxis* y = nullptr;
    std::vector<Series> series;
    QLineSeries* lastBand = nullptr;  ///< the top of the last stacked band
    QLabel* legend = nullptr;
};

TimeChart::TimeChart(const QString& title, const QString& unit, QWidget* parent)
    : QWidget(parent), impl_(std::make_unique<Impl>()) {
    impl_->chart = new QChart;
    impl_->chart->setTitle(title);
    // QtCharts' legend drops its labels when a narrow chart cannot fit them in one row
    // (leaving bare colour squares); this one wraps.
    impl_->chart->legend()->hide();
    impl_->chart->setMargins(QMargins(2, 2, 2, 2));
    impl_->chart->setBackgroundRoundness(0);
    impl_->x = new QValueAxis;
    impl_->x->setTitleText(tr("virtual time (s)"));
    impl_->x->setLabelFormat(QStringLiteral("%g"));
    impl_->x->setTickType(QValueAxis::TicksDynamic);
    impl_->x->setTickAnchor(0);
    impl_->y = new QValueAxis;
    impl_->y->setTitleText(unit);
    impl_->y->setLabelFormat(QStringLiteral("%.4g"));
    impl_->y->setTickType(QValueAxis::TicksDynamic);
    impl_->y->setTickAnchor(0);
    impl_->chart->addAxis(impl_->x, Qt::AlignBottom);
    impl_->chart->addAxis(impl_->y, Qt::AlignLeft);
    auto* view = new QChartView(impl_->chart, this);
    view->setRenderHint(QPainter::Antialiasing);
    impl_->legend = new QLabel(this);
    impl_->legend->setWordWrap(true);
    impl_->legend->setAlignment(Qt::AlignCenter);
    impl_->legend->setTextFormat(Qt::RichText);
    impl_->legend->setAutoFillBackground(true);
    impl_->legend->setContentsMargins(2, 0, 2, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(view, 1);
    layout->addWidget(impl_->legend);
    // Two rows of charts under the canvas must leave the canvas room on a 1280x720
    // projector: below ~150 px the plot area itself gets too short to read a trend.
    setMinimumHeight(150);
    applyAppearance();
    connect(&Appearance::instance(), &Appearance::changed, this, &TimeChart::applyAppearance);
}

void TimeChart::applyAppearance() {
    const Appearance& look = Appearance::instance();
    const ThemeColors& colors = look.colors();
    // 8 pt ticks and 9.5 pt titles at a desk; presenter mode doubles them.
    QFont small = font();
    small.setPointSizeF(8 * look.textScale());
    // The title names the node and carries the figure since the start: the one line of a
    // chart that has to read from a distance.
    QFont titleFont = small;
    titleFont.setPointSizeF(9.5 * look.textScale());
    impl_->chart->setTitleFont(titleFont);
    impl_->chart->setTitleBrush(colors.chartText);
    impl_->chart->setBackgroundBrush(colors.chartBackground);
    impl_->chart->setPlotAreaBackgroundBrush(colors.chartPlot);
    impl_->chart->setPlotAreaBackgroundVisible(true);
    for (QValueAxis* axis : {impl_->x, impl_->y}) {
        axis->setTitleFont(small);
        axis->setLabelsFont(small);
        axis->setTitleBrush(colors.chartText);
        axis->setLabelsBrush(colors.chartText);
        axis->setGridLineColor(colors.chartGrid);
        axis->setLinePenColor(colors.chartGrid);
    }
    impl_->legend->setFont(small);
    QPalette palette = impl_->legend->palette();
    palette.setColor(QPalette::Window, colors.chartBackground);
    palette.setColor(QPalette::WindowText, colors.chartText);
    impl_->legend->setPalette(palette);
    applyTitle();
}

TimeChart::~TimeChart() = default;

int TimeChart::addLine(const QString& name, const QColor& color, bool dashed, qreal width) {
    auto* series = new QLineSeries;
    series->setName(name);
    QPen pen(color, dashed ? 1.5 : width);
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
    updateLegend();
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
    updateLegend();
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
            updateLegend();
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
            // A piece continues its line: never a legend entry of its own, should the
            // chart's legend ever be shown (the QLabel under the chart is the legend).
            for (QLegendMarker* marker : impl_->chart->legend()->markers(piece))
                marker->setVisible(false);
            s.pieces.push_back(piece);
        }
        s.pieces[size_t(i - 1)]->replace(runs[i]);
    }
    for (size_t i = size_t(runs.size()) - 1; i < s.pieces.size(); ++i)
        if (s.pieces[i]->count() > 0) s.pieces[i]->clear();
    if (s.optional && s.inLegend != !runs.front().isEmpty()) {
        s.inLegend = !runs.front().isEmpty();
        updateLegend();
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

void TimeChart::removeAllLines() {
    impl_->chart->removeAllSeries();  // deletes them, gap pieces included
    impl_->series.clear();
    impl_->lastBand = nullptr;
    updateLegend();
}

void TimeChart::updateLegend() {
    // One entry per series in the legend: a swatch in its colour (a block for a band, a
    // bar for a line, dashes for a theory line) and its name, kept together on one line.
    QStringList entries;
    for (const Impl::Series& s : impl_->series) {
        if (!s.inLegend) continue;
        const QString name = (s.area ? s.area->name() : s.line->name()).toHtmlEscaped();
        const QPen pen = s.line->pen();
        const QColor color = s.area ? s.area->color() : pen.color();
        const QString swatch = s.area                         ? QStringLiteral("■")
                               : pen.style() == Qt::SolidLine ? QStringLiteral("▬")
                                                              : QStringLiteral("┅");
        entries << QStringLiteral("<span style='color:%1'><b>%2</b></span>&nbsp;%3")
                       .arg(color.name(), swatch,
                            QString(name).replace(QLatin1Char(' '), QStringLiteral("&nbsp;")));
    }
    impl_->legend->setText(entries.join(QStringLiteral(" &nbsp; ")));
    impl_->legend->setVisible(!entries.isEmpty());
}

bool TimeChart::isBand(int series) const { return impl_->series.at(size_t(series)).band; }

bool TimeChart::isTheoryLine(int series) const {
    const auto& entry = impl_->series.at(size_t(series));
    return !entry.band && entry.optional;
}

QString TimeChart::unit() const { return impl_->y->titleText(); }

QString TimeChart::legendText() const { return impl_->legend->text(); }

int TimeChart::lineCount() const { return int(impl_->series.size()); }

QString TimeChart::lineName(int series) const {
    if (series < 0 || series >= int(impl_->series.size())) return {};
    const Impl::Series& s = impl_->series[series];
    return s.area ? s.area->name() : s.line->name();
}

QString TimeChart::title() const { return impl_->chart->title(); }
QFont TimeChart::titleFont() const { return impl_->chart->titleFont(); }

QRectF TimeChart::plotArea() const { return impl_->chart->plotArea(); }

double TimeChart::xTickInterval() const { return impl_->x->tickInterval(); }
double TimeChart::yTickInterval() const { return impl_->y->tickInterval(); }

void TimeChart::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    // A short chart (two rows under the canvas on a 720-line projector) spends a third of
    // its height on the axis titles and QtCharts then elides the tick labels to "...":
    // the ticks matter more, and the unit of time is the same in every chart.
    const bool roomy = height() >= 280;
    if (impl_->x->isTitleVisible() != roomy) impl_->x->setTitleVisible(roomy);
    applyTitle();
}

void TimeChart::setTitle(const QString& title, const QString& detail) {
    title_ = title;
    detail_ = detail;
    applyTitle();
}

void TimeChart::applyTitle() {
    // QtCharts elides a title that does not fit; the figures in it are what a student
    // reads, so it wraps instead: the detail moves to a line of its own first, then words
    // wrap. Measured in bold throughout (bold text is wider), tags stripped.
    QFont bold = impl_->chart->titleFont();
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    const int room = width() - 16;
    auto plainWidth = [&](const QString& html) {
        return metrics.horizontalAdvance(
            QString(html).remove(QRegularExpression(QStringLiteral("<[^>]*>"))));
    };
    auto wrap = [&](const QString& html) {
        QStringList lines;
        for (const QString& word : html.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            if (!lines.isEmpty() && plainWidth(lines.last() + QLatin1Char(' ') + word) <= room)
                lines.last() += QLatin1Char(' ') + word;
            else
                lines << word;
        }
        return lines.join(QStringLiteral("<br>"));
    };
    QString shown = title_;
    const QString oneLine = detail_.isEmpty() ? title_ : title_ + QStringLiteral(" · ") + detail_;
    if (plainWidth(oneLine) <= room)
        shown = oneLine;
    else
        shown = detail_.isEmpty() ? wrap(title_)
                                  : wrap(title_) + QStringLiteral("<br>") + wrap(detail_);
    if (impl_->chart->title() != shown) impl_->chart->setTitle(shown);
}

void TimeChart::setUnit(const QString& unit) { impl_->y->setTitleText(unit); }

void TimeChart::setTimeLabelsVisible(bool visible) {
    if (impl_->x->labelsVisible() != visible) impl_->x->setLabelsVisible(visible);
}

void TimeChart::setRanges(double x0, double x1, double yMin, double yMax) {
    x1 = std::max(x1, x0 + 1);
    yMax = yMax > yMin ? yMax : yMin + 1;
    setAxis(impl_->x, x0, x1, niceStep(x1 - x0, 4));
    setAxis(impl_->y, yMin, yMax, niceStep(yMax - yMin, 3));
}

void TimeChart::setAxis(QValueAxis* axis, double low, double high, double step) {
    // The axis lays out its ticks on each change: a range 5,000 times wider under the old
    // step would create (and then drop) thousands of tick items. A coarser step goes in
    // first, a finer one after the range has narrowed.
    if (step >= axis->tickInterval()) {
        axis->setTickInterval(step);
        axis->setRange(low, high);
    } else {
        axis->setRange(low, high);
        axis->setTickInterval(step);
    }
}

}  // namespace flowlab::ui
