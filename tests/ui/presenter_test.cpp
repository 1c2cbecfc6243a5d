// Presenter mode and readability: F11 toggles full screen with only the watched figures
// beside the canvas, themes change the palette, text zoom scales what the room reads,
// and every lesson fits a 1280x720 projector.

#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include "canvas/canvas_scene.hpp"
#include "canvas/canvas_view.hpp"
#include "canvas/node_item.hpp"
#include "document/scenario_document.hpp"
#include "main_window.hpp"
#include "panels/chart_panel.hpp"
#include "panels/lesson_chart.hpp"
#include "panels/presenter_mode.hpp"
#include "panels/time_chart.hpp"
#include "panels/watch_panel.hpp"
#include "theme/appearance.hpp"
#include "ui_test_support.hpp"

namespace flowlab::ui::test {

namespace {

/// A shown, active window with `scenario` open, at `size`.
void showWith(MainWindow& window, const QString& path, QSize size = QSize(1280, 720)) {
    window.resize(size);
    window.show();
    QApplication::setActiveWindow(&window);
    ASSERT_TRUE(window.openFile(path));
    QApplication::processEvents();
}

bool sceneRectVisible(CanvasView* view, const QRectF& rect) {
    return view->mapToScene(view->viewport()->rect()).boundingRect().contains(rect);
}

}  // namespace

TEST(Presenter, F11TogglesFullScreenAndHidesWhatTheLessonDoesNotNeed) {
    AppearanceGuard guard;
    QTemporaryDir dir;
    MainWindow window;
    showWith(window, writeFile(dir, QStringLiteral("watch.json"), watchedScenario()));
    ASSERT_TRUE(window.paletteDock()->isVisible());
    ASSERT_TRUE(window.inspectorDock()->isVisible());

    QTest::keyClick(&window, Qt::Key_F11);
    QApplication::processEvents();
    EXPECT_TRUE(window.presenter()->active());
    EXPECT_TRUE(window.windowState() & Qt::WindowFullScreen);
    EXPECT_TRUE(Appearance::instance().presenter());
    EXPECT_FALSE(window.paletteDock()->isVisible());
    EXPECT_FALSE(window.inspectorDock()->isVisible());
    EXPECT_TRUE(window.watchDock()->isVisible());
    // The lesson's chart stays on screen (under the canvas); the run charts go.
    EXPECT_TRUE(window.lessonChart()->isVisible());
    EXPECT_FALSE(window.bottomTabs()->isVisible());
    EXPECT_TRUE(window.presenter()->clock()->isVisible());

    QTest::keyClick(&window, Qt::Key_F11);
    QApplication::processEvents();
    EXPECT_FALSE(window.presenter()->active());
    EXPECT_FALSE(window.windowState() & Qt::WindowFullScreen);
    EXPECT_TRUE(window.paletteDock()->isVisible());
    EXPECT_TRUE(window.inspectorDock()->isVisible());
    EXPECT_TRUE(window.bottomTabs()->isVisible());
    EXPECT_FALSE(window.presenter()->clock()->isVisible());
    EXPECT_FALSE(Appearance::instance().presenter());
}

TEST(Presenter, DoublesTheFiguresTheChartsAndTheNodeText) {
    AppearanceGuard guard;
    QTemporaryDir dir;
    MainWindow window;
    showWith(window, writeFile(dir, QStringLiteral("watch.json"), watchedScenario()));
    window.runFor(1.0);
    const int value = window.watch()->valueFont(0).pixelSize();
    const qreal chart = window.lessonChart()->chart()->titleFont().pointSizeF();
    window.setPresenterMode(true, false);
    QApplication::processEvents();
    EXPECT_GE(window.watch()->valueFont(0).pixelSize(), 2 * value);
    EXPECT_GE(window.lessonChart()->chart()->titleFont().pointSizeF(), 2 * chart - 0.01);
    EXPECT_GE(Appearance::instance().canvasTextScale(), 1.5);
}

TEST(Presenter, ThemesChangeThePaletteAndTheCanvas) {
    AppearanceGuard guard;
    MainWindow window;
    const QColor lightWindow = QApplication::palette().color(QPalette::Window);
    EXPECT_GT(lightWindow.lightness(), 180);
    Appearance::instance().setTheme(ThemeKind::dark);
    EXPECT_LT(QApplication::palette().color(QPalette::Window).lightness(), 80);
    EXPECT_GT(QApplication::palette().color(QPalette::WindowText).lightness(), 180);
    EXPECT_LT(themeColors().canvas.lightness(), 60);
    Appearance::instance().setTheme(ThemeKind::highContrast);
    EXPECT_EQ(QApplication::palette().color(QPalette::Window), QColor(Qt::black));
    EXPECT_EQ(QApplication::palette().color(QPalette::WindowText), QColor(Qt::white));
    EXPECT_EQ(themeColors().nodeText, QColor(Qt::white));
    Appearance::instance().setTheme(ThemeKind::light);
    EXPECT_EQ(QApplication::palette().color(QPalette::Window), lightWindow);

    // From the View menu as well, which the next session remembers.
    ThemeKind kind{};
    ASSERT_TRUE(parseThemeName(QStringLiteral("dark"), &kind));
    EXPECT_EQ(kind, ThemeKind::dark);
    EXPECT_FALSE(parseThemeName(QStringLiteral("purple"), &kind));
}

TEST(Presenter, CtrlPlusAndMinusScaleTextAndCtrl0ResetsIt) {
    AppearanceGuard guard;
    QTemporaryDir dir;
    MainWindow window;
    showWith(window, writeFile(dir, QStringLiteral("watch.json"), watchedScenario()));
    window.runFor(1.0);
    const int value = window.watch()->valueFont(0).pixelSize();
    const qreal tick = window.charts()->latencyChart()->titleFont().pointSizeF();
    const qreal app = QApplication::font().pointSizeF();

    QTest::keyClick(&window, Qt::Key_Equal, Qt::ControlModifier);
    QTest::keyClick(&window, Qt::Key_Equal, Qt::ControlModifier);
    QApplication::processEvents();
    EXPECT_GT(Appearance::instance().textZoom(), 1.3);
    EXPECT_GT(window.watch()->valueFont(0).pixelSize(), value);
    EXPECT_GT(window.charts()->latencyChart()->titleFont().pointSizeF(), tick);
    EXPECT_GT(QApplication::font().pointSizeF(), app);
    EXPECT_GT(Appearance::instance().canvasTextScale(), 1.3);

    QTest::keyClick(&window, Qt::Key_Minus, Qt::ControlModifier);
    EXPECT_LT(Appearance::instance().textZoom(), 1.3);
    QTest::keyClick(&window, Qt::Key_0, Qt::ControlModifier);
    QApplication::processEvents();
    EXPECT_DOUBLE_EQ(Appearance::instance().textZoom(), 1.0);
    EXPECT_EQ(window.watch()->valueFont(0).pixelSize(), value);
    EXPECT_DOUBLE_EQ(QApplication::font().pointSizeF(), app);
}

class LessonFits : public ::testing::TestWithParam<const char*> {};

TEST_P(LessonFits, EveryNodeIsInTheCanvasAt1280x720) {
    // In the normal window and in presenter mode: fitting shows the whole graph.
    for (const bool presenting : {false, true}) {
        AppearanceGuard guard;
        MainWindow window;
        showWith(window,
                 QStringLiteral(FLOWLAB_SCENARIOS_DIR "/") + QString::fromLatin1(GetParam()));
        if (presenting) window.setPresenterMode(true, false);
        QApplication::processEvents();
        window.view()->fitAll();
        ASSERT_EQ(window.size(), QSize(1280, 720));
        EXPECT_GE(window.view()->zoom(), CanvasView::minFitZoom);
        for (const auto& node : window.document()->scenario().nodes) {
            const NodeItem* item = window.scene()->nodeItem(QString::fromStdString(node.id));
            ASSERT_NE(item, nullptr);
            EXPECT_TRUE(sceneRectVisible(window.view(), item->sceneBoundingRect()))
                << node.id << (presenting ? " presenting" : "") << " zoom "
                << window.view()->zoom();
        }
    }
}

INSTANTIATE_TEST_SUITE_P(WidestLessons, LessonFits,
                         ::testing::Values("08-cascading-checkout.json", "15-ordering.json",
                                           "21-hybrid-checkout.json"));

}  // namespace flowlab::ui::test
