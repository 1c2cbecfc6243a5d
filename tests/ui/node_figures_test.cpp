// What the nodes say while a lesson runs, held against the report of the run so far:
// the same metric paths the CLI prints (`flowlab-cli run FILE --until T`).

#include <gtest/gtest.h>

#include <QImage>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QTemporaryDir>
#include <cmath>

#include "canvas/canvas_scene.hpp"
#include "canvas/node_figures.hpp"
#include "canvas/node_item.hpp"
#include "canvas/node_style.hpp"
#include "canvas/node_text.hpp"
#include "document/scenario_document.hpp"
#include "flowlab/run/metric_path.hpp"
#include "main_window.hpp"
#include "session/live_session.hpp"
#include "ui_test_support.hpp"

namespace flowlab::ui::test {

namespace {

/// The body line that starts with `prefix` (a table row's label, or a line's words).
const NodeLine* lineStartingWith(const std::vector<NodeLine>& lines, const QString& prefix) {
    for (const auto& line : lines)
        if (line.text.startsWith(prefix)) return &line;
    return nullptr;
}

/// The node drawn on its own, at zoom 1, on white.
QImage render(NodeItem* item) {
    const QRectF bounds = item->boundingRect();
    QImage image(bounds.size().toSize(), QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.translate(-bounds.topLeft());
    QStyleOptionGraphicsItem option;
    option.exposedRect = bounds;
    item->paint(&painter, &option, nullptr);
    return image;
}

/// Pixels within a small distance of `color` (antialiasing blends the edges away).
int pixelsLike(const QImage& image, const QColor& color) {
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - color.red()) + std::abs(c.green() - color.green()) +
                    std::abs(c.blue() - color.blue()) <
                24)
                ++n;
        }
    return n;
}

}  // namespace

TEST(NodeFigures, ClientShowsAvailabilitySinceTheStartAsTheReportHasIt) {
    MainWindow window;
    ASSERT_TRUE(window.openFile(lessonPath("01-availability-trap.json")));
    window.runFor(60.0);
    const double availability = windowMetric(window, "clients.web.availability");
    const double p99 = windowMetric(window, "clients.web.latency_ms.p99");
    // Premise, the lesson's claim: three services of 0.999 give 0.999^3 = 0.997003. Over
    // n ~ 30,000 requests the estimate's standard error is sqrt(p (1 - p) / n) ~ 0.00032;
    // four of them allow 0.0013. Well below 1: a window of 0.5 s often shows 100 %.
    ASSERT_NEAR(availability, 0.997003, 0.0013);

    const NodeItem* web = window.scene()->nodeItem(QStringLiteral("web"));
    ASSERT_NE(web, nullptr);
    const auto lines = web->bodyLines();
    const NodeLine* sinceStart = lineStartingWith(lines, QStringLiteral("since start\t"));
    ASSERT_NE(sinceStart, nullptr);
    const QStringList columns = sinceStart->text.split(QLatin1Char('\t'));
    ASSERT_EQ(columns.size(), 3);
    // The report's figure to the two decimals shown, and its P99.
    EXPECT_EQ(columns[1], QStringLiteral("%1 %").arg(availability * 100, 0, 'f', 2));
    EXPECT_EQ(columns[2], formatMs(p99));
    EXPECT_TRUE(sinceStart->large);
    // The last chart sample is there too, under a label of its own.
    EXPECT_NE(lineStartingWith(lines, QStringLiteral("last 0.5 s\t")), nullptr);
    // Which column is which is written above them.
    EXPECT_NE(lineStartingWith(lines, QStringLiteral("\tok\tP99")), nullptr);
}

TEST(NodeFigures, ClientShowsTheRateArrivalsFollowNowIncludingASpike) {
    MainWindow window;
    ASSERT_TRUE(window.openFile(lessonPath("17-autoscale.json")));
    const NodeItem* web = window.scene()->nodeItem(QStringLiteral("web"));
    ASSERT_NE(web, nullptr);
    window.runFor(10.0);
    // 30 uploads/s until the spike fault raises them to 150/s from 15 s to 35 s.
    ASSERT_FALSE(web->bodyLines().empty());
    EXPECT_TRUE(web->bodyLines()[0].text.startsWith(QStringLiteral("30/s now")))
        << web->bodyLines()[0].text.toStdString();
    window.runFor(10.0);
    EXPECT_TRUE(web->bodyLines()[0].text.startsWith(QStringLiteral("150/s now")))
        << web->bodyLines()[0].text.toStdString();
    EXPECT_TRUE(web->faultBanner().startsWith(QStringLiteral("SPIKE")))
        << web->faultBanner().toStdString();
}

