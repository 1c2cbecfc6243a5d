// Sagas (docs/engine-semantics.md#sagas): an orchestrator's steps, compensations in
// reverse order, step timeouts and Little's law across the saga; choreography's failure
// events and the compensations they set off; and what a trace shows of each.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "runtime/world.hpp"
#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Distribution;
using model::NodeKind;
using testing::num;
using testing::problems;
using testing::ScenarioBuilder;

/// web -> saga, whose steps a, b, c fail with probabilities p[0..2]; a and b are undone
/// by undo-a and undo-b, which never fail. Constant work and ample threads: no queueing,
/// so every saga's duration follows from where it stopped.
ScenarioBuilder three_steps(const double (&p)[3], double rate = 50) {
    ScenarioBuilder b;
    b.client("web", rate);
    auto& o = b.add(NodeKind::orchestrator, "saga");
    o.threads = 1000;
    o.work = Distribution::constant(0);
    const char* steps[] = {"a", "b", "c"};
    for (int k = 0; k < 3; ++k)
        b.service(steps[k], 1000, Distribution::constant(10.0 * (k + 1))).failure_rate = p[k];
    b.service("undo-a", 1000, Distribution::constant(5));
    b.service("undo-b", 1000, Distribution::constant(7));
    b.edge("web", "saga");
    b.edge("saga", "a").compensate = "undo-a";
    b.edge("saga", "b").compensate = "undo-b";
    b.edge("saga", "c");
    b.edge("saga", "undo-a");
    b.edge("saga", "undo-b");
    return b;
}

/// |x - n q| within 4 binomial standard deviations of n trials.
void expect_binomial(double x, double n, double q, const char* what) {
    const double sd = std::sqrt(n * q * (1 - q));
    EXPECT_NEAR(x, n * q, 4 * sd + 1e-9) << what << " over " << n << " sagas";
}

TEST(Saga, OutcomesFollowTheStepFailureProbabilities) {
    const double p[3] = {0.05, 0.1, 0.2};
    auto b = three_steps(p);
    b.duration(200);
    ASSERT_EQ(problems(b.s), "");
    const auto r = testing::run_report(b.s);
    const double n = num(r, {"nodes", "saga", "saga", "started"});
    ASSERT_GT(n, 5000);
    const double complete = (1 - p[0]) * (1 - p[1]) * (1 - p[2]);
    expect_binomial(num(r, {"nodes", "saga", "saga", "completed"}), n, complete, "completed");
    EXPECT_EQ(num(r, {"nodes", "saga", "saga", "completed"}) +
                  num(r, {"nodes", "saga", "saga", "compensated"}),
              n);
    EXPECT_EQ(num(r, {"nodes", "saga", "saga", "failed_to_compensate"}), 0);
    // Compensations: one when b fails (undo a), two when c fails (undo b, then a).
    const double fail_b = (1 - p[0]) * p[1], fail_c = (1 - p[0]) * (1 - p[1]) * p[2];
    const double mean = fail_b + 2 * fail_c;
    const double var = fail_b + 4 * fail_c - mean * mean;
    EXPECT_NEAR(num(r, {"nodes", "saga", "saga", "compensations_run"}), n * mean,
                4 * std::sqrt(n * var));
    // The client sees the saga's outcome: a compensated saga is a failed order.
    EXPECT_EQ(num(r, {"clients", "web", "ok"}), num(r, {"nodes", "saga", "saga", "completed"}));
    const auto& steps = r.at("nodes").at("saga").at("saga").at("steps").as_array();
    ASSERT_EQ(steps.size(), 3u);
    for (std::size_t k = 0; k < 3; ++k) {
        const auto& s = steps[k].as_object();
        expect_binomial(s.at("failed").to_number<double>(), s.at("calls").to_number<double>(), p[k],
                        "step failures");
    }
    EXPECT_EQ(steps[0].at("compensate").as_string(), "undo-a");
    EXPECT_EQ(steps[2].at("compensate").as_string(), "");
    // Every compensation of a is one of a saga that failed at b or c.
    EXPECT_EQ(
        steps[0].at("compensations").to_number<double>(),
        steps[1].at("failed").to_number<double>() + steps[2].at("failed").to_number<double>());
}

