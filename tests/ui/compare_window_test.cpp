// Compare mode (ui/compare): one transport keeps both runs at the same virtual time
// through play, step, seek back and reset; each chart overlays both runs, named A and B
// like the canvases; the watch panel's A, B and B - A are exactly run::compare's figures
// at the same time; bad pair files are refused with located errors; the lesson browser
// lists the shipped pairs and opens them.

#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include "canvas/canvas_scene.hpp"
#include "canvas/canvas_view.hpp"
#include "canvas/node_item.hpp"
#include "compare/compare_charts.hpp"
#include "compare/compare_clock.hpp"
#include "compare/compare_watch.hpp"
#include "compare/compare_window.hpp"
#include "flowlab/run/batch_runner.hpp"
#include "flowlab/run/compare.hpp"
#include "flowlab/run/metric_path.hpp"
#include "main_window.hpp"
#include "panels/lesson_browser.hpp"
#include "panels/metric_format.hpp"
#include "panels/run_controls.hpp"
#include "panels/time_chart.hpp"
#include "session/live_session.hpp"
#include "timeline/timeline_bar.hpp"
#include "ui_test_support.hpp"

#include <boost/json/serialize.hpp>

namespace flowlab::ui::test {

namespace {

const QString checkoutPair =
    QStringLiteral(FLOWLAB_SCENARIOS_DIR) + QStringLiteral("/compare/08-vs-21-hybrid.json");

std::unique_ptr<CompareWindow> openCheckoutPair() {
    QStringList errors;
    std::unique_ptr<CompareWindow> window(CompareWindow::fromPair(checkoutPair, &errors));
    EXPECT_TRUE(window) << errors.join('\n').toStdString();
    if (window) {
        window->resize(1280, 720);
        window->show();
    }
    return window;
}

/// Both runs' newest frames stand at the same virtual time; returns it.
kernel::SimTime expectLockstep(CompareWindow& w) {
    const auto a = w.sessionA()->frame(), b = w.sessionB()->frame();
    EXPECT_EQ(a->now, b->now);
    return a->now;
}

}  // namespace

TEST(CompareWindow, OneTransportKeepsBothClocksTogether) {
    auto w = openCheckoutPair();
    ASSERT_TRUE(w);
    CompareClock* clock = w->clock();
    clock->step();
    clock->step();
    clock->step();
    EXPECT_EQ(expectLockstep(*w), kernel::from_s(3 * CompareClock::stepSeconds));
    // Through the toolbar's own buttons, as a user drives it.
    w->runControls()->stepHopAction()->trigger();
    EXPECT_EQ(expectLockstep(*w),
              kernel::from_s(3 * CompareClock::stepSeconds + CompareClock::longStepSeconds));
    w->runFor(22);
    const kernel::SimTime before = expectLockstep(*w);
    w->backAction()->trigger();
    EXPECT_EQ(expectLockstep(*w), before - kernel::from_s(CompareClock::backSeconds));

    // Playing: every pair of frames the views are given stands at one time.
    QSignalSpy frames(clock, &CompareClock::framesUpdated);
    clock->setSpeed(10);
    w->runControls()->playAction()->trigger();
    EXPECT_TRUE(clock->playing());
    QTRY_VERIFY_WITH_TIMEOUT(frames.count() >= 5, 20000);
    w->runControls()->playAction()->trigger();
    EXPECT_FALSE(clock->playing());
    for (const auto& args : frames) {
        const auto a = args[0].value<std::shared_ptr<const run::Frame>>();
        const auto b = args[1].value<std::shared_ptr<const run::Frame>>();
        EXPECT_EQ(a->now, b->now);
    }
    EXPECT_GT(expectLockstep(*w), before - kernel::from_s(CompareClock::backSeconds));

    w->runControls()->stepEventAction()->trigger();  // reset below undoes any step
    clock->reset();
    EXPECT_EQ(expectLockstep(*w), 0);
}

TEST(CompareWindow, TheTimelineTakesBothRunsBackToTheMomentTheLedgerHung) {
    // The lecturer's path: play past the hang, drag back to where the ledger hung, replay.
    auto straight = openCheckoutPair();
    ASSERT_TRUE(straight);
    straight->runFor(20);
    const std::string reportA = boost::json::serialize(*straight->sessionA()->frame()->report);
    const std::string reportB = boost::json::serialize(*straight->sessionB()->frame()->report);

    auto w = openCheckoutPair();
    ASSERT_TRUE(w);
    TimelineBar* timeline = w->timeline();
    ASSERT_EQ(timeline->marks().faults.size(), 1u);  // the ledger hangs from 20 s to 40 s
    EXPECT_EQ(timeline->marks().faults[0].from_s, 20);
    w->runFor(35);
    EXPECT_DOUBLE_EQ(timeline->recordedUntilS(), 35);
    emit timeline->seekRequested(20);  // what a drag or a click on the track sends
    EXPECT_EQ(expectLockstep(*w), kernel::from_s(20));
    EXPECT_DOUBLE_EQ(timeline->nowS(), 20);
    EXPECT_DOUBLE_EQ(timeline->recordedUntilS(), 35);  // the played future is kept
    // Exactly the moment the straight run showed, in both designs.
    EXPECT_EQ(boost::json::serialize(*w->sessionA()->frame()->report), reportA);
    EXPECT_EQ(boost::json::serialize(*w->sessionB()->frame()->report), reportB);
    // And replaying goes on together from there.
    w->runFor(5);
    EXPECT_EQ(expectLockstep(*w), kernel::from_s(25));
}

TEST(CompareWindow, TheShoppersCardsShowTheirAvailabilityOnAProjector) {
    // Two canvases share the width, so the graphs are smaller than in the main window
    // (zoom 0.35 at 1280x720): the client's card, too short for its figures table, shows
    // the table's first figure on one line rather than only its name.
    auto w = openCheckoutPair();
    ASSERT_TRUE(w);
    w->runFor(10);
    QApplication::processEvents();
    for (int side = 0; side < 2; ++side) {
        const NodeItem* item =
            (side == 0 ? w->sceneA() : w->sceneB())->nodeItem(QStringLiteral("web"));
        ASSERT_NE(item, nullptr);
        const qreal zoom = (side == 0 ? w->viewA() : w->viewB())->zoom();
        // The figure the card's "since start" row holds first: the availability.
        QString shown;
        for (const NodeLine& line : item->bodyLines())
            if (line.text.startsWith(QStringLiteral("since start\t")))
                shown = line.text.section(QLatin1Char('\t'), 1, 1);
        ASSERT_TRUE(shown.endsWith(QLatin1Char('%'))) << shown.toStdString();
        bool found = false;
        for (const NodeTextRun& run : item->textLayout(zoom).runs)
            found = found || (run.key && run.text.contains(shown));
        EXPECT_TRUE(found) << "side " << side << " at zoom " << zoom << ": no "
                           << shown.toStdString();
    }
}

TEST(CompareWindow, EachChartOverlaysBothRunsNamedLikeTheCanvases) {
    auto w = openCheckoutPair();
    ASSERT_TRUE(w);
    w->runFor(30);
    EXPECT_EQ(w->canvasTitle(0)->text(), QStringLiteral("A: Cascading checkout"));
    EXPECT_EQ(w->canvasTitle(1)->text(), QStringLiteral("B: Hybrid checkout, 08's load"));
    for (TimeChart* chart : {w->charts()->latencyChart(), w->charts()->availabilityChart(),
                             w->charts()->throughputChart()}) {
        ASSERT_EQ(chart->lineCount(), 2);
        EXPECT_EQ(chart->lineName(0), QStringLiteral("A: ") + w->nameA());
        EXPECT_EQ(chart->lineName(1), QStringLiteral("B: ") + w->nameB());
        // Both runs drawn: a sample every 0.5 s for 30 s.
        EXPECT_GE(chart->points(0).size(), 50);
        EXPECT_EQ(chart->points(0).size(), chart->points(1).size());
    }
    // Mid-hang (20 s to 40 s) the cascading design's P99 of each sample is the shoppers'
    // 5 s timeout; the hybrid one stays below a second.
    const auto p99 = w->charts()->latencyChart();
    EXPECT_DOUBLE_EQ(p99->points(0).back().y(), 5000);
    EXPECT_LT(p99->points(1).back().y(), 1000);
}

TEST(CompareWindow, WatchFiguresAreRunCompareFiguresAtTheSameTime) {
    auto w = openCheckoutPair();
    ASSERT_TRUE(w);
    const CompareSetup& s = w->setup();
    auto check = [&](double t, const boost::json::object& figures,
                     const boost::json::object& reportA, const boost::json::object& reportB) {
        const CompareWatch* watch = w->watch();
        ASSERT_DOUBLE_EQ(watch->shownTime(), t);
        int clientEntries = 0;
        for (int i = 0; i < watch->entryCount(); ++i) {
            const auto& e = watch->entry(i);
            SCOPED_TRACE(e.metric);
            if (!e.clientFigure) {  // a pair's own figure: each report's number
                EXPECT_EQ(e.a, run::metric_value(reportA, e.metric));
                EXPECT_EQ(e.b, run::metric_value(reportB, e.metric));
                continue;
            }
            const std::string key = e.key;
            ++clientEntries;
            EXPECT_EQ(e.a, run::metric_value(figures, key + ".a"));
            EXPECT_EQ(e.b, run::metric_value(figures, key + ".b"));
            ASSERT_TRUE(e.delta);
            EXPECT_EQ(*e.delta, *run::metric_value(figures, key + ".delta"));
            EXPECT_EQ(e.deltaText, QStringLiteral("Δ ") + formatDelta(e.metric, *e.delta));
        }
        EXPECT_EQ(clientEntries, 4);  // availability, P50, P99, throughput
    };
    // At 30 s, ten seconds into the ledger hang: the reports `flowlab-cli run --until 30`
    // prints for each design, with A's seed for both.
    w->runFor(30);
    const runtime::SimulationOptions seed{s.a.seed, {}, {}};
    const auto a30 = run::report_at(s.a, 30, seed), b30 = run::report_at(s.b, 30, seed);
    check(30, run::compare_client_figures(a30, b30, "web"), a30, b30);
    // At the end: exactly what `flowlab-cli compare` prints.
    w->runFor(1000);
    ASSERT_TRUE(w->clock()->finished());
    const auto doc = run::compare_designs({"a", s.a}, {"b", s.b}, {});
    const double end = std::max(kernel::to_s(w->sessionA()->frame()->now),
                                kernel::to_s(w->sessionB()->frame()->now));
    check(end, doc.at("clients").at("web").as_object(), doc.at("a").at("report").as_object(),
          doc.at("b").at("report").as_object());
    // Availability is better in B: its difference is drawn as better (green).
    EXPECT_EQ(w->watch()->entry(0).verdict, 1);
    EXPECT_GE(w->watch()->valueFont().pixelSize(), 24);
}

TEST(CompareWindow, ABadPairFileIsRefusedWithLocatedErrors) {
    QTemporaryDir dir;
    const QString pair = writeFile(dir, QStringLiteral("pair.json"), R"({
  "format": "flowlab-compare-pair/1",
  "title": "broken",
  "a": "nowhere.json",
  "b": "nowhere.json",
  "bee": 1
})");
    QStringList errors;
    EXPECT_EQ(CompareWindow::fromPair(pair, &errors), nullptr);
    ASSERT_EQ(errors.size(), 3);
    EXPECT_TRUE(errors[0].startsWith(pair + QStringLiteral(":4:8: a: cannot open scenario")))
        << errors[0].toStdString();
    EXPECT_TRUE(errors[2].startsWith(pair + QStringLiteral(":6:3: bee: unknown key")))
        << errors[2].toStdString();
}

