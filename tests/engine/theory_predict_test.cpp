#include "flowlab/theory/predict.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "flowlab/model/scenario.hpp"
#include "flowlab/theory/queueing.hpp"

using flowlab::model::Distribution;
using flowlab::model::Edge;
using flowlab::model::EdgeMode;
using flowlab::model::Node;
using flowlab::model::NodeKind;
using flowlab::model::Scenario;
using flowlab::theory::predict;
using flowlab::theory::round_significant_6;

namespace {

Node client(const std::string& id, double rate) {
    Node n = flowlab::model::make_node(NodeKind::client, id);
    n.rate_per_s = rate;
    return n;
}

Node server(NodeKind kind, const std::string& id, Distribution work, int threads = 8,
            double failure_rate = 0.0) {
    Node n = flowlab::model::make_node(kind, id);
    n.work = work;
    n.threads = threads;
    n.failure_rate = failure_rate;
    return n;
}

Edge sync(const std::string& from, const std::string& to, double latency_ms = 0.0) {
    Edge e;
    e.from = from;
    e.to = to;
    e.mode = EdgeMode::sync;
    e.latency = Distribution::constant(latency_ms);
    return e;
}

// "web -> a -> b -> c", three 99.9 % services with constant work and 1 ms links.
Scenario availability_trap() {
    Scenario s;
    s.name = "The availability trap";
    s.nodes = {client("web", 100),
               server(NodeKind::service, "a", Distribution::constant(10), 8, 0.001),
               server(NodeKind::service, "b", Distribution::constant(20), 8, 0.001),
               server(NodeKind::service, "c", Distribution::constant(30), 8, 0.001)};
    s.edges = {sync("web", "a", 1), sync("a", "b", 1), sync("b", "c", 1)};
    return s;
}

double num(const boost::json::value& v) { return v.to_number<double>(); }

}  // namespace

TEST(TheoryPredict, RoundsToSixSignificantDigits) {
    EXPECT_EQ(round_significant_6(0.997002999), 0.997003);
    EXPECT_EQ(round_significant_6(1234.56789), 1234.57);
    EXPECT_EQ(round_significant_6(-1234.56789), -1234.57);
    EXPECT_EQ(round_significant_6(1.23456789e-7), 1.23457e-7);
    EXPECT_EQ(round_significant_6(95.0), 95.0);
    EXPECT_EQ(round_significant_6(0.0), 0.0);
    EXPECT_TRUE(std::isinf(round_significant_6(INFINITY)));
}

TEST(TheoryPredict, EmptyScenarioPredictsNothing) { EXPECT_TRUE(predict(Scenario{}).empty()); }

TEST(TheoryPredict, AvailabilityTrapMatchesTheSpecExample) {
    auto t = predict(availability_trap());
    // 0.999^3 = 0.997002999; one client, so plain numbers.
    EXPECT_EQ(num(t.at("chain_availability")), 0.997003);
    // Own P99s 10 + 20 + 30, plus every link twice: 3 x 2 x 1 ms.
    EXPECT_EQ(num(t.at("p99_work_sum_ms")), 66.0);
    EXPECT_FALSE(t.contains("stations"));  // constant work: no M/M/c station anywhere
    // Hop a calls b: no bound is proven, and the reason is given instead.
    EXPECT_FALSE(t.contains("p99_bound_ms"));
    EXPECT_NE(t.at("p99_bound_unavailable").as_string().find("a calls other nodes"),
              std::string::npos);
    EXPECT_EQ(t.size(), 3u);
}

