// The queue-wait figures against M/M/1: a queue (or a one-partition topic) with one
// consumer instance, Poisson publishes and exponential work. The wait from publish to
// hand-out has mean Wq = rho / (mu - lambda); the depth (waiting plus being processed:
// a message leaves at its ack) has time average L = rho / (1 - rho), which is Little's
// law L = lambda (Wq + 1/mu). Each check takes independent replications and requires
// the theory to lie within the 99.9% confidence interval of their mean (Student's t on
// the run-to-run spread, which carries the autocorrelation of waits in one run).

#include <gtest/gtest.h>

#include <boost/math/distributions/students_t.hpp>

#include <iostream>
#include <string>

#include "flowlab/run/metric_path.hpp"
#include "replication.hpp"
#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Distribution;
using testing::Estimate;
using testing::num;
using testing::replicate;
using testing::ScenarioBuilder;

constexpr double lambda = 80.0;  // publishes per second
constexpr double mu = 100.0;     // messages per second one instance processes
constexpr double rho = lambda / mu;
constexpr double wq_ms = 1000.0 * rho / (mu - lambda);  // M/M/1 mean wait
constexpr double l_mean = rho / (1.0 - rho);            // M/M/1 mean number in system
constexpr int replications = 10;

/// A Poisson producer publishing into `broker` (a queue, or a topic of one partition),
/// drained by one consumer instance with exponential work; nothing on the way takes time.
model::Scenario mm1_through(model::NodeKind broker) {
    ScenarioBuilder b;
    b.client("producer", lambda);
    b.service("api", 1000, Distribution::constant(0));
    auto& q = broker == model::NodeKind::queue ? b.queue("q") : b.topic("q", 1);
    q.ack = Distribution::constant(0);
    // No redelivery: waits stay far below 1000 s.
    if (broker == model::NodeKind::queue) q.visibility_timeout_ms = 1e6;
    b.consumer("worker", 1, Distribution::exponential(1000.0 / mu));
    b.edge("producer", "api");
    b.publish("api", "q");
    b.deliver("q", "worker");
    b.s.run.duration_s = 400;
    b.s.run.warmup_s = 20;  // start measuring near the stationary state
    return b.s;
}

void expect_in_ci999(const Estimate& e, double theory, const std::string& what) {
    const boost::math::students_t t(e.replications - 1);
    const double half = boost::math::quantile(t, 0.9995) * e.standard_error;
    std::cout << what << ": " << e.mean << " +- " << half << " (theory " << theory << ")\n";
    EXPECT_NEAR(e.mean, theory, half) << what << ": mean of " << e.replications << " replications "
                                      << e.mean << ", theory " << theory;
}

TEST(QueueWait, MeanWaitAndMeanDepthOfAQueueAreMM1) {
    const model::Scenario s = mm1_through(model::NodeKind::queue);
    ASSERT_EQ(testing::problems(s), "");
    expect_in_ci999(replicate(s, replications,
                              [](const auto& r) {
                                  return num(r, {"nodes", "q", "wait_ms", "mean"});
                              }),
                    wq_ms, "queue wait_ms.mean");
    expect_in_ci999(replicate(s, replications,
                              [](const auto& r) {
                                  return num(r, {"nodes", "q", "depth_mean"});
                              }),
                    l_mean, "queue depth_mean (Little: lambda (Wq + 1/mu))");
}

TEST(QueueWait, ATopicGroupWaitsLikeTheQueue) {
    const model::Scenario s = mm1_through(model::NodeKind::topic);
    ASSERT_EQ(testing::problems(s), "");
    expect_in_ci999(
        replicate(s, replications,
                  [](const auto& r) {
                      return num(r, {"nodes", "q", "groups", "worker", "wait_ms", "mean"});
                  }),
        wq_ms, "topic group wait_ms.mean");
    // A head stays in its partition's log until its commit, after processing: the
    // group's depth is the number in system.
    expect_in_ci999(replicate(s, replications,
                              [](const auto& r) {
                                  return num(r, {"nodes", "q", "groups", "worker", "depth_mean"});
                              }),
                    l_mean, "topic group depth_mean");
}