TEST(CompareWindow, TheLessonBrowserListsThePairsAndOneOpensCompareMode) {
    LessonBrowser browser(QStringLiteral(FLOWLAB_SCENARIOS_DIR));
    EXPECT_EQ(browser.pairCount(), 6);
    ASSERT_TRUE(browser.select(QDir(QStringLiteral(FLOWLAB_SCENARIOS_DIR))
                                   .filePath(QStringLiteral("compare/08-vs-21-hybrid.json"))));
    EXPECT_TRUE(browser.selectedIsPair());
    ASSERT_TRUE(browser.select(QDir(QStringLiteral(FLOWLAB_SCENARIOS_DIR))
                                   .filePath(QStringLiteral("08-cascading-checkout.json"))));
    EXPECT_FALSE(browser.selectedIsPair());

    // File > Open Lesson, the pair chosen in the dialog: a compare window opens.
    MainWindow window;
    window.setRecoveryChoice(MainWindow::RecoveryChoice::leave);
    QAction* openLesson = nullptr;
    for (QAction* a : window.findChildren<QAction*>())
        if (a->text() == QStringLiteral("Open &Lesson...")) openLesson = a;
    ASSERT_TRUE(openLesson);
    QTimer chooser;
    bool chosen = false;
    QObject::connect(&chooser, &QTimer::timeout, [&] {
        auto* dialog = qobject_cast<LessonBrowser*>(QApplication::activeModalWidget());
        if (!dialog || chosen) return;
        chosen = dialog->select(checkoutPair);
        dialog->accept();
    });
    chooser.start(10);
    openLesson->trigger();
    ASSERT_TRUE(chosen);
    const auto opened = window.findChildren<CompareWindow*>();
    ASSERT_EQ(opened.size(), 1);
    EXPECT_TRUE(opened[0]->isVisible());
    EXPECT_EQ(opened[0]->setup().title, QStringLiteral("Cascading checkout vs hybrid checkout"));
    delete opened[0];
}

}  // namespace flowlab::ui::test

