// The `poison` fault injects messages that always fail. A pill is a message of its own:
// it blocks what is physically behind it (its topic partition), but it is no real key's
// earlier message, so it neither holds back a FIFO queue's key group nor turns the
// later messages of a key into ordering violations.

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

double lag_end(const boost::json::object& r, std::size_t partition) {
    const auto& parts = r.at("nodes").at("t").at("partitions").as_array();
    return parts.at(partition).at("lag_end").to_number<double>();
}

TEST(PoisonInjection, TopicPillsAreNoRealKeysEarlierMessage) {
    // 200 messages/s over 4 keys into 4 partitions, one consumer instance per partition
    // working 1 ms: no partition ever waits. Two pills at t = 1 s land in partitions 0 and
    // 1 and, with no DLQ, block them for ever. Keys hash to partitions by a fixed
    // function, so some key lives outside partition 1; whatever a real key's partition,
    // its messages are processed in order or not at all.
    ScenarioBuilder b;
    b.client("web", 200).arrival = Arrival::uniform;
    b.service("api", 16, Distribution::constant(1));
    b.topic("t", 4);
    b.consumer("c", 4, Distribution::constant(1));
    b.edge("web", "api");
    b.publish("api", "t", 4);
    b.deliver("t", "c");
    b.fault(FaultKind::poison, "t", 1.0).count = 2;
    b.duration(3);
    b.s.run.drain_s = 5;
    ASSERT_EQ(problems(b.s), "");
    auto r = testing::run_report(b.s);
    EXPECT_EQ(num(r, {"nodes", "t", "ordering_violations"}), 0);
    // The pill alone holds partition 1 unless a real key shares it; either way it is there.
    EXPECT_GE(lag_end(r, 1), 1);
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
    // Everything not stuck behind a pill was processed.
    double stuck = 0;
    for (std::size_t p = 0; p < 4; ++p) stuck += lag_end(r, p);
    EXPECT_EQ(num(r, {"nodes", "c", "processed"}), num(r, {"nodes", "t", "published"}) - stuck);
}

TEST(PoisonInjection, AFifoQueuesPillHoldsBackNoKeyGroup) {
    // A FIFO queue never hands out a key whose earlier message is in flight. A pill that
    // cycles for ever (no DLQ, it fails at once and reappears at each visibility timeout)
    // is always about to be in flight again; it must not stall a real key's messages.
    ScenarioBuilder b;
    b.client("web", 100).arrival = Arrival::uniform;
    b.service("api", 16, Distribution::constant(1));
    auto& q = b.queue("q");
    q.delivery = Delivery::fifo;
    q.visibility_timeout_ms = 200;
    b.consumer("c", 2, Distribution::constant(1));
    b.edge("web", "api");
    b.publish("api", "q", 2);
    b.deliver("q", "c");
    b.fault(FaultKind::poison, "q", 0.5).count = 1;
    b.duration(3);
    b.s.run.drain_s = 2;
    ASSERT_EQ(problems(b.s), "");
    auto r = testing::run_report(b.s);
    const double published = num(r, {"nodes", "q", "published"});
    // Every real message is processed once; only the pill is left.
    EXPECT_EQ(num(r, {"nodes", "c", "processed"}), published - 1);
    EXPECT_EQ(num(r, {"nodes", "q", "depth_end"}), 1);
    EXPECT_EQ(num(r, {"nodes", "q", "ordering_violations"}), 0);
    // It came back after every timeout: about one receive per 200 ms over >= 4 s.
    EXPECT_GE(num(r, {"nodes", "q", "redelivered"}), 4.0 / 0.2 - 2);
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
}

}  // namespace
}  // namespace flowlab
