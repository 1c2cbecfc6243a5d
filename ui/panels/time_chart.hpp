#pragma once
/// A chart of values over virtual time. The only class that touches QtCharts (which Qt
/// deprecates in favour of Qt Graphs), so swapping the backend is one file.

#include <QColor>
#include <QList>
#include <QPointF>
#include <QWidget>
#include <memory>

QT_BEGIN_NAMESPACE
class QValueAxis;
QT_END_NAMESPACE

namespace flowlab::ui {

class TimeChart : public QWidget {
    Q_OBJECT
public:
    TimeChart(const QString& title, const QString& unit, QWidget* parent = nullptr);
    ~TimeChart() override;

    /// Adds a line; `dashed` for theory lines. Returns its index.
    int addLine(const QString& name, const QColor& color, bool dashed = false, qreal width = 2);
    /// Removes every line and band (a chart whose lines depend on the open lesson).
    void removeAllLines();
    int lineCount() const;
    /// A line's name in the legend.
    QString lineName(int series) const;
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
    /// A stacked band (its points are its top: the bands below it included).
    bool isBand(int series) const;
    /// A dashed theory line (drawn across the window, not sampled).
    bool isTheoryLine(int series) const;
    /// The y axis' title.
    QString unit() const;
    /// Whether the series has an entry in the legend.
    bool inLegend(int series) const;
    /// The legend as shown (HTML), for tests.
    QString legendText() const;
    /// The title, and a second part ("P99 since start 16 ms") that follows it on the same
    /// line when the chart is wide enough, else on a line of its own. HTML is allowed.
    void setTitle(const QString& title, const QString& detail = QString());
    /// The title as shown (HTML), and its font (tests: it follows the text scale).
    QString title() const;
    QFont titleFont() const;
    /// The y axis' title.
    void setUnit(const QString& unit);
    /// Whether the time axis has its tick labels (a chart above another with the same
    /// window can leave them to the lower one and keep the height for its plot).
    void setTimeLabelsVisible(bool visible);
    /// x: seconds of virtual time; y from 0 (or yMin) to the data's maximum (or yMax).
    /// Ticks fall on round numbers (1, 2, 2.5 or 5 times a power of ten) counted from 0.
    void setRanges(double x0, double x1, double yMin, double yMax);

    /// Where the data is drawn, in the chart's pixels (tests: is it tall enough to read).
    QRectF plotArea() const;
    /// The axes' tick spacing (tests).
    double xTickInterval() const;
    double yTickInterval() const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    /// Fonts and colours from the theme and the text scale.
    void applyAppearance();
    void applyTitle();
    void updateLegend();
    /// Sets an axis' range and tick step without ever laying out a wide range at a fine step.
    static void setAxis(QValueAxis* axis, double low, double high, double step);

    struct Impl;
    std::unique_ptr<Impl> impl_;
    QString title_, detail_;
};

}  // namespace flowlab::ui