TEST(Saga, CompensationsRunInReverseOrderAfterTheFailedStep) {
    const double p[3] = {0, 0, 1};  // c always fails: every saga undoes b, then a
    auto b = three_steps(p, 20);
    b.requests(200);
    ASSERT_EQ(problems(b.s), "");
    runtime::Simulation sim(b.s);
    testing::Recorder rec;
    sim.set_observer(&rec);
    sim.run_to_end();
    // Request hops along each edge, per request: when each call was sent.
    std::map<std::uint64_t, std::map<std::string, kernel::SimTime>> sent;
    for (const auto& h : rec.hops)
        if (h.kind == runtime::HopKind::request) sent[h.subject.id][b.s.edges[h.edge].to] = h.sent;
    ASSERT_EQ(sent.size(), 200u);
    for (const auto& [request, at] : sent) {
        ASSERT_EQ(at.size(), 6u) << "request " << request;  // saga, a, b, c, undo-b, undo-a
        EXPECT_LT(at.at("c"), at.at("undo-b")) << "request " << request;
        EXPECT_LT(at.at("undo-b"), at.at("undo-a")) << "request " << request;
    }
    const auto r = sim.report();
    EXPECT_EQ(num(r, {"nodes", "saga", "saga", "compensated"}), 200);
    EXPECT_EQ(num(r, {"nodes", "saga", "saga", "compensations_run"}), 400);
    EXPECT_EQ(num(r, {"clients", "web", "failed"}), 200);
}

TEST(Saga, AStepThatTimesOutIsCompensatedAndCounted) {
    const double p[3] = {0, 0, 0};
    auto b = three_steps(p, 20);
    b.s.edges[3].timeout_ms = 20;  // c works 30 ms: every call to it times out
    b.requests(300);
    ASSERT_EQ(problems(b.s), "");
    const auto r = testing::run_report(b.s);
    const auto& c = r.at("nodes").at("saga").at("saga").at("steps").as_array()[2];
    EXPECT_EQ(c.at("calls").to_number<double>(), 300);
    EXPECT_EQ(c.at("timed_out").to_number<double>(), 300);
    EXPECT_EQ(c.at("failed").to_number<double>(), 300);
    EXPECT_EQ(num(r, {"nodes", "saga", "saga", "compensated"}), 300);
    EXPECT_EQ(num(r, {"clients", "web", "timed_out"}), 300);  // the step's reason reaches the user
    // c finished its work anyway: the timeout did not stop it, and it served nobody.
    EXPECT_EQ(num(r, {"nodes", "c", "ok"}), 300);
}

TEST(Saga, FailedCompensationsAreCountedApart) {
    const double p[3] = {0, 0, 1};
    auto b = three_steps(p, 20);
    b.s.find_node("undo-b")->failure_rate = 1;  // the refund never works
    b.requests(100);
    ASSERT_EQ(problems(b.s), "");
    const auto r = testing::run_report(b.s);
    EXPECT_EQ(num(r, {"nodes", "saga", "saga", "failed_to_compensate"}), 100);
    EXPECT_EQ(num(r, {"nodes", "saga", "saga", "compensated"}), 0);
    EXPECT_EQ(num(r, {"nodes", "saga", "saga", "compensations_failed"}), 100);
    // It still undoes what it can: a's compensation runs after b's failed one.
    EXPECT_EQ(num(r, {"nodes", "undo-a", "ok"}), 100);
}

TEST(Saga, LittlesLawAcrossTheSaga) {
    // L = lambda W with W from where sagas stop: 60 ms complete; at b, 30 + 5; at c, 60 + 7 + 5.
    const double p[3] = {0, 0.2, 0.3};
    auto b = three_steps(p, 40);
    b.duration(300);
    ASSERT_EQ(problems(b.s), "");
    const auto r = testing::run_report(b.s);
    const auto& saga = r.at("nodes").at("saga").at("saga").as_object();
    const double at_b = p[1], at_c = (1 - p[1]) * p[2], done = 1 - at_b - at_c;
    const double d[3] = {35, 72, 60};
    const double w = at_b * d[0] + at_c * d[1] + done * d[2];
    const double w2 = at_b * d[0] * d[0] + at_c * d[1] * d[1] + done * d[2] * d[2];
    const double n = saga.at("started").to_number<double>();
    EXPECT_NEAR(num(r, {"nodes", "saga", "saga", "duration_ms", "mean"}), w,
                4 * std::sqrt((w2 - w * w) / n));
    // Drained to the end, every saga started and ended inside the run: the integral of
    // sagas in flight is exactly the sum of their durations (up to the 6-decimal report).
    const double l = saga.at("in_flight_mean").to_number<double>();
    EXPECT_NEAR(l, saga.at("lambda_w").to_number<double>(), 1e-5 + 1e-6 * l);
    // And against theory: lambda (Poisson, 40/s) times W, the error of both counted.
    const double measured_s = num(r, {"measured_s"});
    const double rel = std::sqrt(1 / n + (w2 / (w * w) - 1) / n);
    const double horizon = 300 / measured_s;  // sagas arrive over 300 s, L averages over more
    EXPECT_NEAR(l, 40 * horizon * w / 1000, 4 * rel * 40 * horizon * w / 1000);
}

