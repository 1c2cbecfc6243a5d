#include "export/exporter.hpp"

#include <QChartView>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QImage>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QSaveFile>
#include <QStatusBar>
#include <QSvgGenerator>
#include <QTextStream>
#include <algorithm>
#include <cmath>
#include <map>
#include <utility>
#include <vector>

#include "canvas/canvas_scene.hpp"
#include "canvas/edge_item.hpp"
#include "canvas/node_item.hpp"
#include "flowlab/run/report_json.hpp"
#include "main_window.hpp"
#include "panels/chart_panel.hpp"
#include "panels/lesson_chart.hpp"
#include "panels/time_chart.hpp"
#include "session/live_session.hpp"

namespace flowlab::ui {

namespace {

/// Pictures are drawn at twice their size on screen: sharp on a projector and in print.
constexpr qreal pictureScale = 2;
/// Space around the drawing of the canvas, in scene units.
constexpr qreal canvasMargin = 24;

QString cannotWrite(const QString& path, const QString& why) {
    return QCoreApplication::translate("Exporter", "cannot write %1: %2").arg(path, why);
}

QString writeBytes(const QString& path, const QByteArray& bytes) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return cannotWrite(path, file.errorString());
    if (file.write(bytes) != bytes.size() || !file.commit())
        return cannotWrite(path, file.errorString());
    return {};
}

/// What the canvas draws: its nodes, and its edges with their labels (not the margins
/// an edge keeps for badges it may not show).
QRectF drawingBounds(QGraphicsScene* scene) {
    QRectF bounds;
    for (QGraphicsItem* item : scene->items()) {
        if (const auto* node = dynamic_cast<const NodeItem*>(item))
            bounds |= node->sceneBoundingRect();
        else if (const auto* edge = dynamic_cast<const EdgeItem*>(item))
            bounds |= edge->path().boundingRect() | edge->labelRect();
    }
    return bounds.adjusted(-canvasMargin, -canvasMargin, canvasMargin, canvasMargin);
}

/// A SVG picture painted by `paint` into a `size` canvas; "" or the problem.
QString writeSvg(const QString& path, const QSize& size, const QString& title,
                 const std::function<void(QPainter&)>& paint) {
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setTitle(title);
    svg.setDescription(QStringLiteral("FlowLab"));
    QPainter painter;
    if (!painter.begin(&svg)) return cannotWrite(path, QStringLiteral("cannot paint"));
    paint(painter);
    painter.end();
    if (QFileInfo(path).size() == 0) return cannotWrite(path, QStringLiteral("nothing written"));
    return {};
}

QString number(double v) { return QString::number(v, 'g', QLocale::FloatingPointShortest); }

/// A CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180).
QString csvField(const QString& text) {
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')))
        return text;
    return QLatin1Char('"') + QString(text).replace(QLatin1Char('"'), QStringLiteral("\"\"")) +
           QLatin1Char('"');
}

/// A theory line's value at `t` (it is drawn straight between its points), NaN outside.
double along(const QList<QPointF>& points, double t) {
    for (qsizetype i = 1; i < points.size(); ++i) {
        const QPointF a = points[i - 1], b = points[i];
        if (t < a.x() || t > b.x()) continue;
        return b.x() > a.x() ? a.y() + (b.y() - a.y()) * (t - a.x()) / (b.x() - a.x()) : a.y();
    }
    return std::nan("");
}

/// Items draw themselves afresh while it lives: a node keeps a cached bitmap of itself for
/// the screen, which would reach an SVG as a picture instead of shapes and text, and a PNG
/// at the screen's resolution instead of the export's.
class UncachedItems {
public:
    explicit UncachedItems(QGraphicsScene* scene) {
        for (QGraphicsItem* item : scene->items())
            if (item->cacheMode() != QGraphicsItem::NoCache) {
                cached_.push_back({item, item->cacheMode()});
                item->setCacheMode(QGraphicsItem::NoCache);
            }
    }
    ~UncachedItems() {
        for (const auto& [item, mode] : cached_) item->setCacheMode(mode);
    }
    UncachedItems(const UncachedItems&) = delete;
    UncachedItems& operator=(const UncachedItems&) = delete;

private:
    std::vector<std::pair<QGraphicsItem*, QGraphicsItem::CacheMode>> cached_;
};

}  // namespace

QString writeScenePng(QGraphicsScene* scene, const QString& path) {
    const QRectF source = drawingBounds(scene);
    QImage image((source.size() * pictureScale).toSize(), QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) return cannotWrite(path, QStringLiteral("the picture is too large"));
    image.fill(Qt::white);
    {
        const UncachedItems uncached(scene);
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        scene->render(&painter, QRectF(image.rect()), source);
    }
    if (!image.save(path, "PNG")) return cannotWrite(path, QStringLiteral("PNG encoder failed"));
    return {};
}

