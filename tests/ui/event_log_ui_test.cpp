// The event log and webhooks in the app: a topic with retention paints where each
// consumer group reads, a topic consumer's context menu resets its offsets (a live input
// like a fault), and a webhook edge is drawn as its own kind.

#include <gtest/gtest.h>

#include <QAction>
#include <QMenu>

#include "canvas/canvas_scene.hpp"
#include "canvas/node_item.hpp"
#include "main_window.hpp"

namespace flowlab::ui {
namespace {

QAction* actionStartingWith(QMenu* menu, const QString& text) {
    for (QAction* a : menu->actions())
        if (a->text().startsWith(text)) return a;
    return nullptr;
}

const run::NodeFrame::LogGroup* group(const run::NodeFrame& topic, const std::string& id) {
    for (const auto& g : topic.log_groups)
        if (g.consumer == id) return &g;
    return nullptr;
}

TEST(EventLogUi, TheLogShowsRetentionAndEachGroupsOffset) {
    MainWindow window;
    ASSERT_TRUE(window.openFile(QStringLiteral(FLOWLAB_SCENARIOS_DIR "/24-queue-vs-log.json")));
    window.runFor(200);
    const NodeItem* topic = window.scene()->nodeItem(QStringLiteral("order-events"));
    ASSERT_NE(topic, nullptr);
    const run::NodeFrame& log = topic->runState();
    ASSERT_TRUE(log.retains);
    // 20 s past the 180 s retention, about 100 orders have expired; audit has not joined.
    EXPECT_GT(log.log_start, 0);
    EXPECT_GT(log.log_end, log.log_start);
    ASSERT_NE(group(log, "audit"), nullptr);
    EXPECT_FALSE(group(log, "audit")->joined);
    ASSERT_NE(group(log, "billing"), nullptr);
    EXPECT_TRUE(group(log, "billing")->joined);
    EXPECT_LE(group(log, "billing")->offset, log.log_end);
}

TEST(EventLogUi, ResettingAGroupToEarliestReplaysTheLog) {
    MainWindow window;
    ASSERT_TRUE(window.openFile(QStringLiteral(FLOWLAB_SCENARIOS_DIR "/24-queue-vs-log.json")));
    window.runFor(100);
    std::unique_ptr<QMenu> menu(window.scene()->createFaultMenu(QStringLiteral("billing")));
    QAction* earliest = actionStartingWith(menu.get(), QStringLiteral("Reset to earliest"));
    ASSERT_NE(earliest, nullptr);
    ASSERT_TRUE(earliest->isEnabled());
    earliest->trigger();
    window.runFor(0.01);
    // About 500 orders to re-read at 2 ms each: billing is still far behind 10 ms later.
    const run::NodeFrame& log =
        window.scene()->nodeItem(QStringLiteral("order-events"))->runState();
    ASSERT_NE(group(log, "billing"), nullptr);
    EXPECT_LT(group(log, "billing")->offset, log.log_end - 100);
    // A queue's consumer has no offsets to reset.
    std::unique_ptr<QMenu> queueMenu(window.scene()->createFaultMenu(QStringLiteral("billing-q")));
    EXPECT_EQ(actionStartingWith(queueMenu.get(), QStringLiteral("Reset to")), nullptr);
}

TEST(EventLogUi, OnlyAClientWithAWebhookCanHaveItsEndpointDown) {
    MainWindow window;
    ASSERT_TRUE(
        window.openFile(QStringLiteral(FLOWLAB_SCENARIOS_DIR "/25-webhook-vs-polling.json")));
    std::unique_ptr<QMenu> hooked(window.scene()->createFaultMenu(QStringLiteral("hooked")));
    EXPECT_NE(actionStartingWith(hooked.get(), QStringLiteral("Inject down")), nullptr);
    std::unique_ptr<QMenu> poller(window.scene()->createFaultMenu(QStringLiteral("poller")));
    EXPECT_EQ(actionStartingWith(poller.get(), QStringLiteral("Inject down")), nullptr);
}

}  // namespace
}  // namespace flowlab::ui
