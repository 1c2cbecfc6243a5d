// Read models and write_then_read clients: the read-your-writes miss share and the
// view's staleness against the M/M/1 projector's closed form (theory/read_your_writes),
// the semantics around it, and the located errors of the new keys.
//
// Each theory check runs independent replications and compares the mean of the
// replication estimates with the closed form, allowing 4 standard errors of that mean
// (as theory_validation_test.cpp): the spread across replications is the binomial
// noise of the miss count plus the autocorrelation of the projector's backlog.

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "flowlab/model/parse.hpp"
#include "flowlab/theory/predict.hpp"
#include "replication.hpp"
#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Distribution;
using model::EdgeMode;
using model::NodeKind;
using testing::num;
using testing::replicate;
using testing::ScenarioBuilder;

constexpr double lambda = 40.0;        // writes per second
constexpr double projector_ms = 20.0;  // mean work: utilization 0.8
constexpr double leg_ms = 1.0;         // each constant network leg

/// web writes through api, which publishes to a fifo queue; the projector applies each
/// event to `view`; web reads `view` read_delay after its write was answered.
ScenarioBuilder write_then_read(Distribution read_delay) {
    ScenarioBuilder b;
    auto& web = b.client("web", lambda);
    web.pattern = model::ClientPattern::write_then_read;
    web.read_delay = read_delay;
    b.service("api", 64, Distribution::constant(5.0));
    auto& q = b.queue("events");
    q.delivery = model::Delivery::fifo;
    b.consumer("projector", 1, Distribution::exponential(projector_ms));
    auto& view = b.add(NodeKind::read_model, "view");
    view.threads = 16;
    view.work = Distribution::constant(2.0);
    b.edge("web", "api").latency = Distribution::constant(leg_ms);
    b.edge("web", "view").latency = Distribution::constant(leg_ms);
    b.publish("api", "events").latency = Distribution::constant(leg_ms);
    b.deliver("events", "projector");
    b.edge("projector", "view");
    b.s.run.warmup_s = 20;
    b.duration(220);
    return b;
}

double miss_share(const boost::json::object& r) {
    return num(r, {"clients", "web", "read_your_writes", "miss_share"});
}

void expect_theory_holds(const model::Scenario& s, const char* what) {
    ASSERT_EQ(testing::problems(s), "");
    const auto prediction = theory::predict(s).at("read_your_writes").at("web").as_object();
    ASSERT_TRUE(prediction.contains("miss_probability")) << prediction.at("unavailable");
    const double p = prediction.at("miss_probability").to_number<double>();
    const auto share = replicate(s, 10, miss_share);
    EXPECT_NEAR(share.mean, p, 4 * share.standard_error)
        << what << ": measured " << share.mean << " +- " << share.standard_error;
    // The staleness of each event is its M/M/1 sojourn, exponential of mean 1/(mu - lambda).
    const double mean_theory = prediction.at("staleness_mean_ms").to_number<double>();
    const auto staleness = replicate(s, 10, [](auto& r) {
        return num(r, {"nodes", "view", "view", "staleness_ms", "mean"});
    });
    EXPECT_NEAR(staleness.mean, mean_theory, 4 * staleness.standard_error) << what;
}

TEST(ReadModelTheory, MissShareOfAnImmediateReadIsTheSojournTail) {
    // theta = 1/20 - 40/1000 = 0.01 per ms; the read leaves the head start of 5 ms (the
    // publish's ack trip, the ack, the answer's trip, the read's trip): P = e^{-0.05}.
    auto b = write_then_read(Distribution::constant(0));
    const auto p = theory::predict(b.s).at("read_your_writes").at("web").as_object();
    EXPECT_NEAR(p.at("miss_probability").to_number<double>(), std::exp(-0.05), 1e-5);
    EXPECT_NEAR(p.at("staleness_mean_ms").to_number<double>(), 100.0, 1e-3);
    expect_theory_holds(b.s, "read at once");
}

