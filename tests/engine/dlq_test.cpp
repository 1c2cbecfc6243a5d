// Dead-letter queues: what ends up there and why (max_receives on a queue, retries
// exhausted at a consumer), retry counts, and redriving held messages back.

#include <gtest/gtest.h>

#include <cmath>

#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Arrival;
using model::Distribution;
using model::FaultKind;
using testing::num;
using testing::problems;
using testing::ScenarioBuilder;

boost::json::object run_valid(const model::Scenario& s) {
    EXPECT_EQ(problems(s), "");
    return testing::run_report(s);
}

/// web (uniform) -> api -(async)-> q -> c, with q and/or c dead-lettering into "dead".
ScenarioBuilder pipeline(double rate, int workers, Distribution work) {
    ScenarioBuilder b;
    b.client("web", rate).arrival = Arrival::uniform;
    b.service("api", 64, Distribution::constant(0.0));
    b.queue("q");
    b.consumer("c", workers, work);
    b.dlq("dead");
    b.edge("web", "api");
    b.publish("api", "q");
    b.deliver("q", "c");
    return b;
}

TEST(Dlq, MaxReceivesMovesAMessageThatIsNeverAckedInTime) {
    // The work (150 ms) always outlasts the visibility timeout (100 ms): no ack is ever
    // accepted. After its 3rd receive expires a message is dead-lettered by the queue.
    auto b = pipeline(50, 16, Distribution::constant(150));
    b.s.nodes[2].visibility_timeout_ms = 100;
    b.s.nodes[2].max_receives = 3;
    b.dead_letter("q", "dead");
    b.requests(50);
    auto r = run_valid(b.s);
    const double n = num(r, {"nodes", "q", "published"});
    EXPECT_EQ(n, 50);
    EXPECT_EQ(num(r, {"nodes", "dead", "count"}), n);
    EXPECT_EQ(num(r, {"nodes", "dead", "reasons", "max_receives"}), n);
    EXPECT_EQ(num(r, {"nodes", "dead", "reasons", "retries_exhausted"}), 0);
    EXPECT_EQ(num(r, {"nodes", "dead", "from", "q"}), n);
    EXPECT_EQ(num(r, {"nodes", "q", "dead_lettered"}), n);
    EXPECT_EQ(num(r, {"nodes", "q", "delivered"}), 3 * n);
    EXPECT_EQ(num(r, {"nodes", "q", "redelivered"}), 2 * n);
    EXPECT_EQ(num(r, {"nodes", "q", "acked"}), 0);
    // Each receive's work still ran to its end: three side effects per message.
    EXPECT_EQ(num(r, {"nodes", "c", "attempts"}), 3 * n);
    EXPECT_EQ(num(r, {"nodes", "c", "processed"}), 3 * n);
    EXPECT_EQ(num(r, {"nodes", "c", "double_side_effects"}), 2 * n);
    EXPECT_EQ(num(r, {"conservation", "dead_lettered"}), n);
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
}

TEST(Dlq, WithoutADeadLetterTargetMaxReceivesLetsTheMessageCycle) {
    auto b = pipeline(50, 16, Distribution::constant(150));
    b.s.nodes[2].visibility_timeout_ms = 100;
    b.s.nodes[2].max_receives = 3;
    b.s.nodes.pop_back();  // no dlq node, no dead_letter edge
    b.requests(10);
    b.s.run.drain_s = 2;
    auto r = run_valid(b.s);
    const double n = num(r, {"nodes", "q", "published"});
    EXPECT_EQ(n, 10);
    EXPECT_EQ(num(r, {"nodes", "q", "acked"}), 0);
    EXPECT_EQ(num(r, {"nodes", "q", "dead_lettered"}), 0);
    EXPECT_GT(num(r, {"nodes", "q", "delivered"}), 3 * n)
        << "past max_receives it keeps coming back";
    EXPECT_EQ(num(r, {"conservation", "in_flight_end"}), n);
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
}

TEST(Dlq, PoisonMessagesExhaustTheConsumersRetries) {
    // 100 healthy messages and 10 poison ones: each poison message is tried exactly
    // max_attempts (4) times, then dead-lettered with reason retries_exhausted.
    auto b = pipeline(100, 4, Distribution::constant(1));
    b.s.nodes[3].retry = model::ConsumerRetry{4, 1, 2, false};
    b.dead_letter("c", "dead");
    b.fault(FaultKind::poison, "q", 0.5).count = 10;
    b.requests(100);
    auto r = run_valid(b.s);
    EXPECT_EQ(num(r, {"nodes", "q", "published"}), 110);
    EXPECT_EQ(num(r, {"nodes", "dead", "count"}), 10);
    EXPECT_EQ(num(r, {"nodes", "dead", "reasons", "retries_exhausted"}), 10);
    EXPECT_EQ(num(r, {"nodes", "dead", "reasons", "max_receives"}), 0);
    EXPECT_EQ(num(r, {"nodes", "dead", "from", "c"}), 10);
    EXPECT_EQ(num(r, {"nodes", "c", "dead_lettered"}), 10);
    EXPECT_EQ(num(r, {"nodes", "c", "attempts"}), 100 + 10 * 4);
    EXPECT_EQ(num(r, {"nodes", "c", "retries"}), 10 * 3);
    EXPECT_EQ(num(r, {"nodes", "c", "processed"}), 100);
    EXPECT_EQ(num(r, {"nodes", "q", "acked"}), 100);
    EXPECT_EQ(num(r, {"nodes", "q", "redelivered"}), 0);
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
}

