// Topics (Kafka-like): per-key order within partitions, head-of-line blocking by a
// poison pill, and backpressure from a bounded partition (block or reject).

#include <gtest/gtest.h>

#include <vector>

#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Arrival;
using model::Distribution;
using model::FaultKind;
using model::OnFull;
using testing::num;
using testing::problems;
using testing::ScenarioBuilder;

boost::json::object run_valid(const model::Scenario& s) {
    EXPECT_EQ(problems(s), "");
    return testing::run_report(s);
}

std::vector<double> lags(const boost::json::object& r, const char* topic) {
    std::vector<double> out;
    for (const auto& p : r.at("nodes").at(topic).at("partitions").as_array())
        out.push_back(p.at("lag_end").to_number<double>());
    return out;
}

TEST(Topic, PerKeyOrderHoldsWithPartitionsKeysGroupsAndInstances) {
    // Two groups on 4 partitions with 16 keys: "slow" has 2 instances, retries transient
    // failures in place and dead-letters what keeps failing; "fast" has 6 instances
    // (more than partitions) and crashes for a while. Neither may ever process a
    // message before an earlier one of its key.
    ScenarioBuilder b;
    b.client("web", 200);
    b.service("api", 64, Distribution::exponential(2));
    b.topic("t", 4);
    auto& slow = b.consumer("slow", 2, Distribution::exponential(3));
    slow.failure_rate = 0.2;
    slow.retry = model::ConsumerRetry{3, 5, 2, true};
    b.consumer("fast", 6, Distribution::exponential(2));
    b.dlq("dead");
    b.edge("web", "api");
    b.publish("api", "t", 16);
    b.deliver("t", "slow");
    b.deliver("t", "fast");
    b.dead_letter("slow", "dead");
    b.fault(FaultKind::crash, "fast", 1.0, 0.3);
    b.duration(4);
    auto r = run_valid(b.s);
    const double requests = num(r, {"clients", "web", "requests"});
    EXPECT_EQ(num(r, {"nodes", "t", "published"}), 2 * requests) << "one copy per group";
    EXPECT_GT(num(r, {"nodes", "slow", "retries"}), 0);
    EXPECT_EQ(num(r, {"nodes", "t", "ordering_violations"}), 0);
    EXPECT_EQ(num(r, {"nodes", "fast", "processed"}), requests);
    EXPECT_EQ(num(r, {"nodes", "slow", "processed"}) + num(r, {"nodes", "dead", "count"}),
              requests);
    for (double lag : lags(r, "t")) EXPECT_EQ(lag, 0);
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
}

/// web (uniform 200/s) -> api -> t (4 partitions, 64 keys) -> c (4 instances, 1 ms).
ScenarioBuilder poisoned(bool with_dlq) {
    ScenarioBuilder b;
    b.client("web", 200).arrival = Arrival::uniform;
    b.service("api", 64, Distribution::constant(0.0));
    b.topic("t", 4);
    auto& c = b.consumer("c", 4, Distribution::constant(1));
    b.edge("web", "api");
    b.publish("api", "t", 64);
    b.deliver("t", "c");
    if (with_dlq) {
        c.retry = model::ConsumerRetry{3, 10, 2, true};
        b.dlq("dead");
        b.dead_letter("c", "dead");
    }
    b.fault(FaultKind::poison, "t", 1.0).count = 1;
    b.duration(4);
    b.s.run.drain_s = 2;
    return b;
}

TEST(Topic, PoisonPillBlocksExactlyItsPartition) {
    auto b = poisoned(false);
    ASSERT_EQ(problems(b.s), "");
    runtime::Simulation sim(b.s);
    sim.advance_to(kernel::from_s(2.0));
    const auto at2 = lags(sim.report(), "t");
    sim.advance_to(kernel::from_s(3.0));
    const auto at3 = lags(sim.report(), "t");
    sim.run_to_end();
    auto r = sim.report();
    const auto end = lags(r, "t");

    // One message arrives every 5 ms and takes 1 ms, so a healthy partition holds at
    // most the message in progress; the poisoned one only grows.
    int blocked = -1;
    for (std::size_t p = 0; p < end.size(); ++p) {
        if (end[p] == 0) {
            EXPECT_LE(at2[p], 1) << "partition " << p;
            EXPECT_LE(at3[p], 1) << "partition " << p;
            continue;
        }
        EXPECT_EQ(blocked, -1) << "a second blocked partition: " << p;
        blocked = static_cast<int>(p);
    }
    ASSERT_NE(blocked, -1) << "the poison pill blocked nothing";
    EXPECT_GT(at3[blocked], at2[blocked]);
    EXPECT_GT(end[blocked], at3[blocked]);
    // Nothing behind the pill was processed: every message published since then is
    // still there, the pill included.
    const double published = num(r, {"nodes", "t", "published"});
    EXPECT_EQ(num(r, {"nodes", "c", "processed"}), published - end[blocked]);
    EXPECT_EQ(num(r, {"nodes", "t", "dead_lettered"}), 0);
    // The pill is retried for ever (at least 100 ms apart), up to the drain limit.
    EXPECT_GT(num(r, {"nodes", "c", "retries"}), 10);
    EXPECT_EQ(num(r, {"conservation", "in_flight_end"}), end[blocked]);
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
}

