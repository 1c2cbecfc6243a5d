// LiveRunner drives the same engine on its own thread; these tests check the commands
// and that frames tell the truth about the world.

#include <gtest/gtest.h>

#include "flowlab/run/live_runner.hpp"
#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Distribution;

model::Scenario two_tier() {
    testing::ScenarioBuilder b;
    b.client("web", 200);
    b.service("api", 4, Distribution::exponential(5.0));
    b.service("db", 2, Distribution::constant(2.0));
    b.edge("web", "api");
    b.edge("api", "db").timeout_ms = 100;
    b.duration(600);
    return b.s;
}

TEST(LiveRunner, RunForAdvancesVirtualTimeAndFillsCharts) {
    run::LiveRunner runner;
    runner.load(two_tier());
    runner.run_for(5.0);
    runner.sync();
    auto f = runner.latest_frame();
    EXPECT_GE(f->now, kernel::from_s(5.0));
    EXPECT_FALSE(f->running);
    ASSERT_EQ(f->clients.size(), 3u);
    // 200 requests/s for 5 s: Poisson count, 4 sigma = 4 * sqrt(1000) ~ 126.
    EXPECT_NEAR(static_cast<double>(f->clients[0].requests_total), 1000.0, 130.0);
    EXPECT_GE(f->client_series[0].size(), 9u);  // one point per 0.5 s
    EXPECT_EQ(f->nodes[1].threads, 4);
}

TEST(LiveRunner, FrameTokensSayWhatTheyCarry) {
    // 50 ms each way on web -> api: requests are on the wire at any moment.
    model::Scenario s = two_tier();
    s.edges[0].latency = Distribution::constant(50.0);
    run::LiveRunner runner;
    runner.load(s);
    runner.run_for(2.0);
    runner.sync();
    auto f = runner.latest_frame();
    ASSERT_FALSE(f->tokens.empty());
    int requests = 0;
    for (const auto& hop : f->tokens) {
        if (hop.edge != 0 || hop.kind != runtime::HopKind::request) continue;
        ++requests;
        // Sent by the client itself: the request is known, its path is the client.
        EXPECT_GE(hop.subject.id, 1u);
        EXPECT_LE(hop.subject.id, f->clients[0].requests_total);
        EXPECT_EQ(hop.subject.attempt, 1);
        ASSERT_EQ(hop.subject.path_len, 1);
        EXPECT_EQ(hop.subject.path[0], 0u);
        EXPECT_EQ(hop.subject.born, hop.sent);  // a client sends as the request starts
    }
    EXPECT_GT(requests, 0);
}

TEST(LiveRunner, StepEventRunsExactlyOneEvent) {
    run::LiveRunner runner;
    runner.load(two_tier());
    runner.sync();
    auto before = runner.latest_frame()->events;
    runner.step_event();
    runner.sync();
    EXPECT_EQ(runner.latest_frame()->events, before + 1);
}

TEST(LiveRunner, StepHopStopsWhenSomethingMoves) {
    run::LiveRunner runner;
    runner.load(two_tier());
    runner.step_hop();
    runner.sync();
    auto f = runner.latest_frame();
    std::uint64_t hops = 0;
    for (const auto& e : f->edges) hops += e.hops;
    EXPECT_GE(hops, 1u);
}

TEST(LiveRunner, ParameterEditsApplyLiveAndTopologyEditsRestart) {
    run::LiveRunner runner;
    auto s = two_tier();
    runner.load(s);
    runner.run_for(1.0);
    runner.sync();
    s.nodes[1].threads = 16;
    runner.apply_edit(s);
    runner.sync();
    auto f = runner.latest_frame();
    EXPECT_EQ(f->nodes[1].threads, 16);
    EXPECT_GE(f->now, kernel::from_s(1.0)) << "a parameter edit must not restart the run";
    EXPECT_NE(f->message.find("Applied"), std::string::npos);

    s.nodes.push_back(model::make_node(model::NodeKind::service, "extra"));
    runner.apply_edit(s);
    runner.sync();
    f = runner.latest_frame();
    EXPECT_EQ(f->now, 0);
    EXPECT_NE(f->message.find("Restarted"), std::string::npos);
}

TEST(LiveRunner, InjectedHangBlocksCallerThreads) {
    run::LiveRunner runner;
    runner.load(two_tier());
    runner.run_for(1.0);
    runner.sync();
    model::Fault hang;
    hang.target = "db";
    hang.kind = model::FaultKind::hang;
    runner.set_fault(hang, true);
    runner.run_for(1.0);
    runner.sync();
    auto f = runner.latest_frame();
    ASSERT_EQ(f->nodes[2].faults.size(), 1u);
    EXPECT_EQ(f->nodes[2].faults[0].kind, model::FaultKind::hang);
    // With the DB hung, every db connection is stuck working and api threads pile up
    // blocked on it (bounded by the 100 ms timeout, but 200/s x 0.1 s >> 4 threads).
    EXPECT_EQ(f->nodes[2].working, 2);
    EXPECT_GT(f->nodes[1].blocked, 0);
    runner.set_fault(hang, false);
    runner.sync();
    EXPECT_TRUE(runner.latest_frame()->nodes[2].faults.empty());
}

}  // namespace
}  // namespace flowlab
