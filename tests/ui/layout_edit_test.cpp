// Moving nodes is the document's business alone: the engine never sees a layout-only
// edit (a drag used to send the whole scenario on every mouse move), while a real edit
// reaches it under a new revision, and frames of an older revision are not drawn.

#include <gtest/gtest.h>

#include <QStatusBar>
#include <QTemporaryDir>

#include "document/scenario_document.hpp"
#include "main_window.hpp"
#include "session/live_session.hpp"
#include "ui_test_support.hpp"

namespace flowlab::ui::test {
namespace {

std::uint64_t engineRevision(MainWindow& window) {
    window.session()->runner().sync();
    return window.session()->runner().latest_frame()->revision;
}

TEST(LayoutEdits, MovingNodesNeverReachesTheEngine) {
    QTemporaryDir dir;
    MainWindow window;
    ASSERT_TRUE(
        window.openFile(writeFile(dir, QStringLiteral("chain.json"), chainScenario(50, 8, 5))));
    const std::uint64_t opened = engineRevision(window);
    EXPECT_GT(opened, 0u);
    for (int step = 1; step <= 20; ++step)  // one drag, many mouse moves
        window.document()->moveNodes({{QStringLiteral("api"), QPointF(10.0 * step, 5.0)}}, 1);
    EXPECT_EQ(engineRevision(window), opened);

    window.document()->setNodeLabel(QStringLiteral("api"), QStringLiteral("The API"));
    EXPECT_EQ(engineRevision(window), opened + 1);
}

TEST(LayoutEdits, AFrameOfAnOlderRevisionIsNotDrawn) {
    QTemporaryDir dir;
    MainWindow window;
    ASSERT_TRUE(
        window.openFile(writeFile(dir, QStringLiteral("chain.json"), chainScenario(50, 8, 5))));
    window.runFor(1.0);
    const auto current = window.session()->frame();
    ASSERT_TRUE(current);
    auto stale = std::make_shared<run::Frame>(*current);
    stale->revision = current->revision - 1;
    stale->message = "from an older revision";
    emit window.session()->frameUpdated(stale);
    EXPECT_NE(window.statusBar()->currentMessage().toStdString(), stale->message);
    // The same frame under the current revision is drawn (the check can fail).
    auto fresh = std::make_shared<run::Frame>(*stale);
    fresh->revision = current->revision;
    emit window.session()->frameUpdated(fresh);
    EXPECT_EQ(window.statusBar()->currentMessage().toStdString(), fresh->message);
}

}  // namespace
}  // namespace flowlab::ui::test
