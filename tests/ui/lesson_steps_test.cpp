// A guided lesson in the app: checkpoints pause the run exactly where they are (a time) or
// at the first frame where they hold (a condition), a choice is answered before Next, a
// prediction is judged against the measured value, a step's actions reach the canvas,
// the speed and the charts, and the step reached is remembered between launches.

#include <gtest/gtest.h>

#include <QApplication>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>

#include "canvas/canvas_scene.hpp"
#include "flowlab/run/lesson_steps.hpp"
#include "flowlab/run/metric_path.hpp"
#include "main_window.hpp"
#include "panels/chart_panel.hpp"
#include "panels/lesson_panel.hpp"
#include "panels/lesson_steps_panel.hpp"
#include "panels/run_controls.hpp"
#include "session/live_session.hpp"
#include "ui_test_support.hpp"

namespace flowlab::ui::test {

namespace {

/// 50 requests/s, evenly spaced (one every 20 ms from time 0), into an 8-thread API that
/// hangs from 2 s: its threads block and its backlog grows by 50 a second.
QByteArray steppedScenario() {
    return R"({
  "format": "flowlab/1", "name": "ui test steps", "seed": 3, "run": { "duration_s": 30 },
  "nodes": [
    { "id": "web", "kind": "client", "rate_per_s": 50, "arrival": "uniform" },
    { "id": "api", "kind": "service", "threads": 8, "work_ms": 5 }
  ],
  "edges": [ { "from": "web", "to": "api", "mode": "sync" } ],
  "faults": [ { "at_s": 2, "target": "api", "fault": "hang" } ],
  "layout": { "web": [0, 0], "api": [260, 0] },
  "lesson": { "goal": "g", "steps": [
    { "title": "Intro", "text": "Nothing armed here." },
    { "title": "At a time", "at_s": 3.5,
      "do": [ { "highlight": ["api"] }, { "speed": 0.2 }, { "chart": "api" } ] },
    { "title": "When it holds",
      "when": { "metric": "nodes.api.backlog_max", "op": ">=", "value": 40 } },
    { "title": "A choice",
      "ask": { "kind": "choice", "question": "Where do requests wait?",
               "options": ["In the API's backlog", "At the client"], "answer": 0,
               "why": "The API's threads are all blocked." } },
    { "title": "A prediction",
      "ask": { "kind": "predict", "question": "How many requests by 12 s?",
               "metric": "clients.web.requests", "at_s": 12, "tolerance": 1.5,
               "why": "50 a second for 12 s: 600." } } ] }
})";
}

struct SteppedWindow {
    QTemporaryDir dir;
    MainWindow window;
    LessonStepsPanel* steps = nullptr;
    SteppedWindow() {
        const QString path = writeFile(dir, QStringLiteral("stepped.json"), steppedScenario());
        EXPECT_TRUE(window.openFile(path));
        steps = window.lesson()->steps();
    }
    std::shared_ptr<const run::Frame> settle() {
        window.session()->runner().sync();
        window.session()->refresh();
        return window.session()->frame();
    }
};

model::Scenario parsed(const QByteArray& text) {
    auto r = run::parse_scenario_checked(text.toStdString());
    EXPECT_TRUE(r.ok());
    return r.scenario.value_or(model::Scenario{});
}

}  // namespace

TEST(LessonSteps, OpeningALessonShowsItsFirstStepAndArmsNothing) {
    SteppedWindow w;
    ASSERT_EQ(w.steps->stepCount(), 5);
    EXPECT_TRUE(w.steps->isVisibleTo(&w.window));
    EXPECT_EQ(w.steps->currentStep(), 0);
    EXPECT_EQ(w.steps->titleText(), QStringLiteral("Intro"));
    w.window.runFor(5);
    EXPECT_EQ(w.window.session()->frame()->now, kernel::from_s(5));
}

