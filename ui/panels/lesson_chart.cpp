#include "panels/lesson_chart.hpp"

#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

#include "flowlab/run/metric_path.hpp"
#include "panels/metric_format.hpp"
#include "panels/time_chart.hpp"

namespace flowlab::ui {

namespace {

const QColor focusColor(0x1e, 0x88, 0xe5);
const QColor againstColor(0x8e, 0x24, 0xaa);
const QColor referenceColor(0x60, 0x60, 0x60);

QString labelOf(const model::WatchItem& item) {
    return QString::fromStdString(item.label.empty() ? item.metric : item.label);
}

bool isTheory(const std::string& path) { return path.rfind("theory.", 0) == 0; }

}  // namespace

LessonChart::LessonChart(QWidget* parent) : QWidget(parent) {
    chart_ = new TimeChart(tr("Lesson"), tr("count"), this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(chart_);
    setToolTip(
        tr("The watched figure over time, since the run began; click another watch entry to chart "
           "it"));
}

void LessonChart::setScenario(const model::Scenario& scenario) {
    items_.clear();
    if (scenario.lesson)
        for (const auto& w : scenario.lesson->watch)
            if (!w.metric.empty()) items_.push_back(w);
    focus_ = 0;
    dirty_ = true;
    setVisible(!items_.empty());
    rebuildLines();
}

void LessonChart::setFocus(int index) {
    if (index < 0 || index >= int(items_.size()) || index == focus_) return;
    focus_ = index;
    rebuildLines();
}

void LessonChart::rebuildLines() {
    chart_->removeAllLines();
    lines_.clear();
    dirty_ = true;
    if (items_.empty()) return;
    const model::WatchItem& f = items_[size_t(focus_)];
    chart_->addLine(labelOf(f), focusColor, false, 3);
    lines_.push_back(focus_);
    // Held against another watched figure: that one's own line, on the same axis.
    for (size_t k = 0; k < items_.size(); ++k)
        if (!f.against.empty() && items_[k].metric == f.against && int(k) != focus_) {
            chart_->addLine(labelOf(items_[k]), againstColor);
            lines_.push_back(int(k));
        }
    // A number does not move and a theory figure is fixed by the scenario: a level line.
    // Any other figure moves with the run, so its value now drawn across the window would
    // misstate its past; it gets no line unless the lesson watches it.
    if (f.expect || isTheory(f.against)) {
        chart_->addLine(f.expect ? tr("expected") : tr("theory"), referenceColor, true);
        lines_.push_back(-1);
    }
    const QString suffix = unitSuffix(metricUnit(f.metric));
    // A share such as a cache's hit_ratio is no count of anything.
    const bool ratio = QString::fromStdString(f.metric).endsWith(QLatin1String("ratio"));
    chart_->setUnit(!suffix.isEmpty() ? suffix : ratio ? tr("ratio") : tr("count"));
    chart_->setTitle(tr("<b>%1</b> since the start").arg(labelOf(f).toHtmlEscaped()));
}

void LessonChart::showFrame(const run::Frame& frame, bool force) {
    if (items_.empty()) return;
    if (!force && !dirty_ && sinceRedraw_.isValid() && sinceRedraw_.elapsed() < 100) return;
    // Watch series k belongs to the k-th watch entry that names a metric; match by name
    // too, in case the frame still comes from an engine loaded with another lesson.
    auto seriesOf = [&](int entry) -> const std::vector<run::MetricPoint>* {
        const std::string& metric = items_[size_t(entry)].metric;
        if (entry < int(frame.watch_metrics.size()) &&
            frame.watch_metrics[size_t(entry)] == metric && entry < int(frame.watch_series.size()))
            return &frame.watch_series[size_t(entry)];
        for (size_t j = 0; j < frame.watch_metrics.size() && j < frame.watch_series.size(); ++j)
            if (frame.watch_metrics[j] == metric) return &frame.watch_series[j];
        return nullptr;
    };
    const auto* focused = seriesOf(focus_);
    const std::pair<size_t, double> mark =
        focused && !focused->empty() ? std::make_pair(focused->size(), focused->back().t_s)
                                     : std::make_pair(size_t(0), -1.0);
    if (!force && !dirty_ && mark == lastMark_) return;
    lastMark_ = mark;
    dirty_ = false;
    sinceRedraw_.start();

    const model::WatchItem& f = items_[size_t(focus_)];
    const MetricUnit unit = metricUnit(f.metric);
    const double newest = mark.second >= 0 ? mark.second : double(frame.now) / 1e9;
    const double x0 = std::max(0.0, newest - frame.window_s);
    const double x1 = std::max(newest, x0 + 1.0);
    double low = std::numeric_limits<double>::infinity(), high = -low;
    for (size_t line = 0; line < lines_.size(); ++line) {
        QList<QPointF> points;
        if (lines_[line] >= 0) {
            if (const auto* series = seriesOf(lines_[line]))
                for (const auto& p : *series) points << QPointF(p.t_s, displayValue(unit, p.value));
        } else {
            std::optional<double> reference = f.expect;
            if (!f.against.empty() && frame.report)
                reference = run::metric_value(*frame.report, f.against);
            if (reference)
                points = {QPointF(x0, displayValue(unit, *reference)),
                          QPointF(x1, displayValue(unit, *reference))};
        }
        for (const auto& p : points) {
            low = std::min(low, p.y());
            high = std::max(high, p.y());
        }
        chart_->setPoints(int(line), points);
    }
    if (!std::isfinite(low)) low = high = 0;
    // Counts and times from zero, so that 0 against 76 looks like the difference it is; a
    // percentage zooms in to its range, as the availability chart does.
    double yMin = std::min(0.0, low), yMax = std::max(high * 1.1, 1.0);
    if (unit == MetricUnit::percent) {
        yMin = std::max(0.0, std::floor(low - 0.5));
        yMax = std::max(high + 0.25, yMin + 1);
    }
    chart_->setRanges(x0, x1, yMin, yMax);
}

}  // namespace flowlab::ui