TEST(NodeFigures, JobClientShowsPollsAndTimeToDone) {
    MainWindow window;
    ASSERT_TRUE(window.openFile(lessonPath("18-job-202.json")));
    window.runFor(30.0);
    const double polls = windowMetric(window, "clients.analyst.job.polls");
    const double done = windowMetric(window, "clients.analyst.job.done");
    const double p99 = windowMetric(window, "clients.analyst.job.done_ms.p99");
    ASSERT_GT(done, 0);  // premise: reports finish within seconds
    const auto lines = window.scene()->nodeItem(QStringLiteral("analyst"))->bodyLines();
    const NodeLine* jobs = lineStartingWith(lines, QStringLiteral("jobs done: "));
    ASSERT_NE(jobs, nullptr);
    EXPECT_EQ(jobs->text,
              QStringLiteral("jobs done: %1 · polls: %2")
                  .arg(formatCount(std::llround(done)), formatCount(std::llround(polls))));
    const NodeLine* toDone = lineStartingWith(lines, QStringLiteral("to done: "));
    ASSERT_NE(toDone, nullptr);
    EXPECT_TRUE(toDone->text.endsWith(QStringLiteral("P99 ") + formatMs(p99)))
        << toDone->text.toStdString();
}

TEST(NodeFigures, DoubleSideEffectsAreRedWithoutIdempotencyAndZeroWithIt) {
    QImage images[2];
    QString texts[2];
    const char* files[2] = {"13-at-least-once.json", "14-idempotency.json"};
    for (int i = 0; i < 2; ++i) {
        MainWindow window;
        ASSERT_TRUE(window.openFile(lessonPath(files[i])));
        window.runFor(60.0);
        const double doubles = windowMetric(window, "nodes.mailer.double_side_effects");
        // Premise of both lessons: about 7% of sends outlast the 1 s visibility timeout,
        // so duplicates are delivered; only lesson 13's mailer acts on them twice.
        ASSERT_GT(windowMetric(window, "nodes.mailer.duplicates_delivered"), 0) << files[i];
        if (i == 0)
            ASSERT_GT(doubles, 0);
        else
            ASSERT_EQ(doubles, 0);
        NodeItem* mailer = window.scene()->nodeItem(QStringLiteral("mailer"));
        const auto lines = mailer->bodyLines();
        const NodeLine* line = lineStartingWith(lines, QStringLiteral("double side effects: "));
        ASSERT_NE(line, nullptr) << files[i];
        texts[i] = line->text;
        EXPECT_EQ(
            line->text,
            QStringLiteral("double side effects: %1").arg(formatCount(std::llround(doubles))));
        EXPECT_TRUE(line->large);
        EXPECT_EQ(line->tone, i == 0 ? NodeLine::Tone::alarm : NodeLine::Tone::good);
        images[i] = render(mailer);
    }
    EXPECT_NE(texts[0], texts[1]);
    // At a glance: lesson 13's mailer carries a red figure, lesson 14's none at all.
    const int red13 = pixelsLike(images[0], failureColor());
    const int red14 = pixelsLike(images[1], failureColor());
    EXPECT_GT(red13, 150);
    EXPECT_EQ(red14, 0);
}

TEST(NodeFigures, QueueAndConsumerFiguresMatchTheReport) {
    MainWindow window;
    ASSERT_TRUE(window.openFile(lessonPath("13-at-least-once.json")));
    window.runFor(30.0);
    const auto queue = window.scene()->nodeItem(QStringLiteral("welcome-emails"))->bodyLines();
    const double redelivered = windowMetric(window, "nodes.welcome-emails.redelivered");
    ASSERT_GT(redelivered, 0);
    EXPECT_NE(
        lineStartingWith(
            queue, QStringLiteral("redelivered: %1").arg(formatCount(std::llround(redelivered)))),
        nullptr);
    const double violations = windowMetric(window, "nodes.welcome-emails.ordering_violations");
    EXPECT_NE(lineStartingWith(queue, QStringLiteral("unordered: %1 out of order")
                                          .arg(formatCount(std::llround(violations)))),
              nullptr);
    const auto mailer = window.scene()->nodeItem(QStringLiteral("mailer"))->bodyLines();
    EXPECT_NE(lineStartingWith(mailer, QStringLiteral("processed %1")
                                           .arg(formatCount(std::llround(
                                               windowMetric(window, "nodes.mailer.processed"))))),
              nullptr);
    EXPECT_NE(lineStartingWith(mailer, QStringLiteral("duplicates %1 · suppressed 0")
                                           .arg(formatCount(std::llround(windowMetric(
                                               window, "nodes.mailer.duplicates_delivered"))))),
              nullptr);
}

