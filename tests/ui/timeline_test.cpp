// The timeline under the canvas: its marks follow the lesson and the run, a click seeks,
// bookmarks are kept and jumped to, an edit in the past offers the abandoned future, and a
// run saved with its recording replays in the CLI and in a new window.

#include <gtest/gtest.h>

#include <QAction>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include "canvas/canvas_scene.hpp"
#include "document/scenario_document.hpp"
#include "flowlab/model/parse.hpp"
#include "flowlab/run/batch_runner.hpp"
#include "main_window.hpp"
#include "session/live_session.hpp"
#include "timeline/timeline_bar.hpp"
#include "ui_test_support.hpp"

#include <boost/json/serialize.hpp>

namespace flowlab::ui::test {
namespace {

QString lessonPath(const char* file) {
    return QStringLiteral(FLOWLAB_SCENARIOS_DIR "/") + QString::fromLatin1(file);
}

/// A window at the projector size, with a wall clock that stands still so that token
/// animation is the same in every window.
std::unique_ptr<MainWindow> openWindow(const QString& path) {
    auto window = std::make_unique<MainWindow>();
    window->setRecoveryChoice(MainWindow::RecoveryChoice::leave);
    window->resize(1280, 720);
    window->scene()->setWallClock([] { return 100.0; });
    QStringList errors;
    EXPECT_TRUE(window->openFile(path, &errors)) << errors.join('\n').toStdString();
    window->show();
    return window;
}

TEST(Timeline, ShowsTheLessonsFaultsAndCheckpoints) {
    auto window = openWindow(lessonPath("08-cascading-checkout.json"));
    const TimelineMarks& marks = window->timeline()->marks();
    ASSERT_EQ(marks.faults.size(), 1u);  // the ledger hangs from 20 s for 20 s
    EXPECT_EQ(marks.faults[0].from_s, 20);
    EXPECT_EQ(marks.faults[0].to_s, 40);
    EXPECT_FALSE(marks.faults[0].live);
    ASSERT_EQ(marks.checkpoints.size(), 1u);
    EXPECT_EQ(marks.checkpoints[0], 20);
}

TEST(Timeline, BookmarksAreKeptInOrderAndJumpedTo) {
    auto window = openWindow(lessonPath("01-availability-trap.json"));
    TimelineBar* bar = window->timeline();
    window->runFor(12);
    bar->keyActions().at(0)->trigger();  // M
    window->runFor(3);                   // 15 s
    bar->keyActions().at(0)->trigger();
    bar->addBookmark(3);
    ASSERT_EQ(bar->bookmarks(), (std::vector<double>{3, 12, 15}));
    // [ goes to the previous mark: the bookmark at 12 s.
    QObject::connect(bar, &TimelineBar::seekRequested, window.get(),
                     [&](double s) { window->seekTo(s); });
    bar->keyActions().at(3)->trigger();
    window->session()->runner().sync();
    window->session()->refresh();
    EXPECT_DOUBLE_EQ(bar->nowS(), 12);
    bar->keyActions().at(4)->trigger();  // ] : back to 15 s, in the recorded future
    window->session()->runner().sync();
    window->session()->refresh();
    EXPECT_DOUBLE_EQ(bar->nowS(), 15);
}

TEST(Timeline, AClickOnTheTrackSeeksThere) {
    auto window = openWindow(lessonPath("01-availability-trap.json"));
    QObject::connect(window->timeline(), &TimelineBar::seekRequested, window.get(),
                     [&](double s) { window->seekTo(s); });
    window->runFor(20);
    TimelineTrack* track = window->timeline()->track();
    const QPoint at(track->xAt(5), track->height() / 3);
    QTest::mouseClick(track, Qt::LeftButton, {}, at);
    window->session()->runner().sync();
    window->session()->refresh();
    EXPECT_NEAR(window->timeline()->nowS(), 5, window->timeline()->track()->axisEndS() / 200);
    EXPECT_DOUBLE_EQ(window->timeline()->recordedUntilS(), 20);
}

TEST(Timeline, ARunSavedWithItsRecordingReplaysInTheCliAndTheApp) {
    QTemporaryDir dir;
    const QString scenario =
        writeFile(dir, QStringLiteral("chain.json"), chainScenario(100, 8, 20));
    auto window = openWindow(scenario);
    window->runFor(3);
    model::Scenario edited = window->document()->scenario();
    edited.nodes[1].threads = 2;  // api down to 2 threads at 3 s
    window->document()->replaceAll(edited, QStringLiteral("fewer threads"));
    window->runFor(5);
    const auto live = window->session()->frame();
    ASSERT_TRUE(live && live->report);
    const QString saved = dir.filePath(QStringLiteral("recorded.json"));
    ASSERT_EQ(window->saveRecordingTo(saved), QString());

    const auto parsed = model::load_scenario_file(saved.toStdString());
    ASSERT_TRUE(parsed.ok()) << parsed.errors.at(0).to_string();
    ASSERT_EQ(parsed.scenario->recording.size(), 1u);
    EXPECT_EQ(parsed.scenario->nodes[1].threads, 8);  // the run started with 8
    EXPECT_EQ(boost::json::serialize(run::report_at(*parsed.scenario, 8)),
              boost::json::serialize(*live->report));

    auto reopened = openWindow(saved);
    reopened->runFor(8);
    EXPECT_EQ(boost::json::serialize(*reopened->session()->frame()->report),
              boost::json::serialize(*live->report));
}

TEST(Timeline, AnEditInThePastOffersTheAbandonedFuture) {
    QTemporaryDir dir;
    const QString scenario =
        writeFile(dir, QStringLiteral("chain.json"), chainScenario(100, 8, 20));
    auto window = openWindow(scenario);
    window->runFor(10);
    EXPECT_FALSE(window->timeline()->abandonedButton()->isVisibleTo(window.get()));
    window->seekTo(4);
    model::Scenario edited = window->document()->scenario();
    edited.nodes[1].threads = 3;
    window->document()->replaceAll(edited, QStringLiteral("fewer threads"));
    window->runFor(0);
    EXPECT_TRUE(window->timeline()->abandonedButton()->isVisibleTo(window.get()));
    EXPECT_DOUBLE_EQ(window->session()->frame()->abandoned_until_s, 10);
}

TEST(Timeline, TheSeekOptionIsChecked) {
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    app.setProcessEnvironment(env);
    app.start(QStringLiteral(FLOWLAB_APP),
              {QStringLiteral("--open"), lessonPath("01-availability-trap.json"),
               QStringLiteral("--run-for"), QStringLiteral("4"), QStringLiteral("--seek"),
               QStringLiteral("-2"), QStringLiteral("--screenshot"), QStringLiteral("/dev/null")});
    ASSERT_TRUE(app.waitForFinished(60000));
    EXPECT_NE(app.exitCode(), 0);
    EXPECT_TRUE(app.readAllStandardError().contains("--seek"));
}

}  // namespace
}  // namespace flowlab::ui::test