TEST(ReadModelTheory, MissShareAfterAConstantDelay) {
    auto b = write_then_read(Distribution::constant(100));
    expect_theory_holds(b.s, "read after 100 ms");
}

TEST(ReadModelTheory, MissShareAfterAnExponentialDelay) {
    // E[e^{-theta D}] = 1 / (1 + theta m) for an exponential delay of mean m.
    auto b = write_then_read(Distribution::exponential(150));
    const auto p = theory::predict(b.s).at("read_your_writes").at("web").as_object();
    EXPECT_NEAR(p.at("miss_probability").to_number<double>(), std::exp(-0.05) / 2.5, 1e-5);
    expect_theory_holds(b.s, "read after an exponential delay");
}

TEST(ReadModelTheory, MissShareWithATopicPartitionAndAUniformDelay) {
    auto b = write_then_read(Distribution::uniform(20, 200));
    // The same path through a one-partition topic (ack 5 ms): still one FIFO log.
    for (auto& n : b.s.nodes)
        if (n.id == "events") n = model::make_node(NodeKind::topic, "events");
    expect_theory_holds(b.s, "topic, uniform delay");
}

TEST(ReadModelTheory, UnavailableSaysWhy) {
    auto b = write_then_read(Distribution::constant(0));
    b.s.find_node("projector")->work = Distribution::constant(20);  // not exponential
    const auto p = theory::predict(b.s).at("read_your_writes").at("web").as_object();
    EXPECT_FALSE(p.contains("miss_probability"));
    EXPECT_NE(std::string(p.at("unavailable").as_string()).find("not exponential"),
              std::string::npos);
    auto unordered = write_then_read(Distribution::constant(0));
    unordered.s.find_node("events")->delivery = model::Delivery::unordered;
    const auto u = theory::predict(unordered.s).at("read_your_writes").at("web").as_object();
    EXPECT_NE(std::string(u.at("unavailable").as_string()).find("publication order"),
              std::string::npos);
}

TEST(ReadModelTheory, AFaultOnThePathLeavesTheSteadyStateOutsideIt) {
    auto b = write_then_read(Distribution::constant(0));
    b.fault(model::FaultKind::slow, "projector", 60, 30).factor = 1.5;
    const auto p = theory::predict(b.s).at("read_your_writes").at("web").as_object();
    EXPECT_TRUE(p.at("outside_faults").as_bool());
    EXPECT_NEAR(p.at("miss_probability").to_number<double>(), std::exp(-0.05), 1e-5);
}

TEST(ReadModel, EveryWriteIsReadOnceAndEveryEventApplied) {
    auto b = write_then_read(Distribution::constant(50));
    b.s.run.warmup_s = 0;  // every read then belongs to a measured write
    const auto r = testing::run_report(b.s);
    const double ok = num(r, {"clients", "web", "ok"});
    EXPECT_GT(ok, 0);
    EXPECT_EQ(num(r, {"clients", "web", "read_your_writes", "reads"}), ok);
    EXPECT_EQ(num(r, {"clients", "web", "read_your_writes", "failed"}), 0);
    // Applies are not reads: the view served exactly the reads.
    EXPECT_EQ(num(r, {"nodes", "view", "received"}), ok);
    EXPECT_EQ(num(r, {"nodes", "view", "view", "lag"}), 0);  // drained at the end
    EXPECT_GE(num(r, {"nodes", "view", "view", "applied"}), ok);
    EXPECT_EQ(num(r, {"nodes", "view", "view", "reapplied"}), 0);
}

TEST(ReadModel, AReadLongAfterTheWriteNeverMisses) {
    // 60 s later every event has long been applied (the projector is far from overload).
    auto b = write_then_read(Distribution::constant(60000));
    b.s.find_node("projector")->work = Distribution::exponential(2.0);
    b.duration(60);
    const auto r = testing::run_report(b.s);
    EXPECT_GT(num(r, {"clients", "web", "read_your_writes", "reads"}), 1000);
    EXPECT_EQ(num(r, {"clients", "web", "read_your_writes", "misses"}), 0);
}

