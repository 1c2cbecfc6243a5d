// Export: the canvas and each chart as pictures that load, each chart's time series as
// CSV with a row per sample, and the report of the run so far exactly as flowlab-cli
// prints it for the same virtual time; from the window and from the command line.

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>

#include "export/exporter.hpp"
#include "main_window.hpp"
#include "panels/chart_panel.hpp"
#include "panels/time_chart.hpp"
#include "session/live_session.hpp"
#include "ui_test_support.hpp"

namespace flowlab::ui::test {
namespace {

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// What `flowlab-cli run FILE --until S --format json` prints.
QByteArray cliReport(const QString& scenario, const QString& seconds) {
    QProcess cli;
    cli.start(QStringLiteral(FLOWLAB_CLI),
              {QStringLiteral("run"), scenario, QStringLiteral("--until"), seconds,
               QStringLiteral("--format"), QStringLiteral("json")});
    if (!cli.waitForFinished(60000) || cli.exitCode() != 0) return {};
    return cli.readAllStandardOutput();
}

/// The CSV's lines without the header, each split into its cells.
std::vector<QStringList> csvRows(const QString& path) {
    QList<QByteArray> lines = readAll(path).split('\n');
    if (!lines.isEmpty() && lines.back().isEmpty()) lines.removeLast();
    std::vector<QStringList> rows;
    for (qsizetype i = 1; i < lines.size(); ++i)
        rows.push_back(QString::fromUtf8(lines[i]).split(QLatin1Char(',')));
    return rows;
}

void expectPicturesOf(const QDir& out, const QString& name) {
    const QImage png(out.filePath(name + QStringLiteral(".png")));
    EXPECT_FALSE(png.isNull()) << name.toStdString();
    EXPECT_GT(png.width(), 100) << name.toStdString();
    EXPECT_TRUE(readAll(out.filePath(name + QStringLiteral(".svg"))).contains("<svg"))
        << name.toStdString();
}

TEST(Export, WritesPicturesSeriesAndTheReportOfTheRunSoFar) {
    QTemporaryDir dir;
    const QString scenario = writeFile(dir, QStringLiteral("chain.json"), chainScenario(40, 8, 5));
    MainWindow window;
    window.resize(1280, 720);
    window.show();
    ASSERT_TRUE(window.openFile(scenario));
    window.runFor(3.0);
    const auto frame = window.session()->frame();
    ASSERT_TRUE(frame && frame->report);

    const QDir out(QDir(dir.path()).filePath(QStringLiteral("export")));
    const QStringList problems = window.exporter()->exportAll(out.path());
    EXPECT_TRUE(problems.isEmpty()) << problems.join(QLatin1Char('\n')).toStdString();

    expectPicturesOf(out, QStringLiteral("canvas"));
    // The canvas drawn as vectors: its node names are text in the SVG.
    EXPECT_TRUE(readAll(out.filePath(QStringLiteral("canvas.svg"))).contains(">api<"));
    for (const auto& named : window.exporter()->charts()) {
        SCOPED_TRACE(named.name.toStdString());
        expectPicturesOf(out, named.name);
        const QString csv = out.filePath(named.name + QStringLiteral(".csv"));
        ASSERT_TRUE(readAll(csv).startsWith("time_s,"));
        EXPECT_NE(named.name, QStringLiteral("chart-watch"));  // the chain has no lesson
        for (const QStringList& row : csvRows(csv))
            EXPECT_EQ(row.size(), named.chart->lineCount() + 1);
    }
    // A row per sample of the charted series: the client's (web) and the node's (api).
    EXPECT_EQ(csvRows(out.filePath(QStringLiteral("chart-latency.csv"))).size(),
              frame->client_series[0].size());
    EXPECT_EQ(csvRows(out.filePath(QStringLiteral("chart-node.csv"))).size(),
              frame->node_series[1].size());
    EXPECT_GT(frame->client_series[0].size(), 2u);

    const QByteArray report = readAll(out.filePath(QStringLiteral("report.json")));
    EXPECT_EQ(report, cliReport(scenario, QStringLiteral("3")));
}

TEST(Export, TheNodeChartsCsvGivesEachBandItsOwnShare) {
    QTemporaryDir dir;
    MainWindow window;
    window.show();
    ASSERT_TRUE(
        window.openFile(writeFile(dir, QStringLiteral("chain.json"), chainScenario(400, 4, 20))));
    window.runFor(2.0);
    const auto frame = window.session()->frame();
    ASSERT_TRUE(frame);
    const TimeChart* chart = window.charts()->nodeChart();
    const QStringList lines = chartCsv(chart).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size() - 1, qsizetype(frame->node_series[1].size()));
    // Working, blocked and idle threads as the engine sampled them, not stacked.
    for (size_t i = 0; i < frame->node_series[1].size(); ++i) {
        const QStringList cells = lines[qsizetype(i) + 1].split(QLatin1Char(','));
        const auto& sample = frame->node_series[1][i];
        EXPECT_DOUBLE_EQ(cells[0].toDouble(), sample.t_s);
        // The chart holds the stacked sums; their differences carry a rounding error of a
        // few units in the last place of the sum.
        const double roundOff = 1e-12 * (1 + sample.working + sample.blocked + sample.idle);
        EXPECT_NEAR(cells[1].toDouble(), sample.working, roundOff);
        EXPECT_NEAR(cells[2].toDouble(), sample.blocked, roundOff);
        EXPECT_NEAR(cells[3].toDouble(), sample.idle, roundOff);
    }
}

TEST(Export, TheCommandLineWritesEverythingAndExits) {
    QTemporaryDir dir;
    // A lesson with watched figures, so that their chart is written too.
    const QString scenario = writeFile(dir, QStringLiteral("watched.json"), watchedScenario());
    const QString out = QDir(dir.path()).filePath(QStringLiteral("out"));
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    app.setProcessEnvironment(env);
    app.start(QStringLiteral(FLOWLAB_APP),
              {QStringLiteral("--open"), scenario, QStringLiteral("--run-for"),
               QStringLiteral("2.5"), QStringLiteral("--export"), out});
    ASSERT_TRUE(app.waitForFinished(60000));
    EXPECT_EQ(app.exitCode(), 0) << app.readAllStandardError().toStdString();
    const QDir written(out);
    expectPicturesOf(written, QStringLiteral("canvas"));
    for (const char* chart :
         {"chart-latency", "chart-availability", "chart-throughput", "chart-node", "chart-watch"}) {
        expectPicturesOf(written, QString::fromLatin1(chart));
        EXPECT_TRUE(QFile::exists(written.filePath(QString::fromLatin1(chart) + ".csv"))) << chart;
    }
    EXPECT_EQ(readAll(written.filePath(QStringLiteral("report.json"))),
              cliReport(scenario, QStringLiteral("2.5")));
}

}  // namespace
}  // namespace flowlab::ui::test
