// The trace view: with context carried through the queue a request is one connected tree
// that reaches the consumer; without it the consumer's work hangs below as orphan trees.

#include <gtest/gtest.h>

#include <QComboBox>
#include <QRegularExpression>
#include <QTemporaryDir>

#include "canvas/canvas_scene.hpp"
#include "canvas/node_item.hpp"
#include "flowlab/run/metric_path.hpp"
#include "main_window.hpp"
#include "panels/trace_layout.hpp"
#include "panels/trace_panel.hpp"
#include "session/live_session.hpp"
#include "ui_test_support.hpp"

namespace flowlab::ui::test {

namespace {

/// Shoppers -> Orders -> (publish) order-events -> Notifier -> Email gateway, a fifth of
/// the requests traced, as in the tracing lessons. `consumerMs` and `concurrency` set how
/// long messages wait in the queue.
QByteArray tracedFlow(bool propagate, int concurrency = 4, double consumerMs = 15) {
    return QStringLiteral(R"({
  "format": "flowlab/1", "name": "ui test traces", "seed": 19, "run": { "duration_s": 60 },
  "trace": { "propagate": %1, "sample": 0.2 },
  "nodes": [
    { "id": "web", "kind": "client", "label": "Shoppers", "rate_per_s": 20 },
    { "id": "orders", "kind": "service", "label": "Orders", "threads": 8, "work_ms": 10 },
    { "id": "events", "kind": "queue", "label": "order-events queue" },
    { "id": "notifier", "kind": "consumer", "label": "Notifier", "concurrency": %2, "work_ms": %3 },
    { "id": "mail", "kind": "service", "label": "Email gateway", "threads": 8, "work_ms": 20 }
  ],
  "edges": [
    { "from": "web", "to": "orders", "mode": "sync" },
    { "from": "orders", "to": "events", "mode": "async" },
    { "from": "events", "to": "notifier", "mode": "deliver" },
    { "from": "notifier", "to": "mail", "mode": "sync" }
  ]
})")
        .arg(propagate ? QStringLiteral("true") : QStringLiteral("false"))
        .arg(concurrency)
        .arg(consumerMs)
        .toUtf8();
}

std::string plainHeader(const MainWindow& window) {
    return window.traces()
        ->headerText()
        .remove(QRegularExpression(QStringLiteral("<[^>]*>")))
        .toStdString();
}

int rowsOf(const TraceLayout& layout, const QString& name, bool orphan) {
    int n = 0;
    for (const auto& r : layout.rows) n += r.name == name && r.orphan == orphan;
    return n;
}

/// Every row after a tree's first hangs from a row above it in the same tree.
bool wellFormedTrees(const TraceLayout& layout) {
    for (size_t i = 0; i < layout.rows.size(); ++i) {
        const TraceRow& r = layout.rows[i];
        if (r.treeStart != (i == 0 || layout.rows[i - 1].tree != r.tree)) return false;
        if (r.treeStart && r.depth != 0) return false;
        if (!r.treeStart && (r.depth < 1 || r.depth > layout.rows[i - 1].depth + 1)) return false;
    }
    return true;
}

}  // namespace

TEST(TracePanel, PropagatedContextDrawsOneConnectedTreeThroughTheQueue) {
    QTemporaryDir dir;
    MainWindow window;
    ASSERT_TRUE(window.openFile(writeFile(dir, QStringLiteral("traced.json"), tracedFlow(true))));
    window.runFor(10.0);
    const TraceLayout& layout = window.traces()->traceLayout();
    ASSERT_FALSE(layout.rows.empty());
    EXPECT_TRUE(layout.connected);
    EXPECT_EQ(layout.orphanTrees, 0);
    EXPECT_TRUE(wellFormedTrees(layout));
    for (const auto& r : layout.rows) {
        EXPECT_EQ(r.tree, 0) << r.name.toStdString();
        EXPECT_FALSE(r.orphan) << r.name.toStdString();
        EXPECT_TRUE(r.ok) << r.name.toStdString();
    }
    // The whole path, in tree order: the client at the root, the consumer under the
    // publisher, the email gateway under the consumer.
    ASSERT_EQ(layout.rows.size(), 4u);
    EXPECT_EQ(layout.rows[0].name, QStringLiteral("Shoppers"));
    EXPECT_EQ(layout.rows[1].name, QStringLiteral("Orders"));
    EXPECT_EQ(layout.rows[1].depth, 1);
    EXPECT_EQ(layout.rows[2].name, QStringLiteral("Notifier"));
    EXPECT_EQ(layout.rows[2].depth, 2);
    EXPECT_EQ(layout.rows[3].name, QStringLiteral("Email gateway"));
    EXPECT_EQ(layout.rows[3].depth, 3);
    EXPECT_GE(layout.rows[2].startMs, layout.rows[1].startMs);
    EXPECT_LE(layout.rows[3].endMs, layout.lengthMs + 1e-9);

    // The header quotes the report.
    const auto& report = *window.session()->frame()->report;
    const auto connected = run::metric_value(report, "traces.connected");
    ASSERT_TRUE(connected && *connected > 10);
    EXPECT_NE(plainHeader(window).find(
                  QStringLiteral("%1 connected").arg(qlonglong(*connected)).toStdString()),
              std::string::npos)
        << plainHeader(window);
    EXPECT_NE(plainHeader(window).find("· 0 orphan spans"), std::string::npos)
        << plainHeader(window);
}