TEST(TheoryPredict, SingleMM1DatabaseIsAStation) {
    Scenario s;
    s.nodes = {client("users", 50),
               server(NodeKind::database, "db", Distribution::exponential(10), 1)};
    s.edges = {sync("users", "db")};
    auto t = predict(s);
    ASSERT_TRUE(t.contains("stations"));
    const auto& db = t.at("stations").at("db").as_object();
    // M/M/1 at rho = 0.5, mu = 100/s: C = rho, Wq = 10 ms, W = 2 / mu = 20 ms, L = 1,
    // P99 of Exp(mu - lambda = 0.05/ms) = ln(100) / 0.05 = 92.1034 ms.
    EXPECT_EQ(num(db.at("lambda_per_s")), 50.0);
    EXPECT_EQ(db.at("c").as_int64(), 1);
    EXPECT_EQ(num(db.at("utilization")), 0.5);
    EXPECT_EQ(num(db.at("erlang_c")), 0.5);
    EXPECT_EQ(num(db.at("mean_wait_ms")), 10.0);
    EXPECT_EQ(num(db.at("mean_response_ms")), 20.0);
    EXPECT_EQ(num(db.at("p99_response_ms")), 92.1034);
    EXPECT_EQ(num(db.at("mean_in_system")), 1.0);
    EXPECT_TRUE(db.at("stable").as_bool());
    EXPECT_EQ(db.at("arrivals").as_string(), "poisson");  // called by the client itself
    EXPECT_EQ(num(t.at("chain_availability")), 1.0);
    EXPECT_EQ(db.at("model").as_string(), "M/M/c");
    // The work's own P99, 10 ln 100, no waiting: not a bound.
    EXPECT_EQ(num(t.at("p99_work_sum_ms")), 46.0517);
    // The bound includes the wait: at or above the exact M/M/1 P99, within the grid's step.
    const double bound = num(t.at("p99_bound_ms"));
    EXPECT_GE(bound, 92.1034);
    EXPECT_LE(bound, 92.1034 * 1.01);
}

TEST(TheoryPredict, SharedNodeCountsOncePerCall) {
    // web calls a then b; both call db: every request reaches db twice.
    Scenario s;
    s.nodes = {client("u", 40),
               server(NodeKind::service, "web", Distribution::constant(5), 8, 0.01),
               server(NodeKind::service, "a", Distribution::constant(3), 8, 0.02),
               server(NodeKind::service, "b", Distribution::uniform(1, 3), 8, 0.0),
               server(NodeKind::database, "db", Distribution::exponential(2), 4, 0.05)};
    s.edges = {sync("u", "web", 0.5), sync("web", "a"), sync("web", "b"), sync("a", "db", 0.25),
               sync("b", "db", 0.25)};
    auto t = predict(s);

    double expected_avail = 0.99 * 0.98 * 0.95 * 1.0 * 0.95;
    EXPECT_EQ(num(t.at("chain_availability")), round_significant_6(expected_avail));

    // db: lambda = 2 x 40 = 80/s, a = 0.16 on c = 4.
    const auto& db = t.at("stations").at("db").as_object();
    EXPECT_EQ(num(db.at("lambda_per_s")), 80.0);
    EXPECT_EQ(db.at("c").as_int64(), 4);
    EXPECT_EQ(num(db.at("utilization")), 0.04);
    double db_p99 = flowlab::theory::mmc_response_quantile_ms(80, 2, 4, 0.99);
    EXPECT_EQ(num(db.at("p99_response_ms")), round_significant_6(db_p99));
    EXPECT_EQ(t.at("stations").as_object().size(), 1u);  // web, a, b have calls or no exp work
    EXPECT_EQ(db.at("arrivals").as_string(), "poisson_approx");  // through web, a and b

    // 2 x 0.5 (u->web) + 5 + 3 + (2 x 0.25 + db) + 2.98 (uniform P99) + (2 x 0.25 + db).
    const double db_work = 2.0 * std::log(100.0);
    double expected_sum = 1.0 + 5.0 + 3.0 + 0.5 + db_work + 2.98 + 0.5 + db_work;
    EXPECT_EQ(num(t.at("p99_work_sum_ms")), round_significant_6(expected_sum));
}

