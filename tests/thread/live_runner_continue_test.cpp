// Runs continued past their duration (LiveRunner::extend), faults injected after the end,
// and a DLQ's redrive through the runner.

#include <gtest/gtest.h>

#include <cmath>

#include "flowlab/run/live_runner.hpp"
#include "live_runner_support.hpp"
#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Distribution;

constexpr double rate = 100;  // requests per second of the one client

model::Scenario chain(double duration_s) {
    return testing::web_api_chain(rate, 4, 5.0, duration_s);
}

/// Poisson arrivals over `seconds`: the count is within 6 standard deviations of its mean.
void expect_poisson_count(double count, double seconds) {
    const double mean = rate * seconds;
    EXPECT_NEAR(count, mean, 6 * std::sqrt(mean)) << "over " << seconds << " s";
}

std::shared_ptr<const run::Frame> run_to_end(run::LiveRunner& runner) {
    runner.run_for(1e6);
    runner.sync();
    return runner.latest_frame();
}

TEST(LiveRunnerContinue, ContinuingAnEndedRunTakesRequestsForTheAddedTime) {
    run::LiveRunner runner;
    runner.load(chain(2));
    auto ended = run_to_end(runner);
    ASSERT_TRUE(ended->finished);
    const auto before = ended->clients[0].requests_total;
    expect_poisson_count(double(before), 2);

    runner.extend(3);
    runner.sync();
    auto resumed = runner.latest_frame();
    EXPECT_FALSE(resumed->finished);
    EXPECT_NE(resumed->message.find("Continued"), std::string::npos) << resumed->message;

    auto again = run_to_end(runner);
    EXPECT_TRUE(again->finished);
    EXPECT_GE(kernel::to_s(again->now), kernel::to_s(ended->now) + 2.9);
    expect_poisson_count(double(again->clients[0].requests_total - before), 3);
}

TEST(LiveRunnerContinue, ExtendingARunningRunMovesItsEnd) {
    run::LiveRunner runner;
    runner.load(chain(2));
    runner.run_for(1);
    runner.sync();
    runner.extend(5);  // from t = 1: arrivals until 6 s, not 2 s
    auto f = run_to_end(runner);
    EXPECT_TRUE(f->finished);
    EXPECT_GE(kernel::to_s(f->now), 5.9);
    expect_poisson_count(double(f->clients[0].requests_total), 6);
}

TEST(LiveRunnerContinue, AFaultInjectedAfterTheEndActsWhenContinued) {
    run::LiveRunner runner;
    runner.load(chain(1));
    auto ended = run_to_end(runner);
    const auto refused_before = ended->clients[0].failed(runtime::Reason::refused);
    EXPECT_EQ(refused_before, 0u);

    model::Fault down;
    down.target = "api";
    down.kind = model::FaultKind::down;
    runner.set_fault(down, true);
    runner.sync();
    auto f = runner.latest_frame();
    // In force, but nothing runs until the run continues: the message says so.
    ASSERT_EQ(f->nodes[1].faults.size(), 1u);
    EXPECT_NE(f->message.find("Continue"), std::string::npos) << f->message;

    runner.extend(2);
    auto after = run_to_end(runner);
    // Every request of the added 2 s is refused by the downed service.
    const auto added = after->clients[0].requests_total - ended->clients[0].requests_total;
    expect_poisson_count(double(added), 2);
    EXPECT_EQ(after->clients[0].failed(runtime::Reason::refused), added);
}

/// web -> api -(async)-> q -> worker, whose failures dead-letter into "dead".
model::Scenario pipeline() {
    testing::ScenarioBuilder b;
    b.client("web", rate);
    b.service("api", 64, Distribution::constant(0.0));
    b.queue("q");
    b.consumer("worker", 8, Distribution::constant(5.0));
    b.dlq("dead");
    b.edge("web", "api");
    b.publish("api", "q");
    b.deliver("q", "worker");
    b.dead_letter("worker", "dead");
    // Every message fails during the first 2 s, then the worker is healthy again.
    b.fault(model::FaultKind::errors, "worker", 0.0, 2.0).failure_rate = 1.0;
    b.duration(4);
    return b.s;
}

TEST(LiveRunnerContinue, RedriveMovesDeadLettersBackToTheirQueue) {
    run::LiveRunner runner;
    runner.load(pipeline());
    runner.run_for(3);
    runner.sync();
    const std::size_t dead = 4;  // node index of the DLQ
    const auto held = runner.latest_frame()->nodes[dead].dead_letters;
    // Roughly the first 2 s of messages, all failed while the errors fault held.
    expect_poisson_count(double(held), 2);

    runner.redrive("dead");
    runner.sync();
    auto f = runner.latest_frame();
    EXPECT_EQ(f->nodes[dead].dead_letters, 0);
    EXPECT_NE(f->message.find("Redrove " + std::to_string(held)), std::string::npos) << f->message;

    // The healed worker processes them: none comes back.
    auto end = run_to_end(runner);
    EXPECT_EQ(end->nodes[dead].dead_letters, 0);
    EXPECT_EQ(end->nodes[dead].dead_letter_arrivals, std::uint64_t(held));
}

}  // namespace
}  // namespace flowlab
