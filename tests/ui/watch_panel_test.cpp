// The watch panel: the lesson's figures as the report has them, their verdict against the
// reference, and a click that points at the node a figure is about.

#include <gtest/gtest.h>

#include <QApplication>
#include <QImage>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include "canvas/canvas_scene.hpp"
#include "canvas/node_item.hpp"
#include "flowlab/run/metric_path.hpp"
#include "flowlab/runtime/simulation.hpp"
#include "main_window.hpp"
#include "panels/lesson_chart.hpp"
#include "panels/metric_format.hpp"
#include "panels/time_chart.hpp"
#include "panels/watch_panel.hpp"
#include "session/live_session.hpp"
#include "ui_test_support.hpp"

namespace flowlab::ui::test {

namespace {

using Verdict = WatchPanel::Verdict;

/// The report a batch run gives at `seconds`: what `flowlab-cli run --until` prints.
boost::json::object batchReport(const QString& path, double seconds) {
    const auto parsed = run::load_scenario_checked(path.toStdString());
    EXPECT_TRUE(parsed.ok());
    runtime::Simulation sim(*parsed.scenario);
    sim.advance_to(kernel::from_s(seconds));
    return sim.report();
}

/// The text with its no-break spaces (which keep a figure and its unit together) as
/// plain ones, for comparing.
std::string plain(QString text) {
    return text.replace(QChar(0xa0), QLatin1Char(' ')).toStdString();
}

/// The entry's background, sampled inside its frame (clear of text and borders).
QColor background(WatchPanel* panel, int entry) {
    QWidget* w = panel->entryWidget(entry);
    const QImage image = w->grab().toImage();
    return image.pixelColor(image.width() / 2, image.height() - 3);
}

}  // namespace

TEST(WatchPanel, ShowsTheReportsFiguresForStructuredEntries) {
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("watch.json"), watchedScenario());
    MainWindow window;
    ASSERT_TRUE(window.openFile(path));
    WatchPanel* watch = window.watch();
    ASSERT_EQ(watch->entryCount(), 3);  // the prose line is not a figure
    EXPECT_EQ(watch->entry(2).item.metric, "nodes.api.failed");

    window.runFor(3.0);
    EXPECT_DOUBLE_EQ(watch->shownTime(), 3.0);
    const boost::json::object report = batchReport(path, 3.0);
    for (int i = 0; i < watch->entryCount(); ++i) {
        const auto& e = watch->entry(i);
        const auto expected = run::metric_value(report, e.item.metric);
        ASSERT_TRUE(expected && e.value) << e.item.metric;
        EXPECT_EQ(*e.value, *expected) << e.item.metric;  // the same accounting, exactly
        EXPECT_EQ(e.valueText, formatMetric(e.item.metric, *expected));
    }
    // ~600 requests in 3 s: a count, with a thousands separator once past 999.
    EXPECT_GT(*watch->entry(0).value, 500);
    EXPECT_FALSE(watch->entry(0).valueText.contains(QLatin1Char('.')));
    EXPECT_TRUE(watch->entry(1).valueText.endsWith(QStringLiteral(" %")));
    EXPECT_EQ(plain(watch->entry(1).referenceText), "theory 99.00 % ± 2.00 %");
    EXPECT_EQ(plain(watch->entry(2).referenceText), "expect 0");

    // The dump of the panel is what it shows.
    const QJsonObject json = watch->toJson();
    EXPECT_DOUBLE_EQ(json[QStringLiteral("t_s")].toDouble(), 3.0);
    const QJsonArray entries = json[QStringLiteral("watch")].toArray();
    ASSERT_EQ(entries.size(), 3);
    EXPECT_EQ(entries[1].toObject()[QStringLiteral("label")].toString(),
              QStringLiteral("availability"));
    EXPECT_DOUBLE_EQ(entries[1].toObject()[QStringLiteral("value")].toDouble(),
                     *watch->entry(1).value);
    EXPECT_DOUBLE_EQ(entries[1].toObject()[QStringLiteral("reference")].toDouble(), 0.99);
    EXPECT_EQ(entries[0].toObject()[QStringLiteral("reference")], QJsonValue());
    EXPECT_EQ(entries[0].toObject()[QStringLiteral("shown")].toString(), watch->entry(0).valueText);
}

