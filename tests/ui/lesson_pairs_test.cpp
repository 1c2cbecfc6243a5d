// The lessons that teach by contrast must look different where their number is shown:
// 13 (at-least-once) against 14 (idempotency), 11 (poison pill, no DLQ) against 12 (DLQ),
// 19 (context dropped) against 20 (propagated), and lesson 15's unordered queue against
// its keyed topic. Each side's watch entry is found by its metric path; the figure drawn
// (its text and its pixels) must differ between the two sides, and each must be the
// report's value at that time.

#include <gtest/gtest.h>

#include <QImage>

#include "flowlab/run/metric_path.hpp"
#include "main_window.hpp"
#include "panels/watch_panel.hpp"
#include "session/live_session.hpp"

namespace flowlab::ui::test {
namespace {

struct Shown {
    QString text;
    QImage pixels;
    double value = 0;
    double reportValue = -1;
};

/// What the watch panel shows for `metric` after running `lesson` for `seconds`.
Shown shownFor(const QString& lesson, double seconds, const std::string& metric) {
    MainWindow window;
    window.resize(1280, 720);
    window.show();
    EXPECT_TRUE(window.openFile(QStringLiteral(FLOWLAB_SCENARIOS_DIR "/") + lesson));
    window.runFor(seconds);
    WatchPanel* watch = window.watch();
    for (int i = 0; i < watch->entryCount(); ++i) {
        const auto& e = watch->entry(i);
        if (e.item.metric != metric) continue;
        Shown s;
        s.text = e.valueText;
        s.pixels = watch->entryWidget(i)->grab().toImage();
        s.value = e.value.value_or(-1);
        const auto frame = window.session()->frame();
        if (frame && frame->report)
            s.reportValue = run::metric_value(*frame->report, metric).value_or(-2);
        return s;
    }
    ADD_FAILURE() << lesson.toStdString() << " watches no " << metric;
    return {};
}

void expectContrast(const Shown& a, const Shown& b) {
    EXPECT_EQ(a.value, a.reportValue);
    EXPECT_EQ(b.value, b.reportValue);
    EXPECT_NE(a.text, b.text) << a.text.toStdString();
    EXPECT_NE(a.pixels, b.pixels);
}

TEST(LessonPairs, DoubleEmailsWithoutIdempotencyAgainstNoneWithIt) {
    const auto a =
        shownFor(QStringLiteral("13-at-least-once.json"), 60, "nodes.mailer.double_side_effects");
    const auto b =
        shownFor(QStringLiteral("14-idempotency.json"), 60, "nodes.mailer.double_side_effects");
    expectContrast(a, b);
    EXPECT_GT(a.value, 0);
    EXPECT_EQ(b.value, 0);
}

TEST(LessonPairs, AStuckPartitionWithoutADlqAgainstADrainedOneWithIt) {
    const std::string lag = "nodes.payment-events.partitions.0.lag_end";
    const auto a = shownFor(QStringLiteral("11-poison-pill-no-dlq.json"), 40, lag);
    const auto b = shownFor(QStringLiteral("12-poison-pill-dlq.json"), 40, lag);
    expectContrast(a, b);
    EXPECT_GT(a.value, 100);
    EXPECT_LT(b.value, 10);
}

TEST(LessonPairs, OrphanSpansWithoutPropagationAgainstNoneWithIt) {
    const auto a = shownFor(QStringLiteral("19-observability-gap.json"), 40, "traces.orphan_spans");
    const auto b =
        shownFor(QStringLiteral("20-observability-fixed.json"), 40, "traces.orphan_spans");
    expectContrast(a, b);
    EXPECT_GT(a.value, 0);
    EXPECT_EQ(b.value, 0);
}

TEST(LessonPairs, TheUnorderedQueueAgainstTheKeyedTopic) {
    const QString lesson = QStringLiteral("15-ordering.json");
    const auto queue = shownFor(lesson, 40, "nodes.price-queue.ordering_violations");
    const auto topic = shownFor(lesson, 40, "nodes.price-topic.ordering_violations");
    expectContrast(queue, topic);
    EXPECT_GT(queue.value, 0);
    EXPECT_EQ(topic.value, 0);
}

}  // namespace
}  // namespace flowlab::ui::test
