// The timeline under the canvas: its marks follow the lesson and the run, a click seeks,
// bookmarks are kept and jumped to, an edit in the past offers the abandoned future, and a
// run saved with its recording replays in the CLI and in a new window.

#include <gtest/gtest.h>

#include <QAction>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include "canvas/canvas_scene.hpp"
#include "compare/compare_window.hpp"
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
    // Pointing at a mark says what it is, in the canvas's names.
    window->runFor(0);  // the track paints (and names) the marks of the frame it was given
    window->timeline()->addBookmark(12);
    const TimelineTrack* track = window->timeline()->track();
    EXPECT_EQ(track->marksAt(track->xAt(30)),
              QStringLiteral("hang on Ledger DB from 20 s to 40 s (scheduled)"));
    EXPECT_TRUE(track->marksAt(track->xAt(20)).startsWith(QStringLiteral("Checkpoint at 20 s: ")))
        << track->marksAt(track->xAt(20)).toStdString();
    EXPECT_EQ(track->marksAt(track->xAt(12)), QStringLiteral("Bookmark at 12 s"));
    EXPECT_EQ(track->marksAt(track->xAt(50)), QString());
}

TEST(Timeline, AFaultThatIsOverAtOnceIsATick) {
    // Lesson 24 resets the audit group's offset at 270 s: an instant, not a window to the end.
    auto window = openWindow(lessonPath("24-queue-vs-log.json"));
    const TimelineMarks& marks = window->timeline()->marks();
    const auto reset = std::find_if(marks.faults.begin(), marks.faults.end(),
                                    [](const TimelineMarks::Window& w) { return w.instant; });
    ASSERT_NE(reset, marks.faults.end());
    EXPECT_EQ(reset->to_s, reset->from_s);
    EXPECT_TRUE(reset->label.startsWith(QStringLiteral("reset on ")));
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
    const std::string before = boost::json::serialize(*window->session()->frame()->report);
    EXPECT_FALSE(window->timeline()->abandonedButton()->isVisibleTo(window.get()));
    EXPECT_EQ(window->openAbandonedFutureAsCompare(), nullptr);
    window->seekTo(4);
    model::Scenario edited = window->document()->scenario();
    edited.nodes[1].threads = 3;
    window->document()->replaceAll(edited, QStringLiteral("fewer threads"));
    window->runFor(0);
    EXPECT_TRUE(window->timeline()->abandonedButton()->isVisibleTo(window.get()));
    EXPECT_DOUBLE_EQ(window->session()->frame()->abandoned_until_s, 10);
    window->runFor(6);
    const std::string after = boost::json::serialize(*window->session()->frame()->report);
    ASSERT_NE(before, after);  // premise: the edit changed the run

    // Opened as compare: A is the run as it now goes, B the future the edit replaced, each
    // reproduced exactly from its recording.
    CompareWindow* compare = window->openAbandonedFutureAsCompare();
    ASSERT_NE(compare, nullptr);
    compare->runFor(10);
    EXPECT_EQ(boost::json::serialize(*compare->sessionA()->frame()->report), after);
    EXPECT_EQ(boost::json::serialize(*compare->sessionB()->frame()->report), before);
    compare->close();
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

/// Pixels that differ outside `mask`.
int differences(const QImage& a, const QImage& b, const QRect& mask) {
    if (a.size() != b.size()) return a.width() * a.height();
    int n = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            if (!mask.contains(x, y) && a.pixel(x, y) != b.pixel(x, y)) ++n;
    return n;
}

QRect timelineRect(MainWindow& window) {
    TimelineBar* bar = window.timeline();
    return QRect(bar->mapTo(&window, QPoint(0, 0)), bar->size());
}

struct SeekCase {
    const char* file;
    double at, beyond;
};

class TimelineSeekPicture : public ::testing::TestWithParam<SeekCase> {};

TEST_P(TimelineSeekPicture, IsTheStraightRunsPictureButForTheTimeline) {
    const SeekCase c = GetParam();
    auto straight = openWindow(lessonPath(c.file));
    straight->runFor(c.at);
    const QImage expected = straight->screenshot();

    auto seeking = openWindow(lessonPath(c.file));
    seeking->runFor(c.at + c.beyond);
    const QImage later = seeking->screenshot();
    seeking->seekTo(c.at);
    const QImage back = seeking->screenshot();

    const QRect mask = timelineRect(*seeking);
    EXPECT_EQ(mask, timelineRect(*straight));
    // Premise: the later picture differs, so a seek that did nothing would show.
    EXPECT_GT(differences(expected, later, mask), 0);
    EXPECT_EQ(differences(expected, back, mask), 0);
    // The timeline shows the recorded future up to where the run had been.
    EXPECT_DOUBLE_EQ(seeking->timeline()->nowS(), c.at);
    EXPECT_DOUBLE_EQ(seeking->timeline()->recordedUntilS(), c.at + c.beyond);
}

// A plain chain, one with a slow dependency from 10 s, and the cascading checkout whose
// ledger hangs from 20 s to 40 s (the seek lands inside the fault).
INSTANTIATE_TEST_SUITE_P(Lessons, TimelineSeekPicture,
                         ::testing::Values(SeekCase{"01-availability-trap.json", 10, 10},
                                           SeekCase{"04-thread-pool-exhaustion.json", 20, 10},
                                           SeekCase{"08-cascading-checkout.json", 30, 10}));

}  // namespace
}  // namespace flowlab::ui::test