TEST(Saga, OrchestratedSagaIsOneTraceWithAChildSpanPerStep) {
    const double p[3] = {0, 0, 1};
    auto b = three_steps(p, 20);
    b.s.trace.sample = 1;
    b.requests(20);
    runtime::Simulation sim(b.s);
    sim.run_to_end();
    const auto& spans = sim.world().traces.spans();
    const auto saga = static_cast<std::uint32_t>(sim.world().node_index("saga"));
    std::map<std::uint64_t, int> children_of_saga;
    for (const auto& s : spans) {
        if (s.parent == 0) continue;
        const auto& parent = spans[s.parent - 1];
        if (parent.node == saga) ++children_of_saga[s.trace_id];
    }
    ASSERT_EQ(children_of_saga.size(), 20u);
    for (const auto& [trace, n] : children_of_saga)
        EXPECT_EQ(n, 5) << trace;  // a b c undo-b undo-a
}

/// Choreography: web -> orders -(e1)-> pay -(e2)-> ship, ship fails with p and tells
/// ship-failed, on which refund compensates and tells refunded, on which release does.
ScenarioBuilder choreography(double p) {
    ScenarioBuilder b;
    b.client("web", 50);
    b.service("orders", 64, Distribution::constant(1));
    b.topic("e1", 4);
    b.consumer("pay", 4, Distribution::constant(5));
    b.topic("e2", 4);
    auto& ship = b.consumer("ship", 4, Distribution::constant(5));
    ship.failure_rate = p;
    ship.on_failure_publish = "ship-failed";
    b.topic("ship-failed", 4);
    b.consumer("refund", 4, Distribution::constant(5));
    b.topic("refunded", 4);
    b.consumer("release", 4, Distribution::constant(5));
    b.edge("web", "orders");
    b.publish("orders", "e1", 100);
    b.deliver("e1", "pay");
    b.publish("pay", "e2", 100);
    b.deliver("e2", "ship");
    b.publish("ship", "ship-failed", 100);
    b.deliver("ship-failed", "refund");
    b.publish("refund", "refunded", 100);
    b.deliver("refunded", "release");
    return b;
}

TEST(Choreography, FailureEventsSetOffCompensationsUpstream) {
    const double p = 0.1;
    auto b = choreography(p);
    b.duration(100);
    ASSERT_EQ(problems(b.s), "");
    const auto r = testing::run_report(b.s);
    const double n = num(r, {"nodes", "ship", "processed"});
    const double failures = num(r, {"nodes", "ship", "failure_events"});
    expect_binomial(failures, n, p, "failure events");
    EXPECT_EQ(num(r, {"nodes", "refund", "compensations"}), failures);
    EXPECT_EQ(num(r, {"nodes", "release", "compensations"}), failures);
    EXPECT_EQ(num(r, {"nodes", "pay", "compensations"}), 0);   // forward work is no compensation
    EXPECT_EQ(num(r, {"nodes", "ship", "dead_lettered"}), 0);  // the failure was handled
    EXPECT_EQ(num(r, {"conservation", "lost"}), 0);
    // The user was answered before any of it happened: every order looks fine to them.
    EXPECT_EQ(num(r, {"clients", "web", "availability"}), 1);
}

TEST(Choreography, AFailedMessageGoesNoFurtherDownTheSuccessfulPath) {
    auto b = choreography(1);
    b.topic("shipped", 4);
    b.consumer("notify", 4, Distribution::constant(1));
    b.publish("ship", "shipped", 100);  // after ship-failed in the file: still never taken
    b.deliver("shipped", "notify");
    b.requests(200);
    ASSERT_EQ(problems(b.s), "");
    const auto r = testing::run_report(b.s);
    EXPECT_EQ(num(r, {"nodes", "ship", "failure_events"}), 200);
    EXPECT_EQ(num(r, {"nodes", "notify", "processed"}), 0);
    EXPECT_EQ(num(r, {"nodes", "release", "compensations"}), 200);
}

TEST(Choreography, NoFailureEventWhileRetriesRemain) {
    auto b = choreography(0.5);
    model::ConsumerRetry retry;
    retry.max_attempts = 3;
    b.s.find_node("ship")->retry = retry;
    b.duration(100);
    ASSERT_EQ(problems(b.s), "");
    const auto r = testing::run_report(b.s);
    // Only a message failing all three attempts tells the others: p^3 of them.
    expect_binomial(num(r, {"nodes", "ship", "failure_events"}),
                    num(r, {"nodes", "ship", "processed"}), 0.125, "failure events");
}

