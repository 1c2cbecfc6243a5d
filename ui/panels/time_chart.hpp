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
    int addStackedBand(const QString& name, const QColor& color);
    /// Replaces a series' points in one call (QXYSeries::replace, not clear + append).
    void setPoints(int series, const QList<QPointF>& points);
    QList<QPointF> points(int series) const;
    void setTitle(const QString& title);
    /// x: seconds of virtual time; y from 0 (or yMin) to the data's maximum (or yMax).
    void setRanges(double x0, double x1, double yMin, double yMax);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace flowlab::ui