TEST(NodeFigures, TopicBarsAreScaledToThePartitionCapacity) {
    model::Node bounded = model::make_node(model::NodeKind::topic, "t");
    bounded.capacity = 40;
    EXPECT_EQ(topicBarScale(bounded), 40);
    bounded.capacity.reset();
    EXPECT_EQ(topicBarScale(bounded), 100);  // unbounded: a fixed scale
    EXPECT_DOUBLE_EQ(partitionBarShare(10, 40), 0.25);
    EXPECT_DOUBLE_EQ(partitionBarShare(400, 100), 1.0);  // overflow stays a full bar

    // Lesson 21: four unbounded partitions fill while the warehouse is down. Each bar is its
    // own lag over 100 (not over the largest lag, which would make the busiest look full).
    MainWindow window;
    ASSERT_TRUE(window.openFile(lessonPath("21-hybrid-checkout.json")));
    window.runFor(25.0);
    const NodeItem* topic = window.scene()->nodeItem(QStringLiteral("order-placed"));
    const auto& lag = topic->runState().partition_lag;
    ASSERT_EQ(lag.size(), 4u);
    const auto shares = topic->partitionBarShares();
    ASSERT_EQ(shares.size(), 4u);
    for (int i = 0; i < 4; ++i) {
        ASSERT_GT(lag[i], 10) << i;  // premise: ~30 orders/s spread over 4 partitions for 5 s
        ASSERT_LT(lag[i], 100) << i;
        EXPECT_DOUBLE_EQ(shares[i], double(lag[i]) / 100.0) << i;
    }
    EXPECT_NE(lineStartingWith(topic->bodyLines(), QStringLiteral("full bar: 100 (no limit)")),
              nullptr);

    // Lesson 16: a partition of capacity 100 is full while the enricher is slowed down.
    ASSERT_TRUE(window.openFile(lessonPath("16-backpressure.json")));
    window.runFor(30.0);
    const NodeItem* clicks = window.scene()->nodeItem(QStringLiteral("clicks"));
    ASSERT_EQ(clicks->runState().partition_lag.size(), 1u);
    EXPECT_DOUBLE_EQ(clicks->partitionBarShares()[0],
                     double(clicks->runState().partition_lag[0]) / 100.0);
    EXPECT_NE(lineStartingWith(clicks->bodyLines(), QStringLiteral("full bar: capacity 100")),
              nullptr);
    EXPECT_NE(lineStartingWith(clicks->bodyLines(), QStringLiteral("producers blocked ")), nullptr);
}

TEST(NodeFigures, HungThreadsAreNotDrawnAsWorking) {
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("hang.json"), hangScenario());
    MainWindow window;
    ASSERT_TRUE(window.openFile(path));
    window.runFor(3.0);
    NodeItem* api = window.scene()->nodeItem(QStringLiteral("api"));
    // Premise: at 50/s the 8 threads are all taken within a second of the hang.
    ASSERT_EQ(api->runState().working, 8);
    const auto cells = api->cells();
    ASSERT_EQ(cells.size(), 8u);
    for (const auto cell : cells) EXPECT_EQ(cell, NodeItem::Cell::hung);
    EXPECT_TRUE(api->bodyLines()[0].text.startsWith(QStringLiteral("8 HUNG")));
    EXPECT_EQ(api->faultBanner(), QStringLiteral("HANG · 19 s left"));
    const QImage image = render(api);
    EXPECT_EQ(pixelsLike(image, workingColor()), 0);
    EXPECT_GT(pixelsLike(image, hungColor()), 100);

    // Healed, the threads answer and are drawn as what they are again.
    window.runFor(20.0);
    EXPECT_TRUE(api->faultBanner().isEmpty());
    for (const auto cell : api->cells()) EXPECT_NE(cell, NodeItem::Cell::hung);
}