TEST(TracePanel, DroppedContextLeavesOrphanTreesBelowTheRequest) {
    QTemporaryDir dir;
    MainWindow window;
    ASSERT_TRUE(window.openFile(writeFile(dir, QStringLiteral("orphans.json"), tracedFlow(false))));
    window.runFor(10.0);
    const TraceLayout& layout = window.traces()->traceLayout();
    ASSERT_FALSE(layout.rows.empty());
    EXPECT_TRUE(wellFormedTrees(layout));
    // The request ends at the publish: no consumer in its tree...
    EXPECT_EQ(rowsOf(layout, QStringLiteral("Shoppers"), false), 1);
    EXPECT_EQ(rowsOf(layout, QStringLiteral("Orders"), false), 1);
    EXPECT_EQ(rowsOf(layout, QStringLiteral("Notifier"), false), 0);
    // ...which begins trees of its own, drawn below it and marked as orphans.
    EXPECT_GE(layout.orphanTrees, 1);
    EXPECT_GE(rowsOf(layout, QStringLiteral("Notifier"), true), 1);
    bool sawOrphanRoot = false;
    for (const auto& r : layout.rows) {
        if (r.tree == 0) {
            EXPECT_FALSE(r.orphan);
            EXPECT_FALSE(sawOrphanRoot) << "the request's rows come first";
        } else {
            EXPECT_TRUE(r.orphan);
            if (r.treeStart) {
                sawOrphanRoot = true;
                EXPECT_EQ(r.name, QStringLiteral("Notifier"));
            }
        }
    }
    EXPECT_TRUE(sawOrphanRoot);
    const auto orphans =
        run::metric_value(*window.session()->frame()->report, "traces.orphan_spans");
    ASSERT_TRUE(orphans && *orphans > 10);
    EXPECT_NE(plainHeader(window).find("· 0 connected"), std::string::npos) << plainHeader(window);
    EXPECT_NE(plainHeader(window).find(
                  QStringLiteral("%1 orphan spans").arg(qlonglong(*orphans)).toStdString()),
              std::string::npos)
        << plainHeader(window);
    EXPECT_NE(plainHeader(window).find("dropped"), std::string::npos);
}

TEST(TracePanel, AMessageThatWaitedInTheQueueShowsTheWait) {
    // One notifier instance holding each message 25 ms plus a 20 ms call to the email
    // gateway, for 20 messages/s: busy 90% of the time, so most messages wait (M/D/1 mean
    // wait 0.9 / (2 * 0.1) * 45 ms = 200 ms) and the notifier's span starts well after
    // the order's span ended.
    QTemporaryDir dir;
    MainWindow window;
    ASSERT_TRUE(
        window.openFile(writeFile(dir, QStringLiteral("backlog.json"), tracedFlow(true, 1, 25))));
    window.runFor(12.0);
    TracePanel* traces = window.traces();
    QComboBox* list = traces->traceList();
    ASSERT_GE(list->count(), 3);  // "latest" and the recent requests
    // Among the recent requests: messages that waited and were picked up (the wait leads
    // into the notifier's span), and messages still waiting (a row that is not a span,
    // running to now).
    int waited = 0, waiting = 0;
    const double nowMs = window.session()->frame()->now / 1e6;
    for (int i = 1; i < list->count(); ++i) {
        list->setCurrentIndex(i);
        emit list->activated(i);
        const TraceLayout& layout = traces->traceLayout();
        for (const auto& r : layout.rows) {
            if (r.waitFromMs < 0) continue;
            EXPECT_EQ(r.waitVia, QStringLiteral("order-events queue"));
            EXPECT_GT(r.startMs, r.waitFromMs);
            if (r.pending) {
                ++waiting;
                EXPECT_EQ(r.name, QStringLiteral("Notifier, queued"));
                EXPECT_NEAR(r.endMs, nowMs - layout.originS * 1000.0, 1e-6);
            } else {
                ++waited;
                EXPECT_EQ(r.name, QStringLiteral("Notifier"));
            }
        }
    }
    EXPECT_GE(waited, 1);
    EXPECT_GE(waiting, 1);
    // Back to following the newest: the list offers it again.
    emit list->activated(0);
    EXPECT_FALSE(traces->traceLayout().rows.empty());
}

TEST(TracePanel, ClickingAClientShowsItsLatestTrace) {
    QTemporaryDir dir;
    MainWindow window;
    ASSERT_TRUE(window.openFile(writeFile(dir, QStringLiteral("traced.json"), tracedFlow(true))));
    window.runFor(5.0);
    const auto frame = window.session()->frame();
    ASSERT_GE(frame->traces.size(), 2u);
    EXPECT_EQ(window.traces()->traceList()->currentIndex(), 0);  // following the newest settled
    window.scene()->nodeItem(QStringLiteral("web"))->setSelected(true);
    // The newest user trace in the frame (not the settled one the view follows).
    std::uint64_t newest = 0;
    for (const auto& t : frame->traces)
        if (!t.orphan) newest = t.trace_id;
    EXPECT_EQ(window.traces()->traceList()->currentData().toULongLong(), newest);
}

}  // namespace flowlab::ui::test