TEST(LessonSteps, ACheckpointAtATimePausesExactlyThereAndRunsTheStepsActions) {
    SteppedWindow w;
    ASSERT_TRUE(w.steps->nextStep());
    EXPECT_EQ(w.window.scene()->lessonHighlight(), QStringList{QStringLiteral("api")});
    EXPECT_NEAR(w.window.runControls()->speed(), 0.2, 0.001);  // the slider's nearest step
    EXPECT_EQ(w.window.bottomTabs()->currentWidget(), w.window.charts());
    EXPECT_FALSE(w.steps->stepDone());
    EXPECT_FALSE(w.steps->nextButton()->isEnabled());
    w.window.runFor(10);  // asked for 10 s; the checkpoint stops it at 3.5
    const auto frame = w.window.session()->frame();
    EXPECT_EQ(frame->now, kernel::from_s(3.5));
    EXPECT_FALSE(frame->running);
    EXPECT_TRUE(w.steps->stepDone());
    EXPECT_TRUE(w.steps->nextButton()->isEnabled());
    EXPECT_TRUE(w.steps->statusText().contains(QStringLiteral("Paused at t = 3.5 s")))
        << w.steps->statusText().toStdString();
    // The next step clears the rings.
    ASSERT_TRUE(w.steps->nextStep());
    EXPECT_TRUE(w.window.scene()->lessonHighlight().isEmpty());
}

TEST(LessonSteps, AConditionPausesTheRunAtTheFirstFrameWhereItHolds) {
    SteppedWindow w;
    ASSERT_TRUE(w.steps->goToStep(2));
    const model::Scenario s = parsed(steppedScenario());
    const model::StepCondition& when = *s.lesson->steps[2].when;
    // The headless walk looks at the condition on the grid only: where it first holds there.
    model::Scenario only = s;
    only.lesson->steps = {s.lesson->steps[2]};
    const double gridT = *run::walk_lesson(only).at(0).reached_s;

    w.steps->runButton()->click();
    const auto frame = w.settle();
    EXPECT_FALSE(frame->running);
    ASSERT_TRUE(frame->report);
    EXPECT_TRUE(run::condition_holds(*frame->report, when));
    const double t = kernel::to_s(frame->now);
    EXPECT_LE(t, gridT);
    EXPECT_GT(t, gridT - run::condition_check_interval_s);
    EXPECT_TRUE(w.steps->stepDone());
}

TEST(LessonSteps, AChoiceIsAnsweredBeforeNextAndShowsWhy) {
    SteppedWindow w;
    ASSERT_TRUE(w.steps->goToStep(3));
    EXPECT_FALSE(w.steps->nextButton()->isEnabled());
    EXPECT_FALSE(w.steps->nextStep());
    w.steps->answerButton()->click();  // nothing picked yet
    EXPECT_FALSE(w.steps->stepDone());
    ASSERT_NE(w.steps->optionButton(1), nullptr);
    w.steps->optionButton(1)->setChecked(true);  // the wrong one
    w.steps->answerButton()->click();
    EXPECT_TRUE(w.steps->feedbackText().contains(QStringLiteral("Not quite")));
    EXPECT_TRUE(w.steps->feedbackText().contains(QStringLiteral("In the API&#x27;s backlog")) ||
                w.steps->feedbackText().contains(QStringLiteral("In the API's backlog")));
    EXPECT_TRUE(w.steps->feedbackText().contains(QStringLiteral("all blocked")));
    EXPECT_FALSE(w.steps->optionButton(0)->isEnabled());  // answered once
    EXPECT_TRUE(w.steps->nextButton()->isEnabled());
    EXPECT_TRUE(w.steps->nextStep());
    EXPECT_EQ(w.steps->currentStep(), 4);
}

