// Charts and the failure table name nodes as the canvas does (by label), say that their
// lines are per 0.5 s, and give the figure since the start from the report.

#include <gtest/gtest.h>

#include <QRegularExpression>
#include <QTemporaryDir>

#include "flowlab/run/metric_path.hpp"
#include "main_window.hpp"
#include "panels/chart_panel.hpp"
#include "panels/failure_panel.hpp"
#include "panels/metric_format.hpp"
#include "panels/time_chart.hpp"
#include "session/live_session.hpp"
#include "ui_test_support.hpp"

namespace flowlab::ui::test {

namespace {

QByteArray labelledChain() {
    return R"({
  "format": "flowlab/1", "name": "ui test labels", "seed": 8, "run": { "duration_s": 30 },
  "nodes": [
    { "id": "web", "kind": "client", "label": "Shoppers", "rate_per_s": 100 },
    { "id": "api", "kind": "service", "label": "Orders", "threads": 8, "work_ms": 5, "failure_rate": 0.02 },
    { "id": "jobs", "kind": "queue", "label": "order-events queue" },
    { "id": "worker", "kind": "consumer", "label": "Notifier", "work_ms": 2 }
  ],
  "edges": [
    { "from": "web", "to": "api", "mode": "sync" },
    { "from": "api", "to": "jobs", "mode": "async" },
    { "from": "jobs", "to": "worker", "mode": "deliver" }
  ]
})";
}

/// The title without its markup and line breaks.
std::string plainTitle(const TimeChart* chart) {
    QString t = chart->title();
    t.replace(QStringLiteral("<br>"), QStringLiteral(" "));
    t.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
    return t.replace(QChar(0xa0), QLatin1Char(' ')).toStdString();
}

}  // namespace

TEST(ChartLabels, ChartsAndTheFailureTableUseNodeLabels) {
    QTemporaryDir dir;
    MainWindow window;
    ASSERT_TRUE(window.openFile(writeFile(dir, QStringLiteral("labels.json"), labelledChain())));
    window.runFor(3.0);
    ChartPanel* charts = window.charts();
    for (const TimeChart* chart :
         {charts->latencyChart(), charts->availabilityChart(), charts->throughputChart()}) {
        EXPECT_NE(plainTitle(chart).find("of Shoppers"), std::string::npos) << plainTitle(chart);
        EXPECT_EQ(plainTitle(chart).find("web"), std::string::npos) << plainTitle(chart);
    }
    EXPECT_EQ(plainTitle(charts->nodeChart()), "order-events queue: depth");
    charts->setSelectedNode(QStringLiteral("api"));
    charts->showFrame(*window.session()->frame(), true);
    EXPECT_NE(plainTitle(charts->nodeChart()).find("Orders: threads"), std::string::npos);

    EXPECT_EQ(window.failures()->columnTitle(QStringLiteral("web")), QStringLiteral("Shoppers"));
    EXPECT_GT(window.failures()->count(QStringLiteral("web"), runtime::Reason::error),
              0);  // 2% of ~300
}

TEST(ChartLabels, TheChartsOpenOnWhatTheLessonWatches) {
    // Lesson 31's watch names the picking queue's backlog (not the payment queue, the first
    // broker in the file); lesson 29's names the limited lane's 429s first (not the
    // unlimited lane, the first client).
    MainWindow pipeline;
    ASSERT_TRUE(
        pipeline.openFile(QStringLiteral(FLOWLAB_SCENARIOS_DIR "/31-real-order-pipeline.json")));
    pipeline.runFor(1.0);
    EXPECT_EQ(plainTitle(pipeline.charts()->nodeChart()), "picking queue: depth");
    MainWindow limits;
    ASSERT_TRUE(limits.openFile(QStringLiteral(FLOWLAB_SCENARIOS_DIR "/29-rate-limit.json")));
    limits.runFor(1.0);
    EXPECT_NE(plainTitle(limits.charts()->availabilityChart()).find("of Uploads, limited"),
              std::string::npos)
        << plainTitle(limits.charts()->availabilityChart());
}

TEST(ChartLabels, ClientChartsSayWhatIsWindowedAndGiveTheFigureSinceTheStart) {
    QTemporaryDir dir;
    MainWindow window;
    ASSERT_TRUE(window.openFile(writeFile(dir, QStringLiteral("labels.json"), labelledChain())));
    window.runFor(3.0);
    const auto& report = *window.session()->frame()->report;
    const auto availability = run::metric_value(report, "clients.web.availability");
    const auto p99 = run::metric_value(report, "clients.web.latency_ms.p99");
    ASSERT_TRUE(availability && p99);
    ASSERT_LT(*availability, 1.0);  // premise: some requests failed, so the figure says something
    ChartPanel* charts = window.charts();
    const std::string avail = plainTitle(charts->availabilityChart());
    EXPECT_NE(avail.find("each 0.5 s"), std::string::npos) << avail;
    const std::string since =
        "since start " + formatMetric("clients.web.availability", *availability).toStdString();
    EXPECT_NE(avail.find(since), std::string::npos) << avail << " lacks " << since;
    const std::string latency = plainTitle(charts->latencyChart());
    EXPECT_NE(latency.find("each 0.5 s"), std::string::npos) << latency;
    EXPECT_NE(latency.find("P99 since start " +
                           formatMetric("clients.web.latency_ms.p99", *p99).toStdString()),
              std::string::npos)
        << latency;
    EXPECT_NE(plainTitle(charts->throughputChart()).find("each 0.5 s"), std::string::npos);
    // The measured availability line is the windowed one, and its legend says so.
    EXPECT_EQ(charts->availabilityChart()->lineName(0), QStringLiteral("each 0.5 s"));
}

TEST(ChartLabels, LegendsKeepEveryNameOnANarrowChart) {
    TimeChart chart(QStringLiteral("t"), QStringLiteral("u"));
    chart.addLine(QStringLiteral("P50"), Qt::green);
    chart.addLine(QStringLiteral("P99 sum of work, no queueing"), Qt::gray, true);
    chart.resize(170, 300);
    // A theory line without points has no entry; with points, its full name.
    EXPECT_TRUE(chart.legendText().contains(QStringLiteral("P50")));
    EXPECT_FALSE(chart.legendText().contains(QStringLiteral("queueing")));
    chart.setPoints(1, {{0, 1}, {1, 1}});
    EXPECT_TRUE(chart.legendText().contains(
        QStringLiteral("P99&nbsp;sum&nbsp;of&nbsp;work,&nbsp;no&nbsp;queueing")));
}

}  // namespace flowlab::ui::test
