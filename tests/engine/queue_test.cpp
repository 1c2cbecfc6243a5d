// Queues (SQS-like): message order, capacity and what `unordered` vs `fifo` delivery
// promise. The producer is a service behind a client; the queue feeds one consumer
// pool (competing workers). Publishes into a queue carry no keys (`keys` is for
// topics), so all of a queue's messages share one key and order is publication order.

#include <gtest/gtest.h>

#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Arrival;
using model::Delivery;
using model::Distribution;
using model::FaultKind;
using testing::num;
using testing::problems;
using testing::ScenarioBuilder;

/// web -> api -(async)-> q -> c (`workers` competing workers).
ScenarioBuilder pipeline(double rate, int workers, Distribution work, Delivery delivery) {
    ScenarioBuilder b;
    b.client("web", rate);
    b.service("api", 64, Distribution::constant(0.0));
    b.queue("q").delivery = delivery;
    b.consumer("c", workers, work);
    b.edge("web", "api");
    b.publish("api", "q");
    b.deliver("q", "c");
    return b;
}

boost::json::object run_valid(const model::Scenario& s) {
    EXPECT_EQ(problems(s), "");
    return testing::run_report(s);
}

TEST(Queue, UnorderedDeliveryWithSeveralWorkersBreaksOrder) {
    // 4 workers, Poisson 40/s, exponential work of 15 ms: the next message arrives
    // before this one is done (probability 15/40) and then finishes first (1/2 more),
    // so about 19% of ~200 messages overtake an earlier one.
    auto b = pipeline(40, 4, Distribution::exponential(15), Delivery::unordered);
    b.duration(5);
    auto r = run_valid(b.s);
    EXPECT_GT(num(r, {"nodes", "q", "ordering_violations"}), 0);
    EXPECT_EQ(num(r, {"nodes", "q", "acked"}), num(r, {"nodes", "q", "published"}));
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
}

TEST(Queue, UnorderedDeliveryBreaksKeyOrderEvenWithOneWorker) {
    // One worker processes one message at a time, but an unordered receive may hand out
    // any of the oldest visible messages: as soon as a backlog forms, order is lost.
    auto b = pipeline(90, 1, Distribution::exponential(10), Delivery::unordered);
    b.duration(5);
    auto r = run_valid(b.s);
    EXPECT_GT(num(r, {"nodes", "q", "depth_max"}), 1);
    EXPECT_GT(num(r, {"nodes", "q", "ordering_violations"}), 0);
}

TEST(Queue, FifoDeliveryKeepsOrderWithSeveralWorkers) {
    // The same load as the unordered case: fifo hands out the oldest message whose key
    // has nothing in flight, so one key is processed one message at a time, in order
    // (utilization 0.6 of a single worker).
    auto b = pipeline(40, 4, Distribution::exponential(15), Delivery::fifo);
    b.duration(5);
    auto r = run_valid(b.s);
    EXPECT_EQ(num(r, {"nodes", "q", "ordering_violations"}), 0);
    EXPECT_EQ(num(r, {"nodes", "q", "published"}), num(r, {"clients", "web", "requests"}));
    EXPECT_EQ(num(r, {"nodes", "q", "acked"}), num(r, {"nodes", "q", "published"}));
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
}

TEST(Queue, FifoDeliveryKeepsOrderThroughRedeliveries) {
    // Work longer than the visibility timeout 40% of the time: expired messages are
    // received again. A redelivered message must come back ahead of its key's later
    // messages, or fifo would not be first-in-first-out. (10/s: one message at a time
    // takes 35 ms of work per receive and 1.67 receives on average.)
    auto b = pipeline(10, 8, Distribution::uniform(10, 60), Delivery::fifo);
    b.s.nodes[2].visibility_timeout_ms = 40;
    b.duration(30);
    auto r = run_valid(b.s);
    EXPECT_GT(num(r, {"nodes", "q", "redelivered"}), 0);
    EXPECT_EQ(num(r, {"nodes", "q", "ordering_violations"}), 0);
    EXPECT_EQ(num(r, {"nodes", "q", "acked"}), num(r, {"nodes", "q", "published"}));
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
}

TEST(Queue, CapacityRejectsPublishesWhenFull) {
    // The consumer is paused for the whole arrival period: the queue takes its first 10
    // messages and refuses the other 90 (100 requests, uniform, every 10 ms). The
    // refusal fails the request at the client with reason publish_rejected.
    auto b = pipeline(100, 1, Distribution::constant(1), Delivery::unordered);
    b.s.nodes[0].arrival = Arrival::uniform;
    b.s.nodes[2].capacity = 10;
    b.fault(FaultKind::pause, "c", 0.0, 2.0);
    b.requests(100);
    auto r = run_valid(b.s);
    EXPECT_EQ(num(r, {"clients", "web", "requests"}), 100);
    EXPECT_EQ(num(r, {"nodes", "q", "published"}), 10);
    EXPECT_EQ(num(r, {"nodes", "q", "rejected"}), 90);
    EXPECT_EQ(num(r, {"nodes", "q", "depth_max"}), 10);
    EXPECT_EQ(num(r, {"clients", "web", "ok"}), 10);
    EXPECT_EQ(num(r, {"clients", "web", "failed"}), 90);
    EXPECT_EQ(num(r, {"clients", "web", "failure_reasons", "publish_rejected"}), 90);
    // After the pause the 10 accepted messages are processed.
    EXPECT_EQ(num(r, {"nodes", "q", "acked"}), 10);
    EXPECT_EQ(num(r, {"nodes", "q", "depth_end"}), 0);
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
}

}  // namespace
}  // namespace flowlab
