// Running a scenario live: the canvas, the charts and the failure table follow the engine.

#include <gtest/gtest.h>

#include <QAction>
#include <QMenu>
#include <QTemporaryDir>
#include <numeric>

#include "canvas/canvas_scene.hpp"
#include "canvas/node_item.hpp"
#include "document/scenario_document.hpp"
#include "main_window.hpp"
#include "panels/chart_panel.hpp"
#include "panels/failure_panel.hpp"
#include "panels/time_chart.hpp"
#include "session/live_session.hpp"
#include "ui_test_support.hpp"

namespace flowlab::ui::test {

namespace {

QAction* findAction(QMenu* menu, const QString& prefix) {
    for (QAction* a : menu->actions())
        if (a->text().startsWith(prefix)) return a;
    return nullptr;
}

}  // namespace

TEST(Run, SaturatedServiceFillsItsThreadCellsBacklogAndCharts) {
    // 400 requests/s into 4 threads of 20 ms: capacity 200/s, so after 5 s every thread
    // works and about (400 - 200) * 5 = 1000 requests wait (Poisson sd ~ sqrt(2000) = 45).
    QTemporaryDir dir;
    MainWindow window;
    ASSERT_TRUE(
        window.openFile(writeFile(dir, QStringLiteral("chain.json"), chainScenario(400, 4, 20))));
    window.runFor(5.0);
    const NodeItem* api = window.scene()->nodeItem(QStringLiteral("api"));
    ASSERT_NE(api, nullptr);
    EXPECT_EQ(api->runState().threads, 4);
    EXPECT_EQ(api->runState().working + api->runState().blocked, 4);
    EXPECT_GT(api->runState().backlog, 800);
    EXPECT_LT(api->runState().backlog, 1200);

    // Charts: throughput ok settles at the capacity, 200/s (one 0.5 s sample holds ~100
    // completions, so +-25% is > 5 sd); latency grows with the queue.
    const QList<QPointF> ok = window.charts()->throughputChart()->points(0);
    ASSERT_GE(ok.size(), 6);
    double late = 0;
    for (int i = ok.size() - 4; i < ok.size(); ++i) late += ok[i].y();
    EXPECT_NEAR(late / 4, 200.0, 50.0);
    const QList<QPointF> p99 = window.charts()->latencyChart()->points(2);
    ASSERT_GE(p99.size(), 6);
    EXPECT_GT(p99.back().y(), p99.front().y());
    // Thread chart of the service: stacked total is the pool size.
    const QList<QPointF> total = window.charts()->nodeChart()->points(2);
    ASSERT_FALSE(total.isEmpty());
    EXPECT_NEAR(total.back().y(), 4.0, 1e-9);
}

TEST(Run, QueueDepthShowsOnTheCanvas) {
    // 100 messages/s published, one consumer instance of 50 ms: it drains 20/s, so the
    // queue grows by ~80/s: after 5 s, ~400 (sd ~ sqrt(500) = 22).
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("queue.json"), R"({
  "format": "flowlab/1", "name": "ui test queue", "seed": 4,
  "run": { "duration_s": 60 },
  "nodes": [
    { "id": "web", "kind": "client", "rate_per_s": 100 },
    { "id": "api", "kind": "service", "threads": 16, "work_ms": 1 },
    { "id": "jobs", "kind": "queue" },
    { "id": "worker", "kind": "consumer", "concurrency": 1, "work_ms": 50 }
  ],
  "edges": [
    { "from": "web", "to": "api", "mode": "sync" },
    { "from": "api", "to": "jobs", "mode": "async" },
    { "from": "jobs", "to": "worker", "mode": "deliver" }
  ]
})");
    MainWindow window;
    ASSERT_TRUE(window.openFile(path));
    window.runFor(5.0);
    const auto frame = window.session()->frame();
    ASSERT_EQ(frame->clients.size(), 4u);
    EXPECT_EQ(frame->clients[0].failed(runtime::Reason::publish_rejected), 0u);
    const NodeItem* jobs = window.scene()->nodeItem(QStringLiteral("jobs"));
    EXPECT_GT(jobs->runState().depth, 300);
    EXPECT_LT(jobs->runState().depth, 500);
    EXPECT_EQ(window.scene()->nodeItem(QStringLiteral("worker"))->runState().busy, 1);
}

TEST(Run, FaultFromTheContextMenuChangesTheRun) {
    QTemporaryDir dir;
    MainWindow window;
    ASSERT_TRUE(
        window.openFile(writeFile(dir, QStringLiteral("chain.json"), chainScenario(50, 8, 5))));
    window.runFor(2.0);
    ASSERT_EQ(window.failures()->count(QStringLiteral("web"), runtime::Reason::refused), 0);

    std::unique_ptr<QMenu> menu(window.scene()->createFaultMenu(QStringLiteral("api")));
    // A service can be down, hang, slow or erroring; it cannot crash (consumers only).
    EXPECT_NE(findAction(menu.get(), QStringLiteral("Inject hang")), nullptr);
    EXPECT_EQ(findAction(menu.get(), QStringLiteral("Inject crash")), nullptr);
    QAction* down = findAction(menu.get(), QStringLiteral("Inject down"));
    ASSERT_NE(down, nullptr);
    down->trigger();
    window.runFor(2.0);
    const NodeItem* api = window.scene()->nodeItem(QStringLiteral("api"));
    ASSERT_EQ(api->runState().faults.size(), 1u);
    EXPECT_EQ(api->runState().faults[0].kind, model::FaultKind::down);
    // 50/s for 2 s are all refused: ~100 (Poisson sd 10).
    const qint64 refusedWhileDown =
        window.failures()->count(QStringLiteral("web"), runtime::Reason::refused);
    EXPECT_GT(refusedWhileDown, 60);
    EXPECT_LT(refusedWhileDown, 140);

    // The same menu now offers to heal it; after healing nothing more is refused.
    menu.reset(window.scene()->createFaultMenu(QStringLiteral("api")));
    QAction* heal = findAction(menu.get(), QStringLiteral("Heal down"));
    ASSERT_NE(heal, nullptr);
    heal->trigger();
    window.runFor(2.0);
    EXPECT_TRUE(api->runState().faults.empty());
    EXPECT_EQ(window.failures()->count(QStringLiteral("web"), runtime::Reason::refused),
              refusedWhileDown);
}

TEST(Run, EditsWhileRunningReachTheEngine) {
    QTemporaryDir dir;
    MainWindow window;
    ASSERT_TRUE(
        window.openFile(writeFile(dir, QStringLiteral("chain.json"), chainScenario(50, 8, 5))));
    window.runFor(1.0);
    ASSERT_TRUE(window.document()->setNodeParam(QStringLiteral("api"), "threads",
                                                model::ParamValue(std::int64_t{3})));
    window.runFor(1.0);
    EXPECT_EQ(window.scene()->nodeItem(QStringLiteral("api"))->runState().threads, 3);
}

}  // namespace flowlab::ui::test
