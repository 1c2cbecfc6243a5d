#pragma once
/// Export of what the window shows: the canvas as PNG and SVG, each chart as PNG, SVG and
/// its time series as CSV, and the report of the run so far as JSON, one file at a time
/// (File > Export, a chart's context menu) or all into a folder (`flowlab --export DIR`).
///
/// The report is the frame's own (`flowlab-report/1`, written by the engine's JSON
/// writer): byte for byte what `flowlab-cli run FILE --until T --format json` prints for
/// the frame's time T.

#include <QObject>
#include <QString>
#include <QStringList>
#include <functional>
#include <vector>

#include "flowlab/run/frame.hpp"

class QGraphicsScene;
class QMenu;
class QWidget;

namespace flowlab::ui {

class MainWindow;
class TimeChart;

/// Each writer returns "" or what went wrong ("cannot write /x/y.png: ...").
QString writeScenePng(QGraphicsScene* scene, const QString& path);
QString writeSceneSvg(QGraphicsScene* scene, const QString& path);
QString writeChartPng(TimeChart* chart, const QString& path);
QString writeChartSvg(TimeChart* chart, const QString& path);
QString writeChartCsv(const TimeChart* chart, const QString& path);
QString writeReportJson(const run::Frame& frame, const QString& path);

/// A chart's time series as CSV: `time_s` and a column per line, a row per sample time
/// (a gap in a line is an empty cell). A stacked band's column is its own share, not its
/// top; a theory line's is its value at that time.
QString chartCsv(const TimeChart* chart);

class Exporter : public QObject {
    Q_OBJECT
public:
    /// Adds an export menu to each chart of `window` (right click).
    explicit Exporter(MainWindow* window);

    /// The charts with their file names ("chart-latency"), in the order shown; the chart of
    /// the lesson's watched figures ("chart-watch") when it names any.
    struct NamedChart {
        QString name;
        TimeChart* chart;
    };
    std::vector<NamedChart> charts() const;

    /// Writes canvas.png, canvas.svg, <chart>.png/.svg/.csv and report.json into `dir`
    /// (created if missing); returns every problem ("" entries are never added).
    QStringList exportAll(const QString& dir) const;

    /// File > Export: each item asks where to write.
    QMenu* createMenu(QWidget* parent);
    /// A chart's export menu (its context menu, and File > Export > Chart).
    QMenu* createChartMenu(TimeChart* chart, const QString& name, QWidget* parent);

private:
    void exportInteractive(const QString& title, const QString& filter, const QString& suffix,
                           const std::function<QString(const QString&)>& write);
    void showChartMenu(TimeChart* chart, const QString& name, const QPoint& at);

    MainWindow* window_;
};

}  // namespace flowlab::ui