TEST(Topic, PoisonPillWithADlqIsDeadLetteredAndThePartitionDrains) {
    auto r = run_valid(poisoned(true).s);
    for (double lag : lags(r, "t")) EXPECT_EQ(lag, 0);
    EXPECT_EQ(num(r, {"nodes", "dead", "count"}), 1);
    EXPECT_EQ(num(r, {"nodes", "dead", "reasons", "retries_exhausted"}), 1);
    EXPECT_EQ(num(r, {"nodes", "c", "dead_lettered"}), 1);
    EXPECT_EQ(num(r, {"nodes", "t", "dead_lettered"}), 1);
    // max_attempts 3: the pill was tried three times.
    EXPECT_EQ(num(r, {"nodes", "c", "retries"}), 2);
    EXPECT_EQ(num(r, {"nodes", "c", "processed"}), num(r, {"nodes", "t", "published"}) - 1);
    EXPECT_EQ(num(r, {"nodes", "t", "ordering_violations"}), 0);
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
}

/// 100 requests (uniform, every 10 ms) publish on a one-partition topic holding at
/// most 5 unconsumed messages; the consumer takes 50 ms each (20/s).
ScenarioBuilder bounded(OnFull on_full) {
    ScenarioBuilder b;
    b.client("web", 100).arrival = Arrival::uniform;
    b.service("api", 200, Distribution::constant(0.0));
    b.topic("t", 1, 5).on_full = on_full;
    b.consumer("c", 1, Distribution::constant(50));
    b.edge("web", "api");
    b.publish("api", "t");
    b.deliver("t", "c");
    b.requests(100);
    return b;
}

TEST(Topic, FullPartitionWithBlockHoldsTheProducersThreads) {
    auto r = run_valid(bounded(OnFull::block).s);
    EXPECT_EQ(num(r, {"nodes", "t", "published"}), 100);
    EXPECT_EQ(num(r, {"nodes", "t", "rejected"}), 0);
    EXPECT_EQ(num(r, {"clients", "web", "ok"}), 100);
    // Message k (published at 10k ms) can enter only once message k-5 is done, at
    // 10 + 50 (k-5) ms at the earliest: it waits at least 40k - 240 ms.
    double bound_s = 0;
    for (int k = 1; k <= 100; ++k) bound_s += std::max(0, 40 * k - 240) / 1000.0;
    const double blocked_s = num(r, {"nodes", "t", "producer_blocked_s"});
    EXPECT_GE(blocked_s, bound_s - 1e-6);
    // The producer's threads are blocked for the wait plus the broker's 5 ms ack, and
    // that is all the user waits for (api does no work of its own).
    const double api_blocked = num(r, {"nodes", "api", "thread_time_s", "blocked"});
    EXPECT_NEAR(api_blocked, blocked_s + 100 * 0.005, 1e-5);
    EXPECT_NEAR(num(r, {"clients", "web", "latency_ms", "mean"}) * 100 / 1000.0, api_blocked, 1e-4);
    EXPECT_EQ(
        r.at("nodes").at("t").at("partitions").as_array()[0].at("depth_max").to_number<double>(),
        5);
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
}

TEST(Topic, FullPartitionWithRejectFailsThePublish) {
    auto r = run_valid(bounded(OnFull::reject).s);
    const double published = num(r, {"nodes", "t", "published"});
    const double rejected = num(r, {"nodes", "t", "rejected"});
    EXPECT_EQ(published + rejected, 100);
    // By 1000 ms at most 20 messages are done (one per 50 ms from 10 ms on), so at most
    // 5 + 20 were ever admitted.
    EXPECT_LE(published, 25);
    EXPECT_EQ(num(r, {"clients", "web", "failure_reasons", "publish_rejected"}), rejected);
    EXPECT_EQ(num(r, {"clients", "web", "ok"}), published);
    EXPECT_EQ(num(r, {"nodes", "t", "producer_blocked_s"}), 0);
    // A refused publish returns at once: nobody waits more than the ack.
    EXPECT_LE(num(r, {"clients", "web", "latency_ms", "max"}), 5 + 1e-6);
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
}

}  // namespace
}  // namespace flowlab