TEST(LessonSteps, APredictionIsJudgedAgainstTheMeasuredValueAtItsTime) {
    // Evenly spaced arrivals from time 0: 600 requests in the first 12 s, 601 counting the
    // one at exactly 12 s. Within 1.5 of either, 600 is right and 650 is wrong.
    for (const auto& [typed, right] :
         {std::pair{QStringLiteral("600"), true}, std::pair{QStringLiteral("650"), false}}) {
        SteppedWindow w;
        ASSERT_TRUE(w.steps->goToStep(4));
        w.steps->predictionEdit()->setText(typed);
        w.steps->answerButton()->click();  // locked in: the run goes on to 12 s
        EXPECT_FALSE(w.steps->predictionEdit()->isEnabled());
        w.steps->runToNextCheckpoint();
        const auto frame = w.settle();
        EXPECT_EQ(frame->now, kernel::from_s(12));
        const double measured = *run::metric_value(*frame->report, "clients.web.requests");
        EXPECT_NEAR(measured, 600, 1);
        const QString feedback = w.steps->feedbackText();
        EXPECT_EQ(feedback.contains(QStringLiteral("Right")), right) << feedback.toStdString();
        EXPECT_EQ(feedback.contains(QStringLiteral("Not this time")), !right);
        EXPECT_TRUE(feedback.contains(QStringLiteral("50 a second for 12 s")));  // why, either way
        EXPECT_TRUE(w.steps->stepDone());
    }
}

TEST(LessonSteps, APredictionLockedInAfterItsTimeIsJudgedAtThatTime) {
    SteppedWindow w;
    ASSERT_TRUE(w.steps->goToStep(4));
    w.window.runFor(20);  // stops at 12 s to wait for the answer
    EXPECT_EQ(w.window.session()->frame()->now, kernel::from_s(12));
    EXPECT_FALSE(w.steps->stepDone());
    w.steps->predictionEdit()->setText(QStringLiteral("600"));
    w.steps->answer();
    EXPECT_TRUE(w.steps->feedbackText().contains(QStringLiteral("Right")));
}

TEST(LessonSteps, TheStepReachedIsRememberedPerLessonFile) {
    // A settings file of this test only: the tests' own organization would carry the step
    // over to other tests that open the same file name.
    const QString organization = QApplication::organizationName();
    QApplication::setOrganizationName(QStringLiteral("FlowLabStepsTest"));
    QSettings().remove(QStringLiteral("lessonProgress"));
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("remembered.json"), steppedScenario());
    {
        MainWindow first;
        first.setRemembersLessonProgress(true);
        ASSERT_TRUE(first.openFile(path));
        ASSERT_TRUE(first.lesson()->steps()->goToStep(3));
    }
    {
        MainWindow again;
        again.setRemembersLessonProgress(true);
        ASSERT_TRUE(again.openFile(path));
        EXPECT_EQ(again.lesson()->steps()->currentStep(), 3);
        EXPECT_EQ(again.lesson()->steps()->titleText(), QStringLiteral("A choice"));
    }
    {
        MainWindow screenshot;  // --screenshot runs never read it
        ASSERT_TRUE(screenshot.openFile(path));
        EXPECT_EQ(screenshot.lesson()->steps()->currentStep(), 0);
    }
    QSettings().remove(QStringLiteral("lessonProgress"));
    QApplication::setOrganizationName(organization);
}

TEST(LessonSteps, AResetWaitsForTheCurrentCheckpointAgain) {
    SteppedWindow w;
    ASSERT_TRUE(w.steps->nextStep());
    w.window.runFor(10);
    ASSERT_TRUE(w.steps->stepDone());
    w.window.session()->runner().reset();
    w.settle();
    EXPECT_FALSE(w.steps->stepDone());
    w.window.runFor(10);
    EXPECT_EQ(w.window.session()->frame()->now, kernel::from_s(3.5));
}

TEST(LessonSteps, AScenarioWithoutStepsHidesTheCard) {
    QTemporaryDir dir;
    MainWindow window;
    ASSERT_TRUE(
        window.openFile(writeFile(dir, QStringLiteral("chain.json"), chainScenario(10, 4, 5))));
    EXPECT_EQ(window.lesson()->steps()->stepCount(), 0);
    EXPECT_FALSE(window.lesson()->steps()->isVisibleTo(&window));
}

}  // namespace flowlab::ui::test