TEST(ReadModel, APausedProjectorMakesEveryReadMissAndTheLagGrow) {
    auto b = write_then_read(Distribution::constant(100));
    b.s.run.warmup_s = 0;
    b.duration(30);
    b.fault(model::FaultKind::pause, "projector", 0);
    runtime::Simulation sim(b.s, {});
    sim.advance_to(kernel::from_s(20));
    const auto r = sim.report();
    EXPECT_GT(num(r, {"clients", "web", "read_your_writes", "reads"}), 500);
    EXPECT_EQ(num(r, {"clients", "web", "read_your_writes", "miss_share"}), 1.0);
    // Every write so far is committed and none applied: the lag counts them all.
    EXPECT_EQ(num(r, {"nodes", "view", "view", "lag"}), num(r, {"nodes", "events", "published"}));
    EXPECT_EQ(num(r, {"nodes", "view", "view", "applied"}), 0);
}

std::string errors_of(const std::string& text) {
    std::string out;
    for (const auto& d : model::parse_scenario(text, "f.json").errors) out += d.to_string() + "\n";
    return out;
}

const char* nodes_text = R"({"format": "flowlab/1", "name": "t", "run": {"duration_s": 10},
"nodes": [
  {"id": "web", "kind": "client", "rate_per_s": 10, "pattern": "write_then_read"},
  {"id": "api", "kind": "service"},
  {"id": "q", "kind": "queue"},
  {"id": "p", "kind": "consumer"},
  {"id": "view", "kind": "read_model", "query_ms": 2}
],
"edges": [)";

TEST(ReadModelValidation, AWriteThenReadClientNeedsAReadAndAWrite) {
    const std::string no_read = std::string(nodes_text) +
                                R"({"from": "web", "to": "api", "mode": "sync"},
  {"from": "api", "to": "q", "mode": "async"}, {"from": "q", "to": "p", "mode": "deliver"},
  {"from": "p", "to": "view", "mode": "sync"}]})";
    EXPECT_NE(errors_of(no_read).find("f.json:3:64: nodes[0].pattern: write_then_read: client "
                                      "'web' has no sync edge to a read_model"),
              std::string::npos)
        << errors_of(no_read);
    const std::string two_reads = std::string(nodes_text) +
                                  R"({"from": "web", "to": "view", "mode": "sync"},
  {"from": "web", "to": "view2", "mode": "sync"}]})";
    const std::string with_view2 = std::string(two_reads).replace(
        two_reads.find("{\"id\": \"view\""), 0, R"({"id": "view2", "kind": "read_model"}, )");
    const std::string e = errors_of(with_view2);
    EXPECT_NE(e.find("edges[1]: client 'web' already reads a read model"), std::string::npos) << e;
    EXPECT_NE(e.find("nodes[0].pattern: write_then_read: client 'web' has no sync edge to a "
                     "service to write through"),
              std::string::npos)
        << e;
}

TEST(ReadModelValidation, KeysOfOtherKindsAndEdgesOutOfAReadModelAreRefused) {
    const std::string text = R"({"format": "flowlab/1", "name": "t", "run": {"duration_s": 10},
"nodes": [{"id": "web", "kind": "client"},
  {"id": "db", "kind": "read_model", "threads": 4}],
"edges": [{"from": "web", "to": "db", "mode": "sync"}, {"from": "db", "to": "web", "mode": "sync"}]})";
    const std::string e = errors_of(text);
    EXPECT_NE(e.find("f.json:3:38: nodes[1].threads: not a parameter of a read_model node (did "
                     "you mean 'connections'?)"),
              std::string::npos)
        << e;
    EXPECT_NE(e.find("edges[1]: cannot connect 'db' (read_model) to 'web' (client)"),
              std::string::npos)
        << e;
}

}  // namespace
}  // namespace flowlab