QString writeSceneSvg(QGraphicsScene* scene, const QString& path) {
    const QRectF source = drawingBounds(scene);
    const UncachedItems uncached(scene);
    return writeSvg(path, source.size().toSize(), QStringLiteral("FlowLab canvas"),
                    [&](QPainter& painter) {
                        painter.fillRect(QRectF(QPointF(), source.size()), Qt::white);
                        scene->render(&painter, QRectF(QPointF(), source.size()), source);
                    });
}

QString writeChartPng(TimeChart* chart, const QString& path) {
    QImage image(chart->size() * pictureScale, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) return cannotWrite(path, QStringLiteral("the chart has no size"));
    image.setDevicePixelRatio(pictureScale);
    image.fill(Qt::white);
    chart->render(&image);
    if (!image.save(path, "PNG")) return cannotWrite(path, QStringLiteral("PNG encoder failed"));
    return {};
}

QString writeChartSvg(TimeChart* chart, const QString& path) {
    return writeSvg(path, chart->size(), QStringLiteral("FlowLab chart"),
                    [&](QPainter& painter) { chart->render(&painter); });
}

QString chartCsv(const TimeChart* chart) {
    // Rows: every time at which a sampled line (not a theory line) has a point.
    std::vector<double> times;
    std::vector<std::map<double, double>> byTime(size_t(chart->lineCount()));
    for (int s = 0; s < chart->lineCount(); ++s) {
        if (chart->isTheoryLine(s)) continue;
        for (const QPointF& p : chart->points(s)) {
            times.push_back(p.x());
            byTime[size_t(s)][p.x()] = p.y();
        }
    }
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());

    QString text;
    QTextStream out(&text);
    const QString unit = chart->unit();
    out << "time_s";
    for (int s = 0; s < chart->lineCount(); ++s)
        out << ','
            << csvField(unit.isEmpty() ? chart->lineName(s)
                                       : QStringLiteral("%1 (%2)").arg(chart->lineName(s), unit));
    out << '\n';
    const auto at = [&](int s, double t) {
        const auto& values = byTime[size_t(s)];
        const auto found = values.find(t);
        return found == values.end() ? std::nan("") : found->second;
    };
    for (const double t : times) {
        out << number(t);
        int below = -1;  // the band under the current one
        for (int s = 0; s < chart->lineCount(); ++s) {
            double v = chart->isTheoryLine(s) ? along(chart->points(s), t) : at(s, t);
            if (chart->isBand(s)) {
                // A band's points are its top; its own share is what it adds.
                if (below >= 0) v -= at(below, t);
                below = s;
            }
            out << ',';
            if (std::isfinite(v)) out << number(v);
        }
        out << '\n';
    }
    out.flush();
    return text;
}

QString writeChartCsv(const TimeChart* chart, const QString& path) {
    return writeBytes(path, chartCsv(chart).toUtf8());
}

QString writeReportJson(const run::Frame& frame, const QString& path) {
    if (!frame.report)
        return cannotWrite(path, QCoreApplication::translate("Exporter", "no report yet"));
    // Exactly as flowlab-cli prints it: the engine's writer and a final line break.
    const std::string text = run::to_json_text(*frame.report) + "\n";
    return writeBytes(path, QByteArray::fromStdString(text));
}

Exporter::Exporter(MainWindow* window) : QObject(window), window_(window) {
    for (const NamedChart& named : charts()) {
        auto* view = named.chart->findChild<QChartView*>();
        if (!view) continue;
        view->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(view, &QWidget::customContextMenuRequested, this,
                [this, named, view](const QPoint& pos) {
                    showChartMenu(named.chart, named.name, view->mapToGlobal(pos));
                });
    }
}

std::vector<Exporter::NamedChart> Exporter::charts() const {
    ChartPanel* panel = window_->charts();
    std::vector<NamedChart> charts{
        {QStringLiteral("chart-latency"), panel->latencyChart()},
        {QStringLiteral("chart-availability"), panel->availabilityChart()},
        {QStringLiteral("chart-throughput"), panel->throughputChart()},
        {QStringLiteral("chart-node"), panel->nodeChart()}};
    // The chart of the watched figures is there only when the lesson names some.
    if (window_->lessonChart()->hasFigures())
        charts.push_back({QStringLiteral("chart-watch"), window_->lessonChart()->chart()});
    return charts;
}

