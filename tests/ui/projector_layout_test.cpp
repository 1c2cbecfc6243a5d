// On a 1280x720 projector (and the 1400x900 default) the canvas, the watched figures and
// the charts are all on screen at once, each large enough to read.

#include <gtest/gtest.h>

#include <QApplication>
#include <QDockWidget>
#include <QTabWidget>
#include <QTemporaryDir>

#include "canvas/canvas_view.hpp"
#include "main_window.hpp"
#include "panels/chart_panel.hpp"
#include "panels/lesson_chart.hpp"
#include "panels/time_chart.hpp"
#include "panels/trace_panel.hpp"
#include "panels/watch_panel.hpp"
#include "ui_test_support.hpp"

namespace flowlab::ui::test {

namespace {

/// Whether the widget is visible (not in a hidden tab), inside the window, and at least
/// `minimum` in size.
bool shown(QWidget* w, QSize minimum) {
    const QRect inWindow(w->mapTo(w->window(), QPoint(0, 0)), w->size());
    return w->isVisible() && w->window()->rect().contains(inWindow) &&
           w->width() >= minimum.width() && w->height() >= minimum.height();
}

class ProjectorLayout : public ::testing::TestWithParam<QSize> {};

}  // namespace

TEST_P(ProjectorLayout, CanvasWatchAndChartsAreAllReadable) {
    QTemporaryDir dir;
    MainWindow window;
    window.resize(GetParam());
    window.show();
    ASSERT_TRUE(window.openFile(writeFile(dir, QStringLiteral("watch.json"), watchedScenario())));
    window.runFor(3.0);
    QApplication::processEvents();
    ASSERT_EQ(window.size(), GetParam());

    // The canvas keeps room for two rows of nodes at the smallest fitting zoom (104 px
    // tall nodes at 0.6, with the gap between rows).
    EXPECT_TRUE(shown(window.view()->viewport(), QSize(500, 200)))
        << window.view()->viewport()->height();
    // Every watched figure is on screen, none scrolled away or cut, beside the canvas.
    for (int i = 0; i < window.watch()->entryCount(); ++i) {
        QWidget* entry = window.watch()->entryWidget(i);
        EXPECT_TRUE(shown(entry, QSize(260, 50))) << i;
        EXPECT_EQ(entry->visibleRegion().boundingRect().size(), entry->size())
            << "entry " << i << " is cut";
    }
    // Charts: the lesson's own and the four run charts, each with a plot tall enough to
    // show a trend, and wide enough for the 120 samples of a 60 s window at the design's
    // two samples per pixel (60 px), with room to spare.
    EXPECT_EQ(window.bottomTabs()->currentWidget(), window.charts());
    EXPECT_TRUE(shown(window.lessonChart(), QSize(250, 150)));
    EXPECT_GE(window.lessonChart()->chart()->plotArea().height(), 100);
    ChartPanel* charts = window.charts();
    for (TimeChart* chart : {charts->latencyChart(), charts->availabilityChart(),
                             charts->throughputChart(), charts->nodeChart()}) {
        EXPECT_TRUE(shown(chart, QSize(150, 150)));
        EXPECT_GE(chart->plotArea().height(), 100) << chart->title().toStdString();
        EXPECT_GE(chart->plotArea().width(), 90) << chart->title().toStdString();
    }
}

INSTANTIATE_TEST_SUITE_P(Sizes, ProjectorLayout,
                         ::testing::Values(QSize(1280, 720), QSize(1400, 900)));

TEST(ProjectorLayoutTabs, ALessonAboutTracesOpensOnTheTraceView) {
    QTemporaryDir dir;
    MainWindow window;
    ASSERT_TRUE(
        window.openFile(writeFile(dir, QStringLiteral("chain.json"), chainScenario(10, 4, 5))));
    EXPECT_EQ(window.bottomTabs()->currentWidget(), window.charts());
    QByteArray traced = chainScenario(10, 4, 5);
    traced.replace(
        R"("layout")",
        R"("lesson": { "watch": [ { "metric": "traces.connected", "label": "connected" } ] },
  "layout")");
    ASSERT_TRUE(window.openFile(writeFile(dir, QStringLiteral("traced.json"), traced)));
    EXPECT_EQ(window.bottomTabs()->currentWidget(), window.traces());
}

}  // namespace flowlab::ui::test
