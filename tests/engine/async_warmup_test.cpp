// Warm-up and the asynchronous nodes: like the sync nodes, their report figures count
// what happened after `warmup_s`; conservation still covers the whole run, since a
// message published during the warm-up is somewhere at the end too.

#include <gtest/gtest.h>

#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Arrival;
using model::Distribution;
using testing::num;
using testing::problems;
using testing::ScenarioBuilder;

/// web (uniform 100/s) -> api (1 ms) -(async)-> q -> c (1 ms, 4 workers): nobody waits.
ScenarioBuilder pipeline(double warmup_s) {
    ScenarioBuilder b;
    b.client("web", 100).arrival = Arrival::uniform;
    b.service("api", 16, Distribution::constant(1));
    b.queue("q");
    b.consumer("c", 4, Distribution::constant(1));
    b.edge("web", "api");
    b.publish("api", "q");
    b.deliver("q", "c");
    b.duration(3);
    b.s.run.warmup_s = warmup_s;
    return b;
}

TEST(AsyncWarmup, NodeFiguresCountFromTheEndOfTheWarmup) {
    const auto b = pipeline(1.0);
    ASSERT_EQ(problems(b.s), "");
    auto r = testing::run_report(b.s);
    // Requests are 10 ms apart and publish 1 ms after they arrive, so none straddles the
    // warm-up's end: the calls the api counts are exactly the messages the queue counts.
    const double measured = num(r, {"nodes", "api", "received"});
    EXPECT_GT(measured, 0);
    EXPECT_EQ(num(r, {"nodes", "q", "published"}), measured);
    EXPECT_EQ(num(r, {"nodes", "q", "acked"}), measured);
    EXPECT_EQ(num(r, {"nodes", "c", "processed"}), measured);
    EXPECT_EQ(num(r, {"nodes", "c", "side_effects"}), measured);
    // Conservation is the whole run: the warm-up's messages (about 100) are in it too.
    const double all = num(r, {"conservation", "messages_published"});
    EXPECT_NEAR(all - measured, 100, 1);
    EXPECT_EQ(num(r, {"conservation", "acked"}), all);
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
}

TEST(AsyncWarmup, WithoutWarmupEveryMessageIsCounted) {
    const auto b = pipeline(0.0);
    ASSERT_EQ(problems(b.s), "");
    auto r = testing::run_report(b.s);
    EXPECT_EQ(num(r, {"nodes", "q", "published"}), num(r, {"conservation", "messages_published"}));
    EXPECT_EQ(num(r, {"nodes", "q", "published"}), num(r, {"clients", "web", "requests"}));
}

}  // namespace
}  // namespace flowlab