namespace flowlab::ui::test {

TEST(CompareCommandLine, DumpsTheComparedFiguresAsShownAtTheTimeAsked) {
    int exitCode = -1;
    QByteArray err;
    const QByteArray out =
        runApp({QStringLiteral("--compare-pair"), checkoutPair, QStringLiteral("--run-for"),
                QStringLiteral("30"), QStringLiteral("--dump-watch"), QStringLiteral("-")},
               &exitCode, &err);
    ASSERT_EQ(exitCode, 0) << err.toStdString();
    const QJsonObject dump = QJsonDocument::fromJson(out).object();
    EXPECT_DOUBLE_EQ(dump[QStringLiteral("t_s")].toDouble(), 30.0);
    const QJsonObject first = dump[QStringLiteral("entries")].toArray().first().toObject();
    EXPECT_EQ(first[QStringLiteral("metric")].toString(),
              QStringLiteral("clients.web.availability"));
    EXPECT_EQ(first[QStringLiteral("better")].toString(), QStringLiteral("higher"));
    // The texts on screen: each figure with its side's letter, the difference signed.
    const double a = first[QStringLiteral("a")].toDouble(),
                 b = first[QStringLiteral("b")].toDouble();
    EXPECT_EQ(first[QStringLiteral("shown_a")].toString(),
              QStringLiteral("A ") + formatMetric("availability", a));
    EXPECT_EQ(first[QStringLiteral("shown_b")].toString(),
              QStringLiteral("B ") + formatMetric("availability", b));
    EXPECT_EQ(first[QStringLiteral("shown_delta")].toString(),
              QStringLiteral("Δ ") + formatDelta("clients.web.availability", b - a)
                                         .replace(QChar(0x00a0), QLatin1Char(' ')));
}

TEST(CompareCommandLine, SeeksBothRunsBackAsTheTimelineDoes) {
    int exitCode = -1;
    QByteArray err;
    const QByteArray out =
        runApp({QStringLiteral("--compare-pair"), checkoutPair, QStringLiteral("--run-for"),
                QStringLiteral("30"), QStringLiteral("--seek"), QStringLiteral("20"),
                QStringLiteral("--dump-watch"), QStringLiteral("-")},
               &exitCode, &err);
    ASSERT_EQ(exitCode, 0) << err.toStdString();
    const QByteArray straight =
        runApp({QStringLiteral("--compare-pair"), checkoutPair, QStringLiteral("--run-for"),
                QStringLiteral("20"), QStringLiteral("--dump-watch"), QStringLiteral("-")},
               &exitCode, &err);
    ASSERT_EQ(exitCode, 0) << err.toStdString();
    EXPECT_DOUBLE_EQ(QJsonDocument::fromJson(out).object()[QStringLiteral("t_s")].toDouble(), 20);
    EXPECT_EQ(QJsonDocument::fromJson(out), QJsonDocument::fromJson(straight));

    runApp({QStringLiteral("--compare-pair"), checkoutPair, QStringLiteral("--run-for"),
            QStringLiteral("3"), QStringLiteral("--seek"), QStringLiteral("-1"),
            QStringLiteral("--dump-watch"), QStringLiteral("-")},
           &exitCode, &err);
    EXPECT_EQ(exitCode, 1);
    EXPECT_TRUE(err.contains("--seek must be a number of seconds >= 0, got -1"))
        << err.toStdString();
}

TEST(CompareCommandLine, ABadPairOrAMissingBExitsWithItsProblems) {
    QTemporaryDir dir;
    const QString pair = writeFile(dir, QStringLiteral("pair.json"),
                                   R"({ "format": "flowlab-compare-pair/1", "title": "t",
  "a": "../nowhere.json", "b": "x.json" })");
    int exitCode = -1;
    QByteArray err;
    runApp(
        {QStringLiteral("--compare-pair"), pair, QStringLiteral("--run-for"), QStringLiteral("1")},
        &exitCode, &err);
    EXPECT_EQ(exitCode, 2);
    EXPECT_TRUE(err.contains((pair + QStringLiteral(":2:8: a: cannot open scenario")).toUtf8()))
        << err.toStdString();
    runApp(
        {QStringLiteral("--compare"), QStringLiteral(FLOWLAB_SCENARIOS_DIR "/06-retry-storm.json"),
         QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("x.png"))},
        &exitCode, &err);
    EXPECT_EQ(exitCode, 1);
    EXPECT_TRUE(err.contains("--compare needs two scenario files")) << err.toStdString();
}

}  // namespace flowlab::ui::test