TEST(TheoryPredict, RetriesRemoveAvailabilityBoundAndDownstreamLoad) {
    Scenario s;
    s.nodes = {client("u", 10), server(NodeKind::service, "web", Distribution::constant(1)),
               server(NodeKind::database, "db", Distribution::exponential(5), 2)};
    s.edges = {sync("u", "web"), sync("web", "db")};
    s.edges[1].retry = flowlab::model::EdgeRetry{};
    auto t = predict(s);
    EXPECT_FALSE(t.contains("chain_availability"));
    EXPECT_FALSE(t.contains("p99_work_sum_ms"));
    EXPECT_FALSE(t.contains("stations"));  // retries add calls: db's load is unknown
}

TEST(TheoryPredict, OptionalAndFallbackEdgesKeepOnlyTheBound) {
    for (int variant = 0; variant < 3; ++variant) {
        Scenario s;
        s.nodes = {client("u", 10), server(NodeKind::service, "web", Distribution::constant(4)),
                   server(NodeKind::service, "recs", Distribution::constant(6), 8, 0.1)};
        s.edges = {sync("u", "web"), sync("web", "recs")};
        if (variant == 0) s.edges[1].optional = true;
        if (variant == 1) s.edges[1].fallback = flowlab::model::Fallback::default_value;
        if (variant == 2) s.edges[1].breaker = flowlab::model::Breaker{};
        auto t = predict(s);
        EXPECT_FALSE(t.contains("chain_availability")) << variant;
        EXPECT_EQ(num(t.at("p99_work_sum_ms")), 10.0) << variant;
    }
}

TEST(TheoryPredict, FaultsRemoveWhatTheyTouch) {
    Scenario s = availability_trap();
    flowlab::model::Fault f;
    f.target = "b";
    f.kind = flowlab::model::FaultKind::slow;
    f.extra_ms = 100;
    s.faults = {f};
    auto t = predict(s);
    EXPECT_FALSE(t.contains("chain_availability"));
    EXPECT_FALSE(t.contains("p99_work_sum_ms"));
}

TEST(TheoryPredict, FaultUpstreamMakesStationLoadUnknown) {
    Scenario s;
    s.nodes = {client("u", 50), server(NodeKind::service, "web", Distribution::constant(1)),
               server(NodeKind::database, "db", Distribution::exponential(10), 1)};
    s.edges = {sync("u", "web"), sync("web", "db")};
    EXPECT_TRUE(predict(s).contains("stations"));
    flowlab::model::Fault spike;
    spike.target = "u";
    spike.kind = flowlab::model::FaultKind::spike;
    spike.rate_per_s = 500;
    s.faults = {spike};
    auto t = predict(s);
    EXPECT_FALSE(t.contains("stations"));
    EXPECT_FALSE(t.contains("p99_work_sum_ms"));
    EXPECT_TRUE(t.contains("chain_availability"));  // a spike changes load, not success odds
}

