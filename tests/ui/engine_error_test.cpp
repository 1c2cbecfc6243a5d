// An engine failure reaches the user: a red note in the status bar that stays, one
// message box per failure (not one per frame), and a window that keeps working.

#include <gtest/gtest.h>

#include <QApplication>
#include <QLabel>
#include <QMessageBox>
#include <QStatusBar>
#include <QTemporaryDir>

#include "main_window.hpp"
#include "session/live_session.hpp"
#include "ui_test_support.hpp"

namespace flowlab::ui::test {

namespace {

/// A frame as LiveRunner publishes it when a command threw: the run paused, the error
/// set, nothing else (the fallback when even the frame could not be built).
std::shared_ptr<const run::Frame> failedFrame(const std::string& error) {
    auto frame = std::make_shared<run::Frame>();
    frame->error = error;
    return frame;
}

int messageBoxes(const MainWindow& window) {
    return int(window.findChildren<QMessageBox*>().size());
}

}  // namespace

TEST(EngineError, IsShownOnceAndStaysInTheStatusBar) {
    QTemporaryDir dir;
    MainWindow window;
    window.show();
    ASSERT_TRUE(
        window.openFile(writeFile(dir, QStringLiteral("chain.json"), chainScenario(50, 8, 5))));
    window.runFor(1.0);
    EXPECT_TRUE(window.engineError().isEmpty());
    EXPECT_EQ(messageBoxes(window), 0);

    // Frames the engine queued before now would arrive after the failed one and, being
    // fine, clear it: let them in first.
    QApplication::processEvents();
    const std::string error = "The engine stopped: event calendar corrupted";
    emit window.session()->frameUpdated(failedFrame(error));
    emit window.session()->frameUpdated(failedFrame(error));  // the next frames say it again
    EXPECT_EQ(window.engineError().toStdString(), error);
    EXPECT_EQ(messageBoxes(window), 1);
    const auto boxes = window.findChildren<QMessageBox*>();
    ASSERT_EQ(boxes.size(), 1);
    EXPECT_EQ(boxes.front()->text().toStdString(), error);
    EXPECT_FALSE(boxes.front()->isModal() &&
                 boxes.front()->windowModality() == Qt::ApplicationModal);
    bool shownInStatusBar = false;
    for (QLabel* label : window.statusBar()->findChildren<QLabel*>())
        shownInStatusBar |= label->isVisible() && label->text().toStdString() == error;
    EXPECT_TRUE(shownInStatusBar);

    // The window still works: the next run clears the note.
    window.runFor(1.0);
    EXPECT_TRUE(window.engineError().isEmpty());
    for (QLabel* label : window.statusBar()->findChildren<QLabel*>())
        EXPECT_FALSE(label->isVisible() && label->text().toStdString() == error);
}

}  // namespace flowlab::ui::test