TEST(Choreography, TraceIsAChainOfEventsThroughTheCompensations) {
    auto b = choreography(1);
    b.s.trace.sample = 1;
    b.requests(10);
    runtime::Simulation sim(b.s);
    sim.run_to_end();
    const auto& world = sim.world();
    const auto& spans = world.traces.spans();
    const auto release = static_cast<std::uint32_t>(world.node_index("release"));
    int chains = 0;
    for (const auto& s : spans) {
        if (s.node != release) continue;
        // Walk up: release <- refund <- ship <- pay <- orders <- web, one parent each.
        int depth = 0;
        for (std::uint32_t at = s.id; at != 0; at = spans[at - 1].parent) ++depth;
        EXPECT_EQ(depth, 6);
        ++chains;
    }
    EXPECT_EQ(chains, 10);
    // Without propagation the same compensation starts a trace nobody can link back.
    b.s.trace.propagate = false;
    runtime::Simulation cut(b.s);
    cut.run_to_end();
    for (const auto& s : cut.world().traces.spans()) {
        if (s.node == release) {
            EXPECT_TRUE(s.orphan);
        }
    }
}

TEST(SagaValidation, ReferencesAreCheckedAndLocated) {
    const double p[3] = {0, 0, 0};
    auto b = three_steps(p);
    b.s.edges[1].compensate = "undo-x";
    EXPECT_NE(problems(b.s).find("edges[1].compensate: no node with id 'undo-x'"),
              std::string::npos)
        << problems(b.s);
    b.s.edges[1].compensate = "c";
    b.s.edges.erase(b.s.edges.begin() + 3);  // no edge to c any more
    EXPECT_NE(problems(b.s).find("edges[1].compensate: 'saga' has no sync edge to 'c'"),
              std::string::npos)
        << problems(b.s);

    auto s = three_steps(p);
    s.edge("a", "undo-a").compensate = "undo-a";
    EXPECT_NE(problems(s.s).find("only an orchestrator's steps have compensations"),
              std::string::npos)
        << problems(s.s);

    auto lonely = ScenarioBuilder{};
    lonely.client("web", 1);
    lonely.add(NodeKind::orchestrator, "saga");
    lonely.edge("web", "saga");
    EXPECT_NE(problems(lonely.s).find("nodes[1]: orchestrator 'saga' has no steps"),
              std::string::npos)
        << problems(lonely.s);

    auto cycle = three_steps(p);
    cycle.edge("c", "saga");
    EXPECT_NE(problems(cycle.s).find("sync call cycle: saga -> c -> saga"), std::string::npos)
        << problems(cycle.s);
}

TEST(SagaValidation, FailureEventTargetIsAConnectedTopic) {
    auto b = choreography(0.1);
    b.s.find_node("ship")->on_failure_publish = "nowhere";
    EXPECT_NE(problems(b.s).find("on_failure_publish: no node with id 'nowhere'"),
              std::string::npos);
    b.s.find_node("ship")->on_failure_publish = "refund";
    EXPECT_NE(problems(b.s).find("must name a topic or queue; 'refund' is a consumer"),
              std::string::npos)
        << problems(b.s);
    b.s.find_node("ship")->on_failure_publish = "refunded";
    EXPECT_NE(problems(b.s).find("'ship' has no async edge to 'refunded'"), std::string::npos);
    auto svc = choreography(0.1);
    svc.s.find_node("orders")->on_failure_publish = "e1";
    EXPECT_NE(problems(svc.s).find("on_failure_publish: not a parameter of a service node"),
              std::string::npos)
        << problems(svc.s);
}

TEST(SagaValidation, LocatedInTheFile) {
    const std::string text = R"({"format": "flowlab/1", "name": "x", "run": {"duration_s": 1},
  "nodes": [{"id": "web", "kind": "client", "rate_per_s": 1},
            {"id": "saga", "kind": "orchestrator"},
            {"id": "a", "kind": "service"}],
  "edges": [{"from": "web", "to": "saga", "mode": "sync"},
            {"from": "saga", "to": "a", "mode": "sync", "compensate": "undo"}]})";
    const auto parsed = model::parse_scenario(text, "saga.json");
    ASSERT_FALSE(parsed.errors.empty());
    const auto& d = parsed.errors.front();
    EXPECT_EQ(d.path, "edges[1].compensate");
    EXPECT_EQ(d.line, 6);
    EXPECT_GT(d.column, 50);
}

}  // namespace
}  // namespace flowlab
