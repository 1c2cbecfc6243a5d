// Autosave and recovery: an edited document is written to the app's data folder some time
// after the edit; a window that dies without closing (a crash, kill -9) leaves it, and the
// next open of the file offers it back. A save or a clean close removes it.

#include <gtest/gtest.h>

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

#include "document/autosave.hpp"
#include "document/scenario_document.hpp"
#include "document/scenario_file.hpp"
#include "main_window.hpp"
#include "ui_test_support.hpp"

namespace flowlab::ui::test {

namespace {

/// Autosaves go to a test folder (~/.qttest), never the user's; each test's document has
/// its own temporary path, so its autosave name is its own too.
class AutosaveTest : public ::testing::Test {
protected:
    void SetUp() override {
        QStandardPaths::setTestModeEnabled(true);
        ASSERT_TRUE(dir_.isValid());
        file_ = writeFile(dir_, QStringLiteral("lab.json"), chainScenario(50, 8, 5));
        // The file is from an hour ago, so an autosave made now is newer.
        QFile f(file_);
        ASSERT_TRUE(f.open(QIODevice::ReadWrite));
        ASSERT_TRUE(f.setFileTime(QDateTime::currentDateTime().addSecs(-3600),
                                  QFileDevice::FileModificationTime));
    }
    void TearDown() override {
        QFile::remove(Autosave::pathFor(file_));
        QStandardPaths::setTestModeEnabled(false);
    }

    /// A window that opened the file, made one edit (api's threads 8 -> 3) and autosaved,
    /// then died without closing: what a crash leaves.
    void crashAfterAnAutosave() {
        auto window = std::make_unique<MainWindow>();
        window->setRecoveryChoice(MainWindow::RecoveryChoice::decline);
        ASSERT_TRUE(window->openFile(file_));
        window->autosave()->setInterval(20);
        ASSERT_TRUE(window->document()->setNodeParam(QStringLiteral("api"), "threads",
                                                     model::ParamValue(std::int64_t{3})));
        ASSERT_TRUE(window->autosave()->pending());
        ASSERT_TRUE(QTest::qWaitFor([&] { return QFile::exists(Autosave::pathFor(file_)); }));
        // Destroyed, not closed: no closeEvent, no clean-up.
    }

    int apiThreads(const MainWindow& window) const {
        const auto& s = window.document()->scenario();
        return s.nodes[static_cast<std::size_t>(window.document()->nodeIndex("api"))].threads;
    }

    QTemporaryDir dir_;
    QString file_;
};

}  // namespace

TEST_F(AutosaveTest, AnEditIsWrittenAfterTheIntervalAndASaveRemovesIt) {
    MainWindow window;
    ASSERT_TRUE(window.openFile(file_));
    window.autosave()->setInterval(20);
    EXPECT_FALSE(window.autosave()->pending()) << "nothing to save before an edit";
    ASSERT_TRUE(window.document()->setNodeParam(QStringLiteral("api"), "threads",
                                                model::ParamValue(std::int64_t{3})));
    const QString autosaved = Autosave::pathFor(file_);
    ASSERT_TRUE(QTest::qWaitFor([&] { return QFile::exists(autosaved); }));
    EXPECT_TRUE(
        autosaved.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));

    // The autosave holds the edit; the file does not (the user has not saved).
    const ScenarioLoad copy = loadScenarioFile(autosaved);
    ASSERT_TRUE(copy.scenario) << copy.errors.join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(*copy.scenario, window.document()->scenario());
    EXPECT_EQ(loadScenarioFile(file_).scenario->nodes[1].threads, 8);

    ASSERT_EQ(window.saveTo(file_), QString());
    EXPECT_FALSE(QFile::exists(autosaved)) << "a save makes the autosave obsolete";
}

TEST_F(AutosaveTest, AfterACrashTheNextOpenRecoversTheEditWhenAccepted) {
    crashAfterAnAutosave();
    ASSERT_FALSE(Autosave::recoverableFor(file_).isEmpty());
    MainWindow window;
    window.setRecoveryChoice(MainWindow::RecoveryChoice::accept);
    ASSERT_TRUE(window.openFile(file_));
    EXPECT_EQ(apiThreads(window), 3) << "the edit is back";
    EXPECT_TRUE(window.document()->isModified()) << "recovered, not saved: the user decides";
    EXPECT_EQ(window.document()->filePath(), QFileInfo(file_).absoluteFilePath());
    window.document()->undoStack()->undo();
    EXPECT_EQ(apiThreads(window), 8) << "undo returns to the file's content";
}

TEST_F(AutosaveTest, DeclinedRecoveryKeepsTheFileAndRemovesTheAutosave) {
    crashAfterAnAutosave();
    MainWindow window;
    window.setRecoveryChoice(MainWindow::RecoveryChoice::decline);
    ASSERT_TRUE(window.openFile(file_));
    EXPECT_EQ(apiThreads(window), 8);
    EXPECT_FALSE(window.document()->isModified());
    EXPECT_FALSE(QFile::exists(Autosave::pathFor(file_)));
}

TEST_F(AutosaveTest, AScriptedRunLeavesTheAutosaveForTheUser) {
    crashAfterAnAutosave();
    MainWindow window;
    window.setRecoveryChoice(MainWindow::RecoveryChoice::leave);
    ASSERT_TRUE(window.openFile(file_));
    EXPECT_EQ(apiThreads(window), 8);
    EXPECT_TRUE(QFile::exists(Autosave::pathFor(file_)));
}

TEST_F(AutosaveTest, AnAutosaveOlderThanTheFileIsNotOffered) {
    crashAfterAnAutosave();
    // The file was saved after the autosave (by another program, or another window).
    QFile f(file_);
    ASSERT_TRUE(f.open(QIODevice::ReadWrite));
    ASSERT_TRUE(f.setFileTime(QDateTime::currentDateTime().addSecs(3600),
                              QFileDevice::FileModificationTime));
    f.close();
    EXPECT_TRUE(Autosave::recoverableFor(file_).isEmpty());
    MainWindow window;
    window.setRecoveryChoice(MainWindow::RecoveryChoice::accept);
    ASSERT_TRUE(window.openFile(file_));
    EXPECT_EQ(apiThreads(window), 8);
}

TEST_F(AutosaveTest, ACleanCloseRemovesTheAutosave) {
    MainWindow window;
    window.show();
    ASSERT_TRUE(window.openFile(file_));
    ASSERT_TRUE(window.document()->setNodeParam(QStringLiteral("api"), "threads",
                                                model::ParamValue(std::int64_t{3})));
    ASSERT_EQ(window.autosave()->saveNow(), QString());
    ASSERT_TRUE(QFile::exists(Autosave::pathFor(file_)));
    // Back to the file's content: closing asks nothing, and the autosave is no longer news.
    window.document()->undoStack()->undo();
    ASSERT_FALSE(window.document()->isModified());
    ASSERT_TRUE(QFile::exists(Autosave::pathFor(file_)));
    EXPECT_TRUE(window.close());
    EXPECT_FALSE(QFile::exists(Autosave::pathFor(file_)));
}

}  // namespace flowlab::ui::test
