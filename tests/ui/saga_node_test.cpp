// What an orchestrator's node and a choreography's consumers say while lessons 23 and 22
// undo a refused order, held against the report of the run so far (the same metric paths
// the CLI prints with --until), and where the message inspector says a call is in its saga.

#include <gtest/gtest.h>

#include "canvas/canvas_scene.hpp"
#include "canvas/node_item.hpp"
#include "canvas/node_text.hpp"
#include "flowlab/run/metric_path.hpp"
#include "main_window.hpp"
#include "session/live_session.hpp"
#include "ui_test_support.hpp"

namespace flowlab::ui::test {

namespace {

QStringList texts(const NodeItem* item) {
    QStringList out;
    for (const auto& line : item->bodyLines()) out << line.text;
    return out;
}

}  // namespace

TEST(SagaNode, OrchestratorShowsItsStepsAndTheCompensationInProgress) {
    MainWindow window;
    ASSERT_TRUE(window.openFile(lessonPath("23-saga-orchestration.json")));
    // 20.01 s: a refused order's refund is on its way (scripts/screenshots.sh's moment).
    window.runFor(20.01);
    const NodeItem* saga = window.scene()->nodeItem(QStringLiteral("order-saga"));
    const auto& state = saga->runState().saga;
    ASSERT_EQ(state.steps, (std::vector<std::string>{"inventory", "payment", "shipping"}));
    ASSERT_EQ(state.compensating, 1);
    // The compensation started and the saga is not yet counted as compensated.
    EXPECT_GT(windowMetric(window, "nodes.order-saga.saga.compensations_run"),
              2 * windowMetric(window, "nodes.order-saga.saga.compensated"));
    const QStringList lines = texts(saga);
    EXPECT_TRUE(lines.contains(QStringLiteral("COMPENSATING 1"))) << lines.join('|').toStdString();
    const QString done = QStringLiteral("done %1 · compensated %2")
                             .arg(windowMetric(window, "nodes.order-saga.saga.completed"))
                             .arg(windowMetric(window, "nodes.order-saga.saga.compensated"));
    EXPECT_TRUE(lines.contains(done)) << lines.join('|').toStdString();
    const QString at = QStringLiteral("steps 1-3: %1 · %2 · %3")
                           .arg(state.at_step[0])
                           .arg(state.at_step[1])
                           .arg(state.at_step[2]);
    EXPECT_TRUE(lines.contains(at)) << lines.join('|').toStdString();
}

TEST(SagaNode, ChoreographyConsumersShowFailureEventsAndCompensations) {
    MainWindow window;
    ASSERT_TRUE(window.openFile(lessonPath("22-saga-choreography.json")));
    window.runFor(20.01);
    for (const char* id : {"shipping", "refund", "release"}) {
        const NodeItem* node = window.scene()->nodeItem(QString::fromLatin1(id));
        const std::string base = std::string("nodes.") + id + ".";
        const bool tells = std::string(id) == "shipping";
        const QString line = tells ? QStringLiteral("failure events %1")
                                         .arg(windowMetric(window, base + "failure_events"))
                                   : QStringLiteral("compensations %1")
                                         .arg(windowMetric(window, base + "compensations"));
        EXPECT_TRUE(texts(node).contains(line))
            << id << ": " << texts(node).join('|').toStdString();
    }
    // Mid-undo: shipping told more failures than release has compensated yet.
    EXPECT_GT(windowMetric(window, "nodes.shipping.failure_events"),
              windowMetric(window, "nodes.release.compensations"));
}

}  // namespace flowlab::ui::test
