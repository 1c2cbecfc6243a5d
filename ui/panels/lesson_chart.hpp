#pragma once
/// One watched figure of the lesson over time (from the frame's watch series: the same
/// report the watch panel reads, every 0.5 s), with what it is held against: the other
/// watched figure it must equal, or the number or theory value it is compared with.
///
/// One figure at a time, chosen by clicking its watch entry: watched figures differ by
/// orders of magnitude (76 double emails against 1,277 emails sent) and on one axis the
/// small ones, usually the point of the lesson, would lie flat on zero.

#include <QElapsedTimer>
#include <QWidget>
#include <string>
#include <vector>

#include "flowlab/model/scenario.hpp"
#include "flowlab/run/frame.hpp"

namespace flowlab::ui {

class TimeChart;

class LessonChart : public QWidget {
    Q_OBJECT
public:
    explicit LessonChart(QWidget* parent = nullptr);

    /// The watch entries that name a metric, in order; none hides the chart.
    void setScenario(const model::Scenario& scenario);
    /// Charts entry `index` (among those that name a metric).
    void setFocus(int index);
    int focus() const { return focus_; }
    /// Redraws at most 10 times a second and only when a sample arrived, unless `force`.
    void showFrame(const run::Frame& frame, bool force = false);
    /// Whether the open lesson watches anything to chart.
    bool hasFigures() const { return !items_.empty(); }

    TimeChart* chart() const { return chart_; }

private:
    void rebuildLines();

    TimeChart* chart_;
    std::vector<model::WatchItem> items_;
    int focus_ = 0;
    /// Per line of the chart: the watch entry it plots, or -1 for a constant reference.
    std::vector<int> lines_;
    std::pair<size_t, double> lastMark_{0, -1.0};
    bool dirty_ = true;
    QElapsedTimer sinceRedraw_;
};

}  // namespace flowlab::ui