TEST(QueueWait, FifoWaitPercentilesFollowTheExponentialTail) {
    // Served in order, an M/M/1 wait exceeds t with probability rho e^{-(mu - lambda) t},
    // so its p99 is ln(100 rho) / (mu - lambda). (Unordered hand-out keeps the mean but
    // not the percentiles: see docs/engine-semantics.md.)
    model::Scenario s = mm1_through(model::NodeKind::queue);
    s.nodes[2].delivery = model::Delivery::fifo;
    const double p99_ms = 1000.0 * std::log(100.0 * rho) / (mu - lambda);
    const Estimate p99 = replicate(s, replications, [](const auto& r) {
        return num(r, {"nodes", "q", "wait_ms", "p99"});
    });
    expect_in_ci999(p99, p99_ms, "fifo queue wait_ms.p99");
}

TEST(QueueWait, UnorderedHandOutKeepsTheMeanButStretchesTheTail) {
    // Taking any of the 8 oldest instead of the oldest: the same number waits at every
    // instant, so the mean wait is M/M/1's, but a message can be passed over again and
    // again, so the p99 lies above the FIFO formula's (by more than both CIs).
    const model::Scenario s = mm1_through(model::NodeKind::queue);  // unordered by default
    ASSERT_EQ(s.nodes[2].delivery, model::Delivery::unordered);
    const double fifo_p99_ms = 1000.0 * std::log(100.0 * rho) / (mu - lambda);
    const Estimate p99 = replicate(s, replications, [](const auto& r) {
        return num(r, {"nodes", "q", "wait_ms", "p99"});
    });
    const boost::math::students_t t(p99.replications - 1);
    const double half = boost::math::quantile(t, 0.9995) * p99.standard_error;
    std::cout << "unordered queue wait_ms.p99: " << p99.mean << " +- " << half << " (fifo formula "
              << fifo_p99_ms << ")\n";
    EXPECT_GT(p99.mean - half, fifo_p99_ms);
}

TEST(QueueWait, OneGroupsDepthIsItsPartitionsDepth) {
    const auto r = testing::run_report(mm1_through(model::NodeKind::topic));
    const auto& parts = r.at("nodes").at("q").at("partitions").as_array();
    ASSERT_EQ(parts.size(), 1u);
    EXPECT_EQ(parts[0].at("depth_mean").to_number<double>(),
              num(r, {"nodes", "q", "groups", "worker", "depth_mean"}));
}

TEST(QueueWait, MessagesPublishedDuringTheWarmUpAreNotCounted) {
    // The consumer is paused for the whole warm-up: what was published then waits up to
    // 5 s; what comes after waits at most for that backlog to drain (a 1 ms job each).
    ScenarioBuilder b;
    b.client("producer", 10);
    b.service("api", 100, Distribution::constant(0));
    b.queue("q").ack = Distribution::constant(0);
    b.consumer("worker", 1, Distribution::constant(1));
    b.edge("producer", "api");
    b.publish("api", "q");
    b.deliver("q", "worker");
    b.fault(model::FaultKind::pause, "worker", 0, 5);
    b.s.run.duration_s = 20;
    b.s.run.warmup_s = 5;
    ASSERT_EQ(testing::problems(b.s), "");
    const auto r = testing::run_report(b.s);
    const double backlog_drain_ms = num(r, {"nodes", "q", "depth_max"}) * 1.0;
    EXPECT_GT(num(r, {"nodes", "q", "wait_ms", "max"}), 0.0);
    EXPECT_LE(num(r, {"nodes", "q", "wait_ms", "max"}), backlog_drain_ms + 1.0);
    b.s.run.warmup_s = 0;
    const auto all = testing::run_report(b.s);
    EXPECT_GT(num(all, {"nodes", "q", "wait_ms", "max"}), 4000.0) << "counted without warm-up";
}

TEST(QueueWait, TheNewFiguresAreMetricPathsFromTheStart) {
    // Watch entries (and the app's live frames, which carry the report of the run so
    // far) can name them: every path resolves in the report at time 0.
    for (const auto broker : {model::NodeKind::queue, model::NodeKind::topic}) {
        model::Scenario s = mm1_through(broker);
        s.lesson.emplace();
        for (const char* path :
             {"clients.producer.latency_ok_ms.p99",
              broker == model::NodeKind::queue ? "nodes.q.wait_ms.p99"
                                               : "nodes.q.groups.worker.wait_ms.p99",
              broker == model::NodeKind::queue ? "nodes.q.depth_mean"
                                               : "nodes.q.partitions.0.depth_mean"}) {
            model::WatchItem item;
            item.metric = path;
            item.label = "x";
            s.lesson->watch.push_back(item);
        }
        EXPECT_TRUE(run::check_metric_paths(s).empty()) << model::to_string(broker);
    }
}

}  // namespace
}  // namespace flowlab
