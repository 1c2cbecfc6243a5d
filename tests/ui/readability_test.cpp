// What a student reads off the window: gaps instead of invented values in the charts,
// round axis ticks, a canvas zoom at which node text is legible, tokens that stay
// visible when zoomed out, and edge labels that fit between neighbouring nodes.

#include <gtest/gtest.h>

#include <QApplication>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <cmath>

#include "canvas/canvas_scene.hpp"
#include "canvas/canvas_view.hpp"
#include "canvas/edge_item.hpp"
#include "canvas/node_item.hpp"
#include "canvas/token_layer.hpp"
#include "main_window.hpp"
#include "panels/chart_panel.hpp"
#include "panels/time_chart.hpp"
#include "session/live_session.hpp"
#include "ui_test_support.hpp"

namespace flowlab::ui::test {

namespace {

constexpr int lineP99 = 2;       // ChartPanel's latency series order: P50, P95, P99, bound
constexpr int lineMeasured = 0;  // availability: measured, theory

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// `count` services in one synchronous row after a client, 240 apart (a wide graph).
QByteArray longChain(int count) {
    QString nodes = QStringLiteral(R"({ "id": "web", "kind": "client", "rate_per_s": 10 })");
    QString edges, layout = QStringLiteral(R"("web": [0, 0])");
    QString previous = QStringLiteral("web");
    for (int i = 0; i < count; ++i) {
        const QString id = QStringLiteral("s%1").arg(i);
        nodes += QStringLiteral(R"(, { "id": "%1", "kind": "service" })").arg(id);
        edges += QStringLiteral(R"(%1{ "from": "%2", "to": "%3", "mode": "sync" })")
                     .arg(edges.isEmpty() ? QString() : QStringLiteral(", "), previous, id);
        layout += QStringLiteral(R"(, "%1": [%2, 0])").arg(id).arg(240 * (i + 1));
        previous = id;
    }
    return QStringLiteral(
               R"({ "format": "flowlab/1", "name": "long chain", "seed": 1, "run": { "duration_s": 60 },
  "nodes": [%1], "edges": [%2], "layout": { %3 } })")
        .arg(nodes, edges, layout)
        .toUtf8();
}

bool visibleInView(CanvasView* view, const QRectF& sceneRect) {
    const QRectF shown = view->mapToScene(view->viewport()->rect()).boundingRect();
    return shown.contains(sceneRect);
}

}  // namespace

TEST(Readability, AvailabilityAndLatencyHaveAGapWhereNoRequestFinished) {
    // api hangs from 2 s; the client gives up after 3 s, so requests sent after 2 s end
    // (as timeouts) from 5 s on. Every 0.5 s sample that ends in 3..4.5 s holds no
    // finished request: the engine reports availability 1 there, the chart must not.
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("hang.json"), hangScenario());
    MainWindow window;
    ASSERT_TRUE(window.openFile(path));
    window.runFor(4.6);
    const auto frame = window.session()->frame();
    ASSERT_EQ(frame->client_series.size(), 2u);
    int idle = 0;
    for (const auto& p : frame->client_series[0])
        if (p.t_s > 2.9 && p.t_s < 4.6) {
            ASSERT_EQ(p.ok_per_s + p.failed_per_s, 0.0)
                << "premise: nothing finishes at t = " << p.t_s;
            ++idle;
        }
    ASSERT_GE(idle, 3);

    const QList<QPointF> avail = window.charts()->availabilityChart()->points(lineMeasured);
    const QList<QPointF> p99 = window.charts()->latencyChart()->points(lineP99);
    ASSERT_EQ(avail.size(), p99.size());
    for (qsizetype i = 0; i < avail.size(); ++i) {
        const double t = avail[i].x();
        if (t > 2.9 && t < 4.6) {
            EXPECT_TRUE(std::isnan(avail[i].y()))
                << "availability at t = " << t << " is " << avail[i].y();
            EXPECT_TRUE(std::isnan(p99[i].y())) << "p99 at t = " << t << " is " << p99[i].y();
        } else if (t < 2.0) {
            EXPECT_DOUBLE_EQ(avail[i].y(), 100.0) << t;
        }
    }
    EXPECT_EQ(window.charts()->availabilityChart()->drawnSegments(lineMeasured), 1);

    // From 5 s the timeouts finish: 0% available, a second piece of line after the gap.
    window.runFor(2.5);
    const QList<QPointF> later = window.charts()->availabilityChart()->points(lineMeasured);
    ASSERT_FALSE(later.isEmpty());
    EXPECT_DOUBLE_EQ(later.back().y(), 0.0);
    EXPECT_EQ(window.charts()->availabilityChart()->drawnSegments(lineMeasured), 2);
}

