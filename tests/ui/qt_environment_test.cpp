// (Named *_test.cpp so the tests/CMakeLists.txt glob compiles it into ui_tests.)
// One QApplication for the whole ui_tests program. tests/CMakeLists.txt links
// GTest::gtest_main, so the application is created by a global test environment; its
// argc/argv are static because QApplication keeps references to them for its lifetime.

#include <gtest/gtest.h>

#include <QApplication>
#include <QMouseEvent>
#include <memory>

#include "ui_test_support.hpp"

namespace flowlab::ui::test {

namespace {

int argc = 1;
char appName[] = "ui_tests";
char* argv[] = {appName, nullptr};

class QtEnvironment : public ::testing::Environment {
public:
    void SetUp() override {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
        app_ = std::make_unique<QApplication>(argc, argv);
        // Recent files and window geometry go to a settings file of the tests, not the user's.
        QApplication::setOrganizationName(QStringLiteral("FlowLabTests"));
        QApplication::setApplicationName(QStringLiteral("ui_tests"));
    }
    void TearDown() override { app_.reset(); }

private:
    std::unique_ptr<QApplication> app_;
};

[[maybe_unused]] ::testing::Environment* const environment =
    ::testing::AddGlobalTestEnvironment(new QtEnvironment);

}  // namespace

void sendMouse(QGraphicsView* view, QEvent::Type type, QPoint pos,
               Qt::KeyboardModifiers modifiers) {
    const Qt::MouseButton button = type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton;
    const Qt::MouseButtons buttons =
        type == QEvent::MouseButtonRelease ? Qt::NoButton : Qt::LeftButton;
    QMouseEvent event(type, QPointF(pos), view->viewport()->mapToGlobal(QPointF(pos)), button,
                      buttons, modifiers);
    QApplication::sendEvent(view->viewport(), &event);
}

void dragInScene(QGraphicsView* view, QPointF from, QPointF to, Qt::KeyboardModifiers modifiers) {
    const QPoint a = view->mapFromScene(from);
    const QPoint b = view->mapFromScene(to);
    sendMouse(view, QEvent::MouseButtonPress, a, modifiers);
    for (int i = 1; i <= 4; ++i) sendMouse(view, QEvent::MouseMove, a + (b - a) * i / 4, modifiers);
    sendMouse(view, QEvent::MouseButtonRelease, b, modifiers);
}

}  // namespace flowlab::ui::test
