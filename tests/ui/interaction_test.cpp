// The window's keys and files: Space and the run keys wherever the focus is (but a
// space for a field being typed into), Save adding `.json`, Save As on its standard
// shortcut, and chart legends that name exactly the charted lines after an edit.

#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLegend>
#include <QLegendMarker>
#include <QLineEdit>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QTest>
#include <functional>

#include "document/scenario_document.hpp"
#include "document/scenario_file.hpp"
#include "flowlab/kernel/sim_time.hpp"
#include "main_window.hpp"
#include "panels/chart_panel.hpp"
#include "panels/inspector_panel.hpp"
#include "panels/param_editor.hpp"
#include "panels/run_controls.hpp"
#include "panels/run_keys.hpp"
#include "panels/time_chart.hpp"
#include "panels/transport_keys.hpp"
#include "session/live_session.hpp"
#include "ui_test_support.hpp"

namespace flowlab::ui::test {

namespace {

/// Processes events until `done` holds or 10 s pass (the engine answers on its thread).
bool waitUntil(const std::function<bool()>& done) {
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > 10000) return false;
        QApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

bool running(MainWindow& window) {
    window.session()->refresh();
    return window.session()->frame()->running;
}

QLineEdit* threadsField(MainWindow& window) {
    window.inspector()->setTarget(QStringLiteral("api"), -1);
    ParamEditor* threads = window.inspector()->editor(QStringLiteral("threads"));
    return threads ? threads->findChild<QLineEdit*>() : nullptr;
}

QList<QAction*> allActions(QWidget* window) {
    QList<QAction*> actions = window->actions();
    for (QAction* menu : window->findChild<QMenuBar*>()->actions())
        if (menu->menu()) actions += menu->menu()->actions();
    return actions;
}

/// Legend entries QtCharts would draw: visible markers of a visible legend.
int drawnMarkers(TimeChart* chart) {
    QChart* c = chart->findChild<QChartView*>()->chart();
    if (!c->legend()->isVisible()) return 0;
    int n = 0;
    for (QLegendMarker* marker : c->legend()->markers()) n += marker->isVisible();
    return n;
}

/// Lines the chart's own legend names.
int namedLines(TimeChart* chart) {
    int n = 0;
    for (int i = 0; i < chart->lineCount(); ++i) n += chart->inLegend(i);
    return n;
}

}  // namespace

TEST(Interaction, SpacePlaysFromAnIdleFieldAndTypesInAFieldBeingEdited) {
    QTemporaryDir dir;
    MainWindow window;
    window.show();
    QApplication::setActiveWindow(&window);
    ASSERT_TRUE(
        window.openFile(writeFile(dir, QStringLiteral("chain.json"), chainScenario(10, 4, 5))));
    QLineEdit* field = threadsField(window);
    ASSERT_NE(field, nullptr);
    field->setFocus();
    QApplication::processEvents();
    ASSERT_TRUE(field->hasFocus());
    const QString before = field->text();

    // Clicked into, nothing typed: Space is play / pause.
    QTest::keyClick(field, Qt::Key_Space);
    EXPECT_TRUE(waitUntil([&] { return running(window); }));
    EXPECT_EQ(field->text(), before);
    QTest::keyClick(field, Qt::Key_Space);
    EXPECT_TRUE(waitUntil([&] { return !running(window); }));

    // Typed into: Space is a space, and the run stays paused.
    QTest::keyClick(field, Qt::Key_End);
    QTest::keyClicks(field, QStringLiteral("6"));
    QTest::keyClick(field, Qt::Key_Space);
    EXPECT_EQ(field->text(), before + QStringLiteral("6 "));
    EXPECT_TRUE(TransportKeys::editingText(field));
    QApplication::processEvents();
    EXPECT_FALSE(running(window));
}

TEST(Interaction, RunKeysWorkWhereverTheFocusIs) {
    QTemporaryDir dir;
    MainWindow window;
    window.show();
    QApplication::setActiveWindow(&window);
    ASSERT_TRUE(
        window.openFile(writeFile(dir, QStringLiteral("chain.json"), chainScenario(10, 4, 5))));
    QLineEdit* field = threadsField(window);
    ASSERT_NE(field, nullptr);
    field->setFocus();
    // A letter key belongs to a text field; elsewhere it is the run's.
    const double speed = window.runControls()->speed();
    QTest::keyClick(field, Qt::Key_Plus);
    EXPECT_EQ(window.runControls()->speed(), speed);
    window.runControls()->setFocus();
    QTest::keyClick(window.runControls(), Qt::Key_Plus);
    EXPECT_NEAR(window.runControls()->speed(), 2 * speed, 0.3 * speed);
    QTest::keyClick(window.runControls(), Qt::Key_Minus);
    EXPECT_NEAR(window.runControls()->speed(), speed, 0.2 * speed);

    // B goes back: a run at 4 s lands at 4 - RunKeys::backSeconds... or 0.
    window.runFor(7.0);
    QTest::keyClick(window.runControls(), Qt::Key_B);
    EXPECT_TRUE(waitUntil([&] {
        window.session()->refresh();
        return std::abs(kernel::to_s(window.session()->frame()->now) -
                        (7.0 - RunKeys::backSeconds)) < 1e-6;
    })) << kernel::to_s(window.session()->frame()->now);
}

TEST(Interaction, SaveAddsTheJsonSuffixTheOpenDialogFiltersOn) {
    EXPECT_EQ(withJsonSuffix(QStringLiteral("/tmp/copy")), QStringLiteral("/tmp/copy.json"));
    EXPECT_EQ(withJsonSuffix(QStringLiteral("/tmp/a.txt")), QStringLiteral("/tmp/a.txt.json"));
    EXPECT_EQ(withJsonSuffix(QStringLiteral("/tmp/UP.JSON")), QStringLiteral("/tmp/UP.JSON"));
    // What Save As does with a name typed without the suffix.
    QTemporaryDir dir;
    MainWindow window;
    ASSERT_TRUE(
        window.openFile(writeFile(dir, QStringLiteral("chain.json"), chainScenario(10, 4, 5))));
    const QString bare = QDir(dir.path()).filePath(QStringLiteral("copy"));
    EXPECT_EQ(window.saveTo(withJsonSuffix(bare)), QString());
    EXPECT_TRUE(QFileInfo::exists(bare + QStringLiteral(".json")));
    EXPECT_EQ(window.document()->filePath(), bare + QStringLiteral(".json"));
}

TEST(Interaction, SaveAsHasItsStandardShortcutAndNoOtherActionTakesIt) {
    MainWindow window;
    const QKeySequence saveAs(QStringLiteral("Ctrl+Shift+S"));
    int owners = 0;
    QAction* found = nullptr;
    for (QAction* action : allActions(&window))
        if (action->shortcuts().contains(saveAs)) {
            ++owners;
            found = action;
        }
    ASSERT_EQ(owners, 1);
    EXPECT_TRUE(found->text().contains(QStringLiteral("Save &As")));
    for (const QKeySequence& key : QKeySequence::keyBindings(QKeySequence::SaveAs))
        EXPECT_TRUE(found->shortcuts().contains(key)) << key.toString().toStdString();
}

TEST(Interaction, LegendsNameTheChartedLinesOnlyAfterAnEdit) {
    QTemporaryDir dir;
    MainWindow window;
    window.resize(1280, 720);
    window.show();
    // hang: the availability and latency lines break into pieces around the gap.
    ASSERT_TRUE(window.openFile(writeFile(dir, QStringLiteral("hang.json"), hangScenario())));
    window.runFor(8.0);
    ChartPanel* charts = window.charts();
    const QList<TimeChart*> all = {charts->latencyChart(), charts->availabilityChart(),
                                   charts->throughputChart(), charts->nodeChart()};
    for (TimeChart* chart : all) EXPECT_EQ(drawnMarkers(chart), 0) << chart->title().toStdString();
    // An edit to the running engine, then more run: pieces come and go.
    window.inspector()->setTarget(QStringLiteral("api"), -1);
    QLineEdit* field = threadsField(window);
    ASSERT_NE(field, nullptr);
    field->setText(QStringLiteral("12"));
    field->setModified(true);
    emit field->editingFinished();
    window.runFor(8.0);
    QApplication::processEvents();
    for (TimeChart* chart : all) {
        EXPECT_EQ(drawnMarkers(chart), 0) << chart->title().toStdString();
        // The legend under the chart: one swatch per named line, no more.
        EXPECT_EQ(chart->legendText().count(QStringLiteral("<b>")), namedLines(chart))
            << chart->title().toStdString();
    }
}

}  // namespace flowlab::ui::test