TEST(Readability, TheNodeChartShowsTheBrokerByDefault) {
    // web -> api -> jobs (queue) -> worker: with nothing selected the node chart shows
    // the queue's depth (no thread bands), the part of an async lesson that moves.
    QTemporaryDir dir;
    MainWindow window;
    ASSERT_TRUE(window.openFile(writeFile(dir, QStringLiteral("queue.json"), R"({
  "format": "flowlab/1", "name": "ui test queue", "seed": 4, "run": { "duration_s": 60 },
  "nodes": [
    { "id": "web", "kind": "client", "rate_per_s": 100 },
    { "id": "api", "kind": "service", "threads": 16, "work_ms": 1 },
    { "id": "jobs", "kind": "queue" },
    { "id": "worker", "kind": "consumer", "concurrency": 1, "work_ms": 50 }
  ],
  "edges": [
    { "from": "web", "to": "api", "mode": "sync" },
    { "from": "api", "to": "jobs", "mode": "async" },
    { "from": "jobs", "to": "worker", "mode": "deliver" }
  ]
})")));
    window.runFor(2.0);
    const TimeChart* node = window.charts()->nodeChart();
    EXPECT_TRUE(node->points(0).isEmpty());   // no working band: not a thread pool
    EXPECT_FALSE(node->inLegend(0));          // and no legend entry explaining one
    EXPECT_FALSE(node->points(3).isEmpty());  // depth
    // Selecting the service brings its threads back.
    window.charts()->setSelectedNode(QStringLiteral("api"));
    window.charts()->showFrame(*window.session()->frame(), true);
    EXPECT_FALSE(node->points(0).isEmpty());
    EXPECT_TRUE(node->inLegend(0));
}

TEST(Readability, TimeChartSplitsAtGapsAndHidesEmptyTheoryLines) {
    TimeChart chart(QStringLiteral("t"), QStringLiteral("u"));
    const int measured = chart.addLine(QStringLiteral("measured"), Qt::blue);
    const int theory = chart.addLine(QStringLiteral("theory"), Qt::gray, true);
    EXPECT_TRUE(chart.inLegend(measured));
    EXPECT_FALSE(chart.inLegend(theory));  // nothing to show yet

    chart.setPoints(measured, {{0, 1}, {1, 2}, {2, nan}, {3, nan}, {4, 5}, {5, 6}, {6, nan}});
    EXPECT_EQ(chart.drawnSegments(measured), 2);
    EXPECT_EQ(chart.points(measured).size(), 7);  // gaps are kept as set
    chart.setPoints(measured, {{0, 1}, {1, 2}});
    EXPECT_EQ(chart.drawnSegments(measured), 1);  // the piece after the old gap is emptied
    chart.setPoints(measured, {{0, nan}});
    EXPECT_EQ(chart.drawnSegments(measured), 0);

    chart.setPoints(theory, {{0, 99.7}, {60, 99.7}});
    EXPECT_TRUE(chart.inLegend(theory));
    chart.setPoints(theory, {});
    EXPECT_FALSE(chart.inLegend(theory));
}

TEST(Readability, AxisTicksFallOnRoundNumbers) {
    TimeChart chart(QStringLiteral("t"), QStringLiteral("u"));
    chart.setRanges(0, 30, 0, 5500);  // used to tick at 7.5 s (labelled 8, 15, 23) and 1833 ms
    EXPECT_DOUBLE_EQ(chart.xTickInterval(), 10.0);
    EXPECT_DOUBLE_EQ(chart.yTickInterval(), 2000.0);
    chart.setRanges(0, 60, 96, 100.5);
    EXPECT_DOUBLE_EQ(chart.xTickInterval(), 20.0);
    EXPECT_DOUBLE_EQ(chart.yTickInterval(), 2.0);
    chart.setRanges(0, 1, 0, 7.7);  // about 3 pieces: 2.5 (3.1 of them) rather than 5 (1.5)
    EXPECT_DOUBLE_EQ(chart.xTickInterval(), 0.25);
    EXPECT_DOUBLE_EQ(chart.yTickInterval(), 2.5);
}

TEST(Readability, FittingAWideGraphStopsAtALegibleZoomAndShowsTheClient) {
    QTemporaryDir dir;
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    ASSERT_TRUE(window.openFile(writeFile(dir, QStringLiteral("long.json"), longChain(14))));
    QApplication::processEvents();
    window.view()->fitAll();
    // 15 nodes 240 apart need ~3,700 scene units: far more than the canvas shows at 0.6.
    EXPECT_NEAR(window.view()->zoom(), CanvasView::minFitZoom, 1e-9);
    EXPECT_TRUE(visibleInView(
        window.view(), window.scene()->nodeItem(QStringLiteral("web"))->sceneBoundingRect()));
    EXPECT_FALSE(visibleInView(
        window.view(), window.scene()->nodeItem(QStringLiteral("s13"))->sceneBoundingRect()));

    // A graph that fits is fitted whole, between minFitZoom and 1:1.
    ASSERT_TRUE(window.openFile(writeFile(dir, QStringLiteral("short.json"), longChain(3))));
    QApplication::processEvents();
    window.view()->fitAll();
    EXPECT_GE(window.view()->zoom(), CanvasView::minFitZoom);
    EXPECT_LE(window.view()->zoom(), 1.0);
    for (const QString id : {QStringLiteral("web"), QStringLiteral("s2")})
        EXPECT_TRUE(visibleInView(window.view(), window.scene()->nodeItem(id)->sceneBoundingRect()))
            << id.toStdString();
}

TEST(Readability, TokensStayVisibleWhenZoomedOut) {
    EXPECT_DOUBLE_EQ(TokenLayer::screenRadius(1.0), TokenLayer::sceneRadius);
    EXPECT_DOUBLE_EQ(TokenLayer::screenRadius(2.0), 2 * TokenLayer::sceneRadius);
    EXPECT_DOUBLE_EQ(TokenLayer::screenRadius(0.2), TokenLayer::minScreenRadius);

    // Rendered at a quarter scale, a token is still a dot of about 2.5 px radius (scaled
    // with the scene it would be 1.1 px: one blurred pixel).
    QGraphicsScene scene;
    auto* layer = new TokenLayer;
    scene.addItem(layer);
    const QColor red(0xd3, 0x2f, 0x2f);
    layer->setTokens({{QPointF(100, 100), red}}, QRectF(0, 0, 200, 200));
    QImage image(50, 50, QImage::Format_ARGB32);
    image.fill(Qt::white);
    {
        QPainter p(&image);
        scene.render(&p, QRectF(0, 0, 50, 50), QRectF(0, 0, 200, 200));
    }
    auto reddish = [&](int x, int y) {
        const QColor c = image.pixelColor(x, y);
        return c.red() > 150 && c.green() < 120 && c.blue() < 120;
    };
    EXPECT_TRUE(reddish(25, 25));
    EXPECT_TRUE(reddish(24, 25) && reddish(26, 25) && reddish(25, 24) && reddish(25, 26));
    EXPECT_FALSE(reddish(30, 25));
}

TEST(Readability, EdgeLabelsStackOneFactPerLine) {
    QTemporaryDir dir;
    MainWindow window;
    ASSERT_TRUE(window.openFile(writeFile(dir, QStringLiteral("retry.json"), R"({
  "format": "flowlab/1", "name": "ui test retry", "seed": 1, "run": { "duration_s": 10 },
  "nodes": [
    { "id": "web", "kind": "client", "rate_per_s": 10 },
    { "id": "api", "kind": "service" },
    { "id": "pay", "kind": "service" }
  ],
  "edges": [
    { "from": "web", "to": "api", "mode": "sync" },
    { "from": "api", "to": "pay", "mode": "sync", "timeout_ms": 250, "retry": { "max_retries": 3 } }
  ]
})")));
    EXPECT_EQ(window.scene()->edgeItem(0)->labelLines(), QStringList{QStringLiteral("sync")});
    const QStringList lines = window.scene()->edgeItem(1)->labelLines();
    ASSERT_EQ(lines.size(), 3);
    EXPECT_EQ(lines[1], QStringLiteral("timeout 250 ms"));
    EXPECT_EQ(lines[2], QStringLiteral("retry ×3"));
    // Each line fits the 116 px or more the lessons leave between neighbours joined by
    // such an edge; the old one-line label did not.
    QFont font;
    font.setPointSizeF(8);
    const QFontMetrics metrics(font);
    for (const QString& line : lines)
        EXPECT_LT(metrics.horizontalAdvance(line), 116) << line.toStdString();
    EXPECT_GT(metrics.horizontalAdvance(QStringLiteral("sync, timeout 250 ms, retry ×3")), 116);
}

}  // namespace flowlab::ui::test