TEST(TheoryPredict, SeveralClientsAreKeyedById) {
    Scenario s;
    s.nodes = {client("mobile", 30), client("batch", 20), client("jobs", 5),
               server(NodeKind::database, "db", Distribution::exponential(10), 2, 0.001)};
    s.nodes[2].pattern = flowlab::model::ClientPattern::job;  // polls: not predicted
    s.edges = {sync("mobile", "db", 1), sync("batch", "db", 1), sync("jobs", "db")};
    auto t = predict(s);
    const auto& avail = t.at("chain_availability").as_object();
    EXPECT_EQ(avail.size(), 2u);
    EXPECT_EQ(num(avail.at("mobile")), 0.999);
    EXPECT_EQ(num(avail.at("batch")), 0.999);
    EXPECT_FALSE(avail.contains("jobs"));
    EXPECT_EQ(t.at("p99_work_sum_ms").as_object().size(), 2u);
    // The job client's polls make db's load unknown, so no station.
    EXPECT_FALSE(t.contains("stations"));

    s.nodes.erase(s.nodes.begin() + 2);
    s.edges.pop_back();
    t = predict(s);
    const auto& db = t.at("stations").at("db").as_object();
    EXPECT_EQ(num(db.at("lambda_per_s")), 50.0);  // 30 + 20: merged Poisson streams
    double p99 = flowlab::theory::mmc_response_quantile_ms(50, 10, 2, 0.99);
    EXPECT_EQ(num(db.at("p99_response_ms")), round_significant_6(p99));
    EXPECT_EQ(num(t.at("p99_work_sum_ms").at("mobile")),
              round_significant_6(2.0 + 10.0 * std::log(100.0)));
    // Both clients call db first: its arrivals are one Poisson stream, M/M/2, and each
    // client's bound adds the 1 ms link twice to db's response time.
    EXPECT_EQ(db.at("arrivals").as_string(), "poisson");
    for (const char* id : {"mobile", "batch"}) {
        const double bound = num(t.at("p99_bound_ms").at(id));
        EXPECT_GE(bound, 2.0 + p99) << id;
        EXPECT_LE(bound, (2.0 + p99) * 1.01) << id;
    }
}

TEST(TheoryPredict, LossSystemUsesErlangB) {
    Scenario s;
    s.nodes = {client("u", 100), server(NodeKind::service, "svc", Distribution::constant(10), 2)};
    s.nodes[1].backlog = 0;
    s.edges = {sync("u", "svc")};
    auto t = predict(s);
    const auto& svc = t.at("stations").at("svc").as_object();
    // a = 100/s x 10 ms = 1 Erlang on 2 threads: B(2, 1) = 0.2, whatever the work's shape.
    EXPECT_EQ(num(svc.at("erlang_b")), 0.2);
    EXPECT_EQ(num(svc.at("lambda_per_s")), 100.0);
    EXPECT_EQ(svc.at("c").as_int64(), 2);
    EXPECT_FALSE(svc.contains("erlang_c"));
    EXPECT_EQ(svc.at("arrivals").as_string(), "poisson");
    // A bounded backlog can reject: no availability product.
    EXPECT_FALSE(t.contains("chain_availability"));
    EXPECT_EQ(num(t.at("p99_work_sum_ms")), 10.0);
}

TEST(TheoryPredict, OverloadedStationIsFlaggedAndHasNoBound) {
    Scenario s;
    s.nodes = {client("u", 200),
               server(NodeKind::database, "db", Distribution::exponential(10), 1)};
    s.edges = {sync("u", "db")};
    auto t = predict(s);
    const auto& db = t.at("stations").at("db").as_object();
    EXPECT_FALSE(db.at("stable").as_bool());
    EXPECT_EQ(num(db.at("utilization")), 2.0);
    EXPECT_EQ(num(db.at("erlang_c")), 1.0);
    EXPECT_FALSE(db.contains("mean_response_ms"));
    EXPECT_FALSE(t.contains("p99_work_sum_ms"));

    // The same overload at a hop with constant work: it queues without bound too.
    s.nodes[1].work = Distribution::constant(10);
    EXPECT_FALSE(predict(s).contains("p99_work_sum_ms"));
}

TEST(TheoryPredict, UniformArrivalsAreNotPoisson) {
    Scenario s;
    s.nodes = {client("u", 50), server(NodeKind::database, "db", Distribution::exponential(10), 1)};
    s.nodes[0].arrival = flowlab::model::Arrival::uniform;
    s.edges = {sync("u", "db")};
    auto t = predict(s);
    EXPECT_FALSE(t.contains("stations"));
    // Own P99 falls back to the work distribution: -10 ln(0.01).
    EXPECT_EQ(num(t.at("p99_work_sum_ms")), round_significant_6(10.0 * std::log(100.0)));
}