TEST(Dlq, AConsumerWithoutItsOwnTargetUsesItsQueues) {
    auto b = pipeline(100, 4, Distribution::constant(1));
    b.s.nodes[3].retry = model::ConsumerRetry{2, 1, 1, false};
    b.dead_letter("q", "dead");
    b.fault(FaultKind::poison, "q", 0.5).count = 3;
    b.requests(100);
    auto r = run_valid(b.s);
    EXPECT_EQ(num(r, {"nodes", "dead", "reasons", "retries_exhausted"}), 3);
    EXPECT_EQ(num(r, {"nodes", "c", "attempts"}), 100 + 3 * 2);
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
}

TEST(Dlq, TransientFailuresDeadLetterOnlyWhenEveryAttemptFails) {
    // failure_rate 0.5 per attempt, 3 attempts: a message is dead-lettered with
    // probability 1/8 (binomial), and takes 1 + 1/2 + 1/4 attempts on average.
    auto b = pipeline(200, 8, Distribution::constant(1));
    b.s.nodes[0].arrival = Arrival::poisson;
    b.s.nodes[3].failure_rate = 0.5;
    b.s.nodes[3].retry = model::ConsumerRetry{3, 2, 2, true};
    b.dead_letter("c", "dead");
    b.duration(5);
    auto r = run_valid(b.s);
    const double n = num(r, {"nodes", "q", "published"});
    const double dead = num(r, {"nodes", "dead", "count"});
    EXPECT_NEAR(dead, n / 8, 4.5 * std::sqrt(n * (1.0 / 8) * (7.0 / 8)));
    EXPECT_EQ(num(r, {"nodes", "c", "processed"}) + dead, n);
    const double attempts = num(r, {"nodes", "c", "attempts"});
    EXPECT_EQ(num(r, {"nodes", "c", "retries"}), attempts - n);
    // Attempts per message: 1 w.p. 1/2, 2 w.p. 1/4, 3 w.p. 1/4 (variance 11/16).
    EXPECT_NEAR(attempts, 1.75 * n, 4.5 * std::sqrt(n * 11.0 / 16));
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
}

TEST(Dlq, RedriveMovesHeldMessagesBackAndProcessingResumes) {
    // Everything published while the consumer fails (0.5 .. 1.0 s) is dead-lettered;
    // at 1.5 s the DLQ is redriven and the consumer, healthy again, processes it all.
    auto b = pipeline(100, 4, Distribution::constant(1));
    b.s.nodes[3].retry = model::ConsumerRetry{2, 1, 1, false};
    b.dead_letter("c", "dead");
    b.fault(FaultKind::errors, "c", 0.5005, 0.5).failure_rate = 1.0;
    b.requests(200);
    ASSERT_EQ(problems(b.s), "");
    runtime::Simulation sim(b.s);
    sim.advance_to(kernel::from_s(1.5));
    auto before = sim.report();
    const double held = num(before, {"nodes", "dead", "count"});
    EXPECT_EQ(held, 50);  // arrivals at 510 .. 1000 ms
    EXPECT_EQ(num(before, {"conservation", "lost"}), 0);

    EXPECT_EQ(sim.redrive_dead_letters("dead"), held);
    auto moved = sim.report();
    EXPECT_EQ(num(moved, {"nodes", "dead", "count"}), 0);
    EXPECT_EQ(num(moved, {"conservation", "dead_lettered"}), 0);
    EXPECT_EQ(num(moved, {"conservation", "lost"}), 0);
    EXPECT_EQ(sim.redrive_dead_letters("dead"), 0) << "nothing left to move";
    EXPECT_EQ(sim.redrive_dead_letters("nope"), 0);

    sim.run_to_end();
    auto r = sim.report();
    EXPECT_TRUE(sim.finished());
    EXPECT_EQ(num(r, {"nodes", "dead", "count"}), 0);
    EXPECT_EQ(num(r, {"nodes", "q", "acked"}), 200);
    EXPECT_EQ(num(r, {"nodes", "c", "processed"}), 200);
    EXPECT_EQ(num(r, {"conservation", "messages_published"}), 200);
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
}

TEST(Dlq, RedrivenPoisonFromATopicFailsAgain) {
    // A poison pill on a topic is dead-lettered; redriven, it goes back to its partition,
    // is retried, and is dead-lettered once more. The partition keeps flowing.
    ScenarioBuilder b;
    b.client("web", 100).arrival = Arrival::uniform;
    b.service("api", 64, Distribution::constant(0.0));
    b.topic("t", 2);
    b.consumer("c", 2, Distribution::constant(1)).retry = model::ConsumerRetry{3, 1, 1, false};
    b.dlq("dead");
    b.edge("web", "api");
    b.publish("api", "t", 8);
    b.deliver("t", "c");
    b.dead_letter("c", "dead");
    b.fault(FaultKind::poison, "t", 0.2).count = 1;
    b.requests(200);
    ASSERT_EQ(problems(b.s), "");
    runtime::Simulation sim(b.s);
    sim.advance_to(kernel::from_s(1.0));
    EXPECT_EQ(num(sim.report(), {"nodes", "dead", "count"}), 1);
    EXPECT_EQ(sim.redrive_dead_letters("dead"), 1);
    sim.run_to_end();
    auto r = sim.report();
    EXPECT_EQ(num(r, {"nodes", "dead", "count"}), 1);
    EXPECT_EQ(num(r, {"nodes", "dead", "reasons", "retries_exhausted"}), 2)
        << "reasons count every arrival";
    EXPECT_EQ(num(r, {"nodes", "c", "attempts"}), num(r, {"nodes", "c", "processed"}) + 2 * 3);
    EXPECT_EQ(num(r, {"nodes", "c", "processed"}), 200);
    EXPECT_EQ(num(r, {"nodes", "t", "ordering_violations"}), 0);
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
}

}  // namespace
}  // namespace flowlab