TEST(WatchPanel, TheVerdictAndItsColourFollowTheReference) {
    QTemporaryDir dir;
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    ASSERT_TRUE(window.openFile(writeFile(dir, QStringLiteral("watch.json"), watchedScenario())));
    WatchPanel* watch = window.watch();
    window.runFor(0.0);  // the frame at time 0: no failure yet
    QApplication::processEvents();
    ASSERT_EQ(watch->entry(2).agrees, std::optional<bool>(true));
    EXPECT_EQ(watch->entry(2).verdict, Verdict::agrees);
    EXPECT_EQ(watch->entry(0).verdict, Verdict::none);  // nothing to agree with
    const QColor green = background(watch, 2);
    EXPECT_GT(green.green(), green.red());
    EXPECT_GT(green.green(), green.blue());

    // Failures arrive: "not yet" in amber while the run goes on, not a red "wrong".
    window.runFor(3.0);
    QApplication::processEvents();
    ASSERT_EQ(watch->entry(2).agrees, std::optional<bool>(false));
    EXPECT_EQ(watch->entry(2).verdict, Verdict::notYet);
    const QColor amber = background(watch, 2);
    EXPECT_GT(amber.red(), amber.blue() + 10);
    EXPECT_GT(amber.red(), amber.green());
    EXPECT_NE(amber, green);
    EXPECT_EQ(watch->entry(1).verdict, Verdict::agrees);  // 0.99 within 0.02

    // Once the run is over a disagreement is final.
    window.runFor(100.0);
    ASSERT_TRUE(window.session()->frame()->finished);
    EXPECT_EQ(watch->entry(2).verdict, Verdict::differs);
}

TEST(WatchPanel, ClickingAnEntryPointsAtItsNodeAndChartsIt) {
    QTemporaryDir dir;
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    ASSERT_TRUE(window.openFile(writeFile(dir, QStringLiteral("watch.json"), watchedScenario())));
    window.runFor(2.0);
    QApplication::processEvents();
    NodeItem* api = window.scene()->nodeItem(QStringLiteral("api"));
    ASSERT_FALSE(api->isSelected());
    QTest::mouseClick(window.watch()->entryWidget(2), Qt::LeftButton);
    EXPECT_TRUE(api->isSelected());
    EXPECT_FALSE(window.scene()->nodeItem(QStringLiteral("web"))->isSelected());
    EXPECT_EQ(window.watch()->selectedEntry(), 2);
    // The lesson chart follows: the failures over time, against the expected 0.
    EXPECT_EQ(window.lessonChart()->focus(), 2);
    TimeChart* chart = window.lessonChart()->chart();
    ASSERT_EQ(chart->lineCount(), 2);
    EXPECT_EQ(chart->lineName(0), QStringLiteral("failures"));
    EXPECT_EQ(chart->lineName(1), QStringLiteral("expected"));
    const auto frame = window.session()->frame();
    ASSERT_EQ(frame->watch_series.size(), 3u);
    const QList<QPointF> points = chart->points(0);
    ASSERT_EQ(size_t(points.size()), frame->watch_series[2].size());
    EXPECT_EQ(points.back().y(), frame->watch_series[2].back().value);

    // A client's figure selects the client.
    QTest::mouseClick(window.watch()->entryWidget(0), Qt::LeftButton);
    EXPECT_TRUE(window.scene()->nodeItem(QStringLiteral("web"))->isSelected());
    EXPECT_FALSE(api->isSelected());
}

TEST(WatchPanel, ValuesAreLargeEnoughForTheBackOfARoom) {
    QTemporaryDir dir;
    MainWindow window;
    ASSERT_TRUE(window.openFile(writeFile(dir, QStringLiteral("watch.json"), watchedScenario())));
    // Digits of about 20 px are the smallest that read from the back of a classroom on a
    // 1280x720 projector; a digit is about as tall as a capital letter.
    EXPECT_GE(QFontMetrics(window.watch()->valueFont(0)).capHeight(), 20);
}

}  // namespace flowlab::ui::test