TEST(NodeFigures, CrashedConsumerShowsItsConfiguredInstancesDown) {
    MainWindow window;
    ASSERT_TRUE(window.openFile(lessonPath("21-hybrid-checkout.json")));
    window.runFor(25.0);  // the warehouse crashes from 20 s to 30 s
    const NodeItem* warehouse = window.scene()->nodeItem(QStringLiteral("warehouse"));
    ASSERT_TRUE(warehouse->runState().crashed);
    const auto lines = warehouse->bodyLines();
    ASSERT_FALSE(lines.empty());
    const NodeLine& state = lines[0];
    EXPECT_EQ(state.text, QStringLiteral("crashed: 0 of 4 running"));
    EXPECT_EQ(state.tone, NodeLine::Tone::alarm);
    const auto cells = warehouse->cells();
    ASSERT_EQ(cells.size(), 4u);
    for (const auto cell : cells) EXPECT_EQ(cell, NodeItem::Cell::down);
    EXPECT_EQ(warehouse->faultBanner(), QStringLiteral("CRASH · 5 s left"));
    window.runFor(6.0);
    EXPECT_FALSE(warehouse->runState().crashed);
    EXPECT_TRUE(warehouse->bodyLines()[0].text.endsWith(QStringLiteral("of 4 busy")));
}

TEST(NodeFigures, PoisonBannerLeavesWithTheLastPill) {
    MainWindow window;
    ASSERT_TRUE(window.openFile(lessonPath("12-poison-pill-dlq.json")));
    window.runFor(15.1);  // one pill lands at 15 s
    const NodeItem* topic = window.scene()->nodeItem(QStringLiteral("payment-events"));
    EXPECT_EQ(topic->faultBanner(), QStringLiteral("POISON 1 pill left"));
    // The ledger writer gives up after its retries and dead-letters it within seconds.
    window.runFor(10.0);
    EXPECT_TRUE(topic->faultBanner().isEmpty()) << topic->faultBanner().toStdString();
    EXPECT_EQ(windowMetric(window, "nodes.ledger-dlq.count"), 1);
    const auto dlq = window.scene()->nodeItem(QStringLiteral("ledger-dlq"))->bodyLines();
    EXPECT_NE(lineStartingWith(dlq, QStringLiteral("retries exhausted 1")), nullptr);
}

TEST(NodeFigures, ServiceShowsTimeoutsAndWastedWork) {
    MainWindow window;
    ASSERT_TRUE(window.openFile(lessonPath("05-timeouts-wasted-work.json")));
    window.runFor(40.0);
    const double timeouts = windowMetric(window, "nodes.api.timed_out_calls");
    ASSERT_GT(timeouts, 0);  // premise: reports is 3x slower from 20 s
    const auto lines = window.scene()->nodeItem(QStringLiteral("api"))->bodyLines();
    const NodeLine* trouble = lineStartingWith(
        lines, QStringLiteral("timeouts %1").arg(formatCount(std::llround(timeouts))));
    ASSERT_NE(trouble, nullptr);
    EXPECT_EQ(trouble->tone, NodeLine::Tone::alarm);
}

TEST(NodeFigures, EveryNodeFitsItsLineBudget) {
    // The height of a node is fixed by its budget; more lines would be cut off.
    for (const char* file : {"08-cascading-checkout.json", "12-poison-pill-dlq.json",
                             "17-autoscale.json", "18-job-202.json", "21-hybrid-checkout.json"}) {
        MainWindow window;
        ASSERT_TRUE(window.openFile(lessonPath(file)));
        window.runFor(25.0);
        for (const auto& node : window.document()->scenario().nodes) {
            const NodeItem* item = window.scene()->nodeItem(QString::fromStdString(node.id));
            const auto lines = item->bodyLines();
            const NodeLineBudget budget = nodeLineBudget(node);
            int large = 0;
            for (const auto& line : lines) large += line.large;
            EXPECT_LE(int(lines.size()), budget.lines) << file << " " << node.id;
            EXPECT_LE(large, budget.largeLines) << file << " " << node.id;
        }
    }
}

}  // namespace flowlab::ui::test
