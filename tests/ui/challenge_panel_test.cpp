// A challenge in the app: goals judged live, locked nodes, the budget, hints and
// "Check my design" on a worker thread (docs/challenges.md, docs/app.md).

#include <gtest/gtest.h>

#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <cmath>

#include "canvas/canvas_scene.hpp"
#include "canvas/node_item.hpp"
#include "document/scenario_document.hpp"
#include "document/scenario_file.hpp"
#include "flowlab/run/challenge.hpp"
#include "flowlab/run/metric_path.hpp"
#include "main_window.hpp"
#include "panels/challenge_panel.hpp"
#include "panels/inspector_panel.hpp"
#include "panels/param_editor.hpp"
#include "session/live_session.hpp"

namespace flowlab::ui::test {

namespace {

const QString outage =
    QStringLiteral(FLOWLAB_SCENARIOS_DIR "/challenges/01-downstream-outage.json");
const QString outageSolution =
    QStringLiteral(FLOWLAB_TEST_DATA_DIR "/challenges/01-downstream-outage-solution.json");

const QColor green(0xe8, 0xf5, 0xe9), red(0xff, 0xeb, 0xee);

/// Whether `goal` holds for the figure at its path in `report` (the CLI's rule, applied
/// here by hand so the panel's colour is checked against the report, not against itself).
bool holds(const model::Goal& goal, const boost::json::object& report) {
    const auto value = run::metric_value(report, goal.metric);
    if (!value) return false;
    return (!goal.min || *value >= *goal.min) && (!goal.max || *value <= *goal.max);
}

/// Every goal's colour matches whether the frame's report meets it.
void expectColoursFollowReport(const MainWindow& window, bool expectedMet) {
    const ChallengePanel* panel = window.challenge();
    const auto frame = window.session()->frame();
    ASSERT_TRUE(frame && frame->report);
    const auto& goals = window.document()->scenario().challenge->goals;
    ASSERT_EQ(panel->goalCount(), int(goals.size()));
    for (int i = 0; i < panel->goalCount(); ++i) {
        SCOPED_TRACE(goals[size_t(i)].metric);
        const bool met = holds(goals[size_t(i)], *frame->report);
        EXPECT_EQ(met, expectedMet);
        ASSERT_TRUE(panel->goalState(i).met.has_value());
        EXPECT_EQ(*panel->goalState(i).met, met);
        EXPECT_EQ(panel->goalColor(i), met ? green : red);
        // Shown as judged: rounded to 6 significant digits.
        const auto figure = run::metric_value(*frame->report, goals[size_t(i)].metric);
        ASSERT_TRUE(figure && panel->goalState(i).value);
        EXPECT_NEAR(*panel->goalState(i).value, *figure, 1e-5 * std::abs(*figure));
    }
}

/// The design (nodes, edges, faults, run settings) equals the one in the file at `path`.
bool sameDesignAsFile(const model::Scenario& design, const QString& path) {
    const ScenarioLoad load = loadScenarioFile(path);
    if (!load.scenario) return false;
    const model::Scenario& file = *load.scenario;
    return design.nodes == file.nodes && design.edges == file.edges &&
           design.faults == file.faults && design.run == file.run;
}

/// Presses "Check my design" and waits for the worker's verdict.
void checkAndWait(MainWindow& window) {
    ChallengePanel* panel = window.challenge();
    QSignalSpy finished(panel, &ChallengePanel::checkFinished);
    QTest::mouseClick(panel->checkButton(), Qt::LeftButton);
    // The button stays disabled while the replications run; the UI is not blocked.
    EXPECT_TRUE(panel->checking());
    EXPECT_FALSE(panel->checkButton()->isEnabled());
    ASSERT_TRUE(finished.wait(120000));
    EXPECT_FALSE(panel->checking());
    EXPECT_TRUE(panel->checkButton()->isEnabled());
}

}  // namespace

TEST(ChallengePanel, GoalsTurnFromGreenToRedWhenPaymentsHangs) {
    // Payments hangs from 10 s: until then every shopper is answered fast (both goals
    // met); by 15 s the retries behind the hang have failed many and the P99 is seconds.
    MainWindow window;
    ASSERT_TRUE(window.openFile(outage));
    ChallengePanel* panel = window.challenge();
    ASSERT_TRUE(panel->hasChallenge());
    ASSERT_EQ(panel->goalCount(), 2);
    EXPECT_FALSE(panel->goalState(0).met.has_value());  // nothing judged before a report
    window.runFor(8);
    expectColoursFollowReport(window, true);
    window.runFor(7);
    expectColoursFollowReport(window, false);
}

TEST(ChallengePanel, LockedNodesRefuseEditsAndDeletionButMove) {
    MainWindow window;
    ASSERT_TRUE(window.openFile(outage));
    ScenarioDocument* doc = window.document();
    const QString payments = QStringLiteral("payments");
    EXPECT_TRUE(doc->isLocked(payments));
    EXPECT_FALSE(doc->isLocked(QStringLiteral("api")));
    EXPECT_TRUE(window.scene()->nodeItem(payments)->isLocked());
    EXPECT_FALSE(window.scene()->nodeItem(QStringLiteral("api"))->isLocked());

    const model::Scenario before = doc->scenario();
    QString why;
    EXPECT_FALSE(doc->setNodeParam(payments, "threads", model::ParamValue(std::int64_t(64)), &why));
    EXPECT_TRUE(why.contains(QStringLiteral("locked")));
    EXPECT_EQ(doc->scenario(), before);

    // The inspector shows its figures read-only.
    window.inspector()->setTarget(payments, -1);
    ASSERT_NE(window.inspector()->editor(QStringLiteral("threads")), nullptr);
    EXPECT_FALSE(window.inspector()->editor(QStringLiteral("threads"))->isEnabled());
    window.inspector()->setTarget(QStringLiteral("api"), -1);
    EXPECT_TRUE(window.inspector()->editor(QStringLiteral("threads"))->isEnabled());

    // Delete is refused with a reason in the status bar; nothing goes.
    QSignalSpy status(window.scene(), &CanvasScene::statusMessage);
    window.scene()->clearSelection();
    window.scene()->nodeItem(payments)->setSelected(true);
    window.scene()->deleteSelection();
    EXPECT_EQ(doc->scenario(), before);
    ASSERT_EQ(status.count(), 1);
    EXPECT_TRUE(status.at(0).at(0).toString().contains(QStringLiteral("locked")));

    // Moving and relabelling are free (the fairness rules ignore them).
    doc->moveNodes({{payments, QPointF(40, 300)}});
    EXPECT_EQ(doc->nodePosition(payments), QPointF(40, 300));
    doc->setNodeLabel(payments, QStringLiteral("Payments (slow)"));
    EXPECT_EQ(doc->scenario().find_node("payments")->label, "Payments (slow)");
}

TEST(ChallengePanel, BudgetFollowsThreadsAndHintsComeOneAtATime) {
    MainWindow window;
    ASSERT_TRUE(window.openFile(outage));
    ChallengePanel* panel = window.challenge();
    const auto allowed = *window.document()->scenario().challenge->budget.threads;
    const auto used = run::budget_use(window.document()->scenario()).threads;
    EXPECT_TRUE(panel->budgetText().contains(QStringLiteral("%1 of %2").arg(used).arg(allowed)))
        << panel->budgetText().toStdString();
    const std::int64_t apiThreads = window.document()->scenario().find_node("api")->threads;
    ASSERT_TRUE(window.document()->setNodeParam(QStringLiteral("api"), "threads",
                                                model::ParamValue(apiThreads + 10)));
    EXPECT_TRUE(
        panel->budgetText().contains(QStringLiteral("%1 of %2").arg(used + 10).arg(allowed)));
    EXPECT_EQ(used + 10 > allowed, panel->budgetText().contains(QStringLiteral("over budget")));

    const int hints = int(window.document()->scenario().challenge->hints.size());
    ASSERT_GE(hints, 2);
    EXPECT_EQ(panel->shownHints(), 0);
    for (int i = 1; i <= hints; ++i) {
        QTest::mouseClick(panel->hintButton(), Qt::LeftButton);
        EXPECT_EQ(panel->shownHints(), i);
    }
    EXPECT_FALSE(panel->hintButton()->isEnabled());
}

TEST(ChallengePanel, CheckMyDesignFailsTheChallengeAsGiven) {
    MainWindow window;
    ASSERT_TRUE(window.openFile(outage));
    checkAndWait(window);
    const auto& verdict = window.challenge()->verdict();
    ASSERT_TRUE(verdict.has_value());
    EXPECT_FALSE(verdict->passed());
    EXPECT_TRUE(verdict->fair);  // unchanged, so fair: it fails on its goals
    EXPECT_EQ(verdict->replications, 5);
    for (const auto& goal : verdict->goals) {
        EXPECT_FALSE(goal.passed) << goal.goal.metric;
        EXPECT_TRUE(goal.ci95.has_value());
    }
    const QString text = window.challenge()->verdictText();
    EXPECT_TRUE(text.contains(QStringLiteral("NOT PASSED"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("±")));
}

TEST(ChallengePanel, CheckMyDesignPassesTheReferenceSolutionMadeInTheApp) {
    // The reference solution's change, made through the document: on api -> payments no
    // retries, a breaker (its defaults are the solution's) and a default fallback.
    MainWindow window;
    ASSERT_TRUE(window.openFile(outage));
    ScenarioDocument* doc = window.document();
    ASSERT_TRUE(doc->setEdgeParam(1, "retry", model::ParamValue(false)));
    ASSERT_TRUE(doc->setEdgeParam(1, "breaker", model::ParamValue(true)));
    ASSERT_TRUE(doc->setEdgeParam(1, "fallback", model::ParamValue(std::string("default"))));
    ASSERT_TRUE(sameDesignAsFile(doc->scenario(), outageSolution));
    checkAndWait(window);
    const auto& verdict = window.challenge()->verdict();
    ASSERT_TRUE(verdict.has_value());
    EXPECT_TRUE(verdict->fair);
    EXPECT_TRUE(verdict->passed());
    EXPECT_TRUE(window.challenge()->verdictText().contains(QStringLiteral("✓ PASSED")));

    // Spending past the budget makes it unfair, and the verdict says where.
    const std::int64_t apiThreads = doc->scenario().find_node("api")->threads;
    ASSERT_TRUE(
        doc->setNodeParam(QStringLiteral("api"), "threads", model::ParamValue(apiThreads + 40)));
    checkAndWait(window);
    ASSERT_TRUE(window.challenge()->verdict().has_value());
    EXPECT_FALSE(window.challenge()->verdict()->fair);
    EXPECT_TRUE(window.challenge()->verdictText().contains(QStringLiteral("budget.threads")));
}

TEST(ChallengePanel, CheckMyDesignPassesTheShippedReferenceSolutionFile) {
    MainWindow window;
    ASSERT_TRUE(window.openFile(outageSolution));
    checkAndWait(window);
    ASSERT_TRUE(window.challenge()->verdict().has_value());
    EXPECT_TRUE(window.challenge()->verdict()->passed());
}

TEST(ChallengePanel, HiddenWithoutAChallenge) {
    MainWindow window;
    EXPECT_FALSE(window.challenge()->hasChallenge());
    EXPECT_FALSE(window.challenge()->checkButton()->isEnabled());
}

}  // namespace flowlab::ui::test