TEST(TheoryPredict, AsyncPublishAddsAckToTheBound) {
    Scenario s;
    s.nodes = {client("u", 10), server(NodeKind::service, "orders", Distribution::constant(3)),
               flowlab::model::make_node(NodeKind::queue, "q")};
    Edge publish;
    publish.from = "orders";
    publish.to = "q";
    publish.mode = EdgeMode::async;
    publish.latency = Distribution::constant(0.5);
    s.edges = {sync("u", "orders"), publish};
    auto t = predict(s);
    EXPECT_EQ(num(t.at("p99_work_sum_ms")), 3.0 + 2 * 0.5 + 2.0);  // queue ack: 2 ms
    EXPECT_EQ(num(t.at("chain_availability")), 1.0);

    s.nodes[2].capacity = 100;  // a full queue blocks or rejects: neither figure holds
    t = predict(s);
    EXPECT_FALSE(t.contains("p99_work_sum_ms"));
    EXPECT_FALSE(t.contains("chain_availability"));
}

TEST(TheoryPredict, SyncCycleIsNotPredictedAndTerminates) {
    Scenario s;
    s.nodes = {client("u", 10), server(NodeKind::service, "a", Distribution::exponential(1)),
               server(NodeKind::service, "b", Distribution::exponential(1))};
    s.edges = {sync("u", "a"), sync("a", "b"), sync("b", "a")};
    auto t = predict(s);
    // Nothing but the reason there is no bound.
    EXPECT_EQ(t.size(), 1u);
    EXPECT_TRUE(t.contains("p99_bound_unavailable"));
}

TEST(TheoryPredict, RoundsBoundsUp) {
    EXPECT_EQ(flowlab::theory::round_up_significant_6(92.10341), 92.1035);
    EXPECT_EQ(flowlab::theory::round_up_significant_6(92.1034), 92.1034);
    EXPECT_EQ(flowlab::theory::round_up_significant_6(999999.5), 1e6);
    EXPECT_EQ(flowlab::theory::round_up_significant_6(1.0000001e-3), 1.00001e-3);
}

TEST(TheoryPredict, OneThreadGeneralWorkIsAnMG1StationWithABound) {
    // Issue 12's first example: constant 10 ms work at 80/s on one thread.
    Scenario s;
    s.nodes = {client("u", 80), server(NodeKind::service, "svc", Distribution::constant(10), 1)};
    s.edges = {sync("u", "svc")};
    auto t = predict(s);
    const auto& svc = t.at("stations").at("svc").as_object();
    EXPECT_EQ(svc.at("model").as_string(), "M/G/1");
    EXPECT_EQ(num(svc.at("utilization")), 0.8);
    // Pollaczek-Khinchine: 0.08/ms x 100 ms^2 / (2 x 0.2) = 20 ms.
    EXPECT_EQ(num(svc.at("mean_wait_ms")), 20.0);
    EXPECT_EQ(num(svc.at("mean_response_ms")), 30.0);
    EXPECT_EQ(num(svc.at("mean_in_system")), 2.4);  // Little: 80/s x 30 ms
    EXPECT_EQ(svc.at("arrivals").as_string(), "poisson");
    EXPECT_EQ(num(t.at("p99_work_sum_ms")), 10.0);  // the old "bound": no queueing in it
    // The bound includes the wait: far above the work alone, equal to the station's.
    EXPECT_GT(num(t.at("p99_bound_ms")), 100.0);
    EXPECT_EQ(num(t.at("p99_bound_ms")), num(svc.at("p99_response_bound_ms")));
    EXPECT_FALSE(t.contains("p99_bound_unavailable"));
}