QStringList Exporter::exportAll(const QString& dir) const {
    QStringList problems;
    if (!QDir().mkpath(dir)) return {cannotWrite(dir, QStringLiteral("cannot create the folder"))};
    const QDir out(dir);
    const auto note = [&](const QString& problem) {
        if (!problem.isEmpty()) problems << problem;
    };
    note(writeScenePng(window_->scene(), out.filePath(QStringLiteral("canvas.png"))));
    note(writeSceneSvg(window_->scene(), out.filePath(QStringLiteral("canvas.svg"))));
    for (const NamedChart& named : charts()) {
        note(writeChartPng(named.chart, out.filePath(named.name + QStringLiteral(".png"))));
        note(writeChartSvg(named.chart, out.filePath(named.name + QStringLiteral(".svg"))));
        note(writeChartCsv(named.chart, out.filePath(named.name + QStringLiteral(".csv"))));
    }
    const auto frame = window_->session()->frame();
    if (frame)
        note(writeReportJson(*frame, out.filePath(QStringLiteral("report.json"))));
    else
        problems << cannotWrite(out.filePath(QStringLiteral("report.json")),
                                tr("the engine has sent no frame yet"));
    return problems;
}

void Exporter::exportInteractive(const QString& title, const QString& filter, const QString& suffix,
                                 const std::function<QString(const QString&)>& write) {
    QString path = QFileDialog::getSaveFileName(window_, title, QString(), filter);
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().compare(suffix, Qt::CaseInsensitive) != 0)
        path += QLatin1Char('.') + suffix;
    const QString problem = write(path);
    if (!problem.isEmpty()) {
        QMessageBox::warning(window_, tr("Export failed"), problem);
        return;
    }
    window_->statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
}

QMenu* Exporter::createMenu(QWidget* parent) {
    auto* menu = new QMenu(tr("&Export"), parent);
    menu->addAction(tr("Canvas as &PNG..."), this, [this] {
        exportInteractive(
            tr("Export the canvas"), tr("PNG images (*.png)"), QStringLiteral("png"),
            [this](const QString& path) { return writeScenePng(window_->scene(), path); });
    });
    menu->addAction(tr("Canvas as &SVG..."), this, [this] {
        exportInteractive(
            tr("Export the canvas"), tr("SVG pictures (*.svg)"), QStringLiteral("svg"),
            [this](const QString& path) { return writeSceneSvg(window_->scene(), path); });
    });
    menu->addAction(tr("&Report as JSON..."), this, [this] {
        exportInteractive(tr("Export the report of the run so far"), tr("JSON files (*.json)"),
                          QStringLiteral("json"), [this](const QString& path) {
                              const auto frame = window_->session()->frame();
                              return frame ? writeReportJson(*frame, path)
                                           : cannotWrite(path, tr("no report yet"));
                          });
    });
    menu->addSeparator();
    QMenu* chartMenu = menu->addMenu(tr("&Chart"));
    for (const NamedChart& named : charts())
        chartMenu->addMenu(createChartMenu(named.chart, named.name, chartMenu));
    menu->addSeparator();
    menu->addAction(tr("&Everything to a folder..."), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(window_, tr("Export into"));
        if (dir.isEmpty()) return;
        const QStringList problems = exportAll(dir);
        if (!problems.isEmpty())
            QMessageBox::warning(window_, tr("Export failed"), problems.join(QLatin1Char('\n')));
        else
            window_->statusBar()->showMessage(
                tr("Exported the canvas, the charts and the report to %1").arg(dir), 5000);
    });
    return menu;
}

QMenu* Exporter::createChartMenu(TimeChart* chart, const QString& name, QWidget* parent) {
    auto* menu = new QMenu(name, parent);
    menu->addAction(tr("Export chart as &PNG..."), this, [this, chart] {
        exportInteractive(tr("Export the chart"), tr("PNG images (*.png)"), QStringLiteral("png"),
                          [chart](const QString& path) { return writeChartPng(chart, path); });
    });
    menu->addAction(tr("Export chart as &SVG..."), this, [this, chart] {
        exportInteractive(tr("Export the chart"), tr("SVG pictures (*.svg)"), QStringLiteral("svg"),
                          [chart](const QString& path) { return writeChartSvg(chart, path); });
    });
    menu->addAction(tr("Export data as &CSV..."), this, [this, chart] {
        exportInteractive(tr("Export the chart's time series"), tr("CSV files (*.csv)"),
                          QStringLiteral("csv"),
                          [chart](const QString& path) { return writeChartCsv(chart, path); });
    });
    return menu;
}

void Exporter::showChartMenu(TimeChart* chart, const QString& name, const QPoint& at) {
    std::unique_ptr<QMenu> menu(createChartMenu(chart, name, nullptr));
    menu->exec(at);
}

}  // namespace flowlab::ui
