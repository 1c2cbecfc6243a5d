#pragma once
/// A chart of values over virtual time. The only class that touches QtCharts (which Qt
/// deprecates in favour of Qt Graphs), so swapping the backend is one file.

#include <QColor>
#include <QList>
#include <QPointF>
#include <QWidget>
#include <memory>

namespace flowlab::ui {

class TimeChart : public QWidget {
    Q_OBJECT
public:
    TimeChart(const QString& title, const QString& unit, QWidget* parent = nullptr);
    ~TimeChart() override;

    /// Adds a line; `dashed` for theory lines. Returns its index.
    int addLine(const QString& name, const QColor& color, bool dashed = false);
    /// Adds a band filled between the previous band's top and its own (stacked areas).
    /// It is in the legend only while it has points.
    int addStackedBand(const QString& name, const QColor& color);
    /// Replaces a series' points in one call (QXYSeries::replace, not clear + append).
    /// A point whose y is NaN is a gap: the line stops before it and starts again after
    /// (e.g. availability over an interval in which no request finished). A dashed
    /// (theory) line without points leaves the legend.
    void setPoints(int series, const QList<QPointF>& points);
    /// The points as last set, gaps included.
    QList<QPointF> points(int series) const;
    /// How many separate pieces the line is drawn in (0 when it has no finite point).
    int drawnSegments(int series) const;
    /// Whether the series has an entry in the legend.
    bool inLegend(int series) const;
    void setTitle(const QString& title);
    /// The y axis' title.
    void setUnit(const QString& unit);
    /// x: seconds of virtual time; y from 0 (or yMin) to the data's maximum (or yMax).
    /// Ticks fall on round numbers (1, 2, 2.5 or 5 times a power of ten) counted from 0.
    void setRanges(double x0, double x1, double yMin, double yMax);

    /// The axes' tick spacing (tests).
    double xTickInterval() const;
    double yTickInterval() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace flowlab::ui