TEST(TheoryPredict, NoBoundWhereNoneIsProvenAndTheReasonIsGiven) {
    auto why = [](const Scenario& s) {
        auto t = predict(s);
        EXPECT_FALSE(t.contains("p99_bound_ms"));
        return std::string(t.at("p99_bound_unavailable").as_string());
    };
    Scenario s;
    s.nodes = {client("u", 50), server(NodeKind::service, "a", Distribution::lognormal(10, 80), 4),
               server(NodeKind::service, "b", Distribution::constant(1), 4)};
    s.edges = {sync("u", "a"), sync("u", "b")};
    // A second sync call starts when the first answers: not a Poisson stream at b.
    EXPECT_NE(why(s).find("after another call answers"), std::string::npos);
    // Under one Erlang (0.75), one thread's M/G/1 wait bounds a's four threads.
    s.edges.pop_back();
    EXPECT_TRUE(predict(s).contains("p99_bound_ms"));
    // Four threads of lognormal work at 1.49 Erlangs: no M/G/c bound.
    s.nodes[0].rate_per_s = 100;
    EXPECT_NE(why(s).find("M/G/c"), std::string::npos);
    s.nodes[0].arrival = flowlab::model::Arrival::uniform;
    EXPECT_NE(why(s).find("evenly spaced"), std::string::npos);
}

TEST(TheoryPredict, QueueWithAnExponentialConsumerGroupIsAnMMcStation) {
    Scenario s;
    s.nodes = {client("u", 100), flowlab::model::make_node(NodeKind::queue, "q"),
               flowlab::model::make_node(NodeKind::consumer, "workers"),
               server(NodeKind::service, "api", Distribution::constant(1), 16, 0.2)};
    s.nodes[2].concurrency = 3;
    s.nodes[2].work = Distribution::exponential(20);
    Edge publish, deliver;
    publish.from = "api";
    publish.to = "q";
    publish.mode = EdgeMode::async;
    deliver.from = "q";
    deliver.to = "workers";
    deliver.mode = EdgeMode::deliver;
    s.edges = {publish, deliver, sync("u", "api")};
    auto t = predict(s);
    const auto& q = t.at("stations").at("q").as_object();
    // api fails 20% of its calls before publishing: 80 publishes a second.
    const auto p = flowlab::theory::mmc(80, 20, 3);
    EXPECT_EQ(q.at("model").as_string(), "M/M/c");
    EXPECT_EQ(q.at("kind").as_string(), "queue");
    EXPECT_EQ(q.at("c").as_int64(), 3);
    EXPECT_EQ(num(q.at("lambda_per_s")), 80.0);
    EXPECT_EQ(num(q.at("utilization")), round_significant_6(1.6 / 3.0));
    EXPECT_EQ(q.at("arrivals").as_string(), "poisson_approx");  // after api's work
    EXPECT_EQ(num(q.at("mean_wait_ms")), round_significant_6(p.mean_wait_ms));
    EXPECT_EQ(num(q.at("mean_in_queue")), round_significant_6(p.mean_in_queue));
    // api calls a node (it publishes): no proven bound for the client.
    EXPECT_TRUE(t.contains("p99_bound_unavailable"));

    Scenario v = s;
    v.nodes[2].work = Distribution::constant(20);  // not exponential: no Erlang C
    EXPECT_FALSE(predict(v).contains("stations"));
    v = s;
    v.nodes[1].capacity = 1000;  // a full queue blocks the publisher
    EXPECT_FALSE(predict(v).contains("stations"));
    v = s;
    v.nodes[1].delivery = flowlab::model::Delivery::fifo;  // keys in flight can idle workers
    EXPECT_FALSE(predict(v).contains("stations"));
    v = s;
    v.edges[1].latency = Distribution::constant(1);  // the worker is held for the delivery
    EXPECT_FALSE(predict(v).contains("stations"));
    v = s;
    Edge first = sync("api", "db");  // a call before the publish may fail and skip it
    v.nodes.push_back(server(NodeKind::database, "db", Distribution::constant(1), 4));
    v.edges.insert(v.edges.begin(), first);
    EXPECT_FALSE(predict(v).contains("stations"));
}
