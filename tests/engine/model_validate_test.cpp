// Semantic validation of in-memory scenarios (paths, no positions), and how
// parse_scenario locates those diagnostics in the file.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "flowlab/model/parse.hpp"

namespace flowlab::model {
namespace {

Edge edge(const std::string& from, const std::string& to, EdgeMode mode) {
    Edge e;
    e.from = from;
    e.to = to;
    e.mode = mode;
    return e;
}

/// web (client) -> api (service) -> db (database): valid as it stands.
Scenario base() {
    Scenario s;
    s.name = "base";
    s.run.duration_s = 10;
    s.nodes.push_back(make_node(NodeKind::client, "web"));
    s.nodes.push_back(make_node(NodeKind::service, "api"));
    s.nodes.push_back(make_node(NodeKind::database, "db"));
    s.edges.push_back(edge("web", "api", EdgeMode::sync));
    s.edges.push_back(edge("api", "db", EdgeMode::sync));
    return s;
}

std::vector<std::string> problems(const Scenario& s) {
    std::vector<std::string> out;
    for (const auto& d : validate(s)) {
        EXPECT_EQ(d.line, 0);  // validate knows paths only
        out.push_back(d.to_string());
    }
    return out;
}

using Messages = std::vector<std::string>;

TEST(ModelValidate, BaseIsValid) { EXPECT_EQ(problems(base()), Messages{}); }

TEST(ModelValidate, Ids) {
    auto s = base();
    s.nodes.push_back(make_node(NodeKind::dlq, "db"));
    s.nodes.push_back(make_node(NodeKind::dlq, "my dlq"));
    s.nodes.push_back(make_node(NodeKind::dlq, ""));
    EXPECT_EQ(problems(s), (Messages{
                               "nodes[3].id: duplicate id 'db' (first at nodes[2])",
                               "nodes[4].id: must match [A-Za-z0-9_-]+, got \"my dlq\"",
                               "nodes[5].id: must match [A-Za-z0-9_-]+, got \"\"",
                           }));
}

TEST(ModelValidate, DanglingEdgesSuggestTheClosestId) {
    auto s = base();
    s.edges[1].to = "dbb";
    s.edges.push_back(edge("ghost", "api", EdgeMode::sync));
    EXPECT_EQ(problems(s), (Messages{
                               "edges[1].to: no node with id 'dbb' (did you mean 'db'?)",
                               "edges[2].from: no node with id 'ghost'",
                           }));
}

TEST(ModelValidate, ModeMustMatchTheKindsAndSaysWhy) {
    auto s = base();
    s.nodes.push_back(make_node(NodeKind::queue, "jobs"));
    s.edges.push_back(edge("api", "jobs", EdgeMode::sync));
    s.edges.push_back(edge("db", "api", EdgeMode::sync));
    s.edges.push_back(edge("web", "jobs", EdgeMode::async));
    EXPECT_EQ(problems(s), (Messages{
                               "edges[2].mode: must be 'async' from 'api' (service) to 'jobs' "
                               "(queue), not 'sync': a queue or topic "
                               "is not called and waited on: the publisher hands over the message "
                               "and waits only for the broker's ack",
                               "edges[3]: cannot connect 'db' (database) to 'api' (service): a "
                               "database has no outgoing edges",
                               "edges[4]: cannot connect 'web' (client) to 'jobs' (queue): a "
                               "client talks to services; put a service "
                               "in front of the queue or topic",
                           }));
}

TEST(ModelValidate, OneSourcePerConsumerAndOneDeadLetterTargetPerNode) {
    auto s = base();
    for (auto [kind, id] : {std::pair{NodeKind::queue, "q1"},
                            {NodeKind::topic, "t1"},
                            {NodeKind::consumer, "c"},
                            {NodeKind::dlq, "dlq1"},
                            {NodeKind::dlq, "dlq2"}})
        s.nodes.push_back(make_node(kind, id));
    s.edges.push_back(edge("api", "q1", EdgeMode::async));
    s.edges.push_back(edge("api", "t1", EdgeMode::async));
    s.edges.push_back(edge("q1", "c", EdgeMode::deliver));
    s.edges.push_back(edge("t1", "c", EdgeMode::deliver));
    s.edges.push_back(edge("c", "dlq1", EdgeMode::dead_letter));
    s.edges.push_back(edge("c", "dlq2", EdgeMode::dead_letter));
    s.edges.push_back(edge("q1", "dlq2", EdgeMode::dead_letter));  // the queue's own: fine
    EXPECT_EQ(
        problems(s),
        (Messages{
            "edges[5]: consumer 'c' is already fed by 'q1' (edges[4]): a consumer is fed by one "
            "queue or topic; add another consumer instead",
            "edges[7]: 'c' already has a dead_letter edge (edges[6]): given-up messages go to one "
            "place",
        }));
}

TEST(ModelValidate, KeysOnlyOnAsyncEdgesIntoTopics) {
    auto s = base();
    s.nodes.push_back(make_node(NodeKind::queue, "q"));
    s.nodes.push_back(make_node(NodeKind::topic, "t"));
    s.edges[1].keys = 3;
    s.edges.push_back(edge("api", "q", EdgeMode::async));
    s.edges.back().keys = 3;
    s.edges.push_back(edge("api", "t", EdgeMode::async));
    s.edges.back().keys = 3;  // the one place it belongs
    EXPECT_EQ(problems(s), (Messages{"edges[1].keys: applies only to async edges"}));
}

TEST(ModelValidate, CallPoliciesOnlyOnSyncEdges) {
    auto s = base();
    s.nodes.push_back(make_node(NodeKind::queue, "q"));
    s.nodes.push_back(make_node(NodeKind::consumer, "c"));
    s.edges[1].retry = EdgeRetry{};  // a sync call: fine
    s.edges.push_back(edge("api", "q", EdgeMode::async));
    s.edges.back().retry = EdgeRetry{};
    s.edges.push_back(edge("q", "c", EdgeMode::deliver));
    s.edges.back().breaker = Breaker{};
    s.edges.back().latency = Distribution::constant(3);  // any edge has a latency
    EXPECT_EQ(problems(s),
              (Messages{
                  "edges[2].retry: applies only to sync and webhook edges, not to an async edge",
                  "edges[3].breaker: applies only to sync edges, not to a deliver edge",
              }));
}

TEST(ModelValidate, ClientNeedsAnOutgoingSyncEdge) {
    auto s = base();
    s.nodes.push_back(make_node(NodeKind::client, "idle"));
    EXPECT_EQ(problems(s), Messages{"nodes[3]: client 'idle' has no outgoing sync edge: connect it "
                                    "to the service it calls"});
}

TEST(ModelValidate, SyncCycleIsReportedOnceAtTheEdgeThatClosesIt) {
    auto s = base();
    s.nodes.push_back(make_node(NodeKind::service, "b"));
    s.nodes.push_back(make_node(NodeKind::service, "c"));
    s.edges.push_back(edge("api", "b", EdgeMode::sync));
    s.edges.push_back(edge("b", "c", EdgeMode::sync));
    s.edges.push_back(edge("c", "api", EdgeMode::sync));
    EXPECT_EQ(problems(s),
              Messages{"edges[4]: sync call cycle: api -> b -> c -> api (each call would wait for "
                       "itself: threads deadlock)"});
}

TEST(ModelValidate, EachDistinctCycleAndSelfCalls) {
    auto s = base();
    s.nodes.push_back(make_node(NodeKind::service, "b"));
    s.edges.push_back(edge("api", "b", EdgeMode::sync));
    s.edges.push_back(edge("b", "api", EdgeMode::sync));
    s.edges.push_back(edge("b", "b", EdgeMode::sync));
    auto all = problems(s);
    EXPECT_EQ(
        all,
        (Messages{
            "edges[3]: sync call cycle: api -> b -> api (each call would wait for itself: threads "
            "deadlock)",
            "edges[4]: sync call cycle: b -> b (each call would wait for itself: threads deadlock)",
        }));
}

TEST(ModelValidate, ALongCycleIsPrintedWithItsFirstIdsAndHowManyMore) {
    // api -> s0 -> ... -> s19 -> api: 21 nodes, of which the message names the first 8.
    auto s = base();
    std::string previous = "api";
    for (int i = 0; i < 20; ++i) {
        const std::string id = std::string("s").append(std::to_string(i));
        s.nodes.push_back(make_node(NodeKind::service, id));
        s.edges.push_back(edge(previous, id, EdgeMode::sync));
        previous = id;
    }
    s.edges.push_back(edge(previous, "api", EdgeMode::sync));
    EXPECT_EQ(problems(s), Messages{"edges[22]: sync call cycle: api -> s0 -> s1 -> s2 -> s3 -> "
                                    "s4 -> s5 -> s6 -> ... (13 more) -> api (each call would wait "
                                    "for itself: threads deadlock)"});
}

TEST(ModelValidate, ManyCyclesListTheFirstTwentyInFileOrderThenCountTheRest) {
    // A chain api -> s0 -> ... -> s29 where every sN also calls api back: 30 cycles.
    auto s = base();
    std::string previous = "api";
    for (int i = 0; i < 30; ++i) {
        const std::string id = std::string("s").append(std::to_string(i));
        s.nodes.push_back(make_node(NodeKind::service, id));
        s.edges.push_back(edge(previous, id, EdgeMode::sync));
        s.edges.push_back(edge(id, "api", EdgeMode::sync));
        previous = id;
    }
    const auto all = problems(s);
    ASSERT_EQ(all.size(), 21u);
    // The first back edge is edges[3] (s0 -> api); the 21st is s20 -> api, edges[43].
    EXPECT_EQ(all.front(),
              "edges[3]: sync call cycle: api -> s0 -> api (each call would wait "
              "for itself: threads deadlock)");
    EXPECT_EQ(all.back(),
              "edges[43]: and 10 more sync call cycles, the first closed by this "
              "edge (only the first 20 are listed)");
}

TEST(ModelValidate, AsyncLoopsAreNotSyncCycles) {
    // api publishes to q, c consumes and calls api: a loop, but no thread waits on itself.
    auto s = base();
    s.nodes.push_back(make_node(NodeKind::queue, "q"));
    s.nodes.push_back(make_node(NodeKind::consumer, "c"));
    s.edges.push_back(edge("api", "q", EdgeMode::async));
    s.edges.push_back(edge("q", "c", EdgeMode::deliver));
    s.edges.push_back(edge("c", "api", EdgeMode::sync));
    EXPECT_EQ(problems(s), Messages{});
}

TEST(ModelValidate, Ranges) {
    auto s = base();
    s.nodes[1].threads = -2;
    s.nodes[1].failure_rate = 1.5;
    s.nodes[1].work = Distribution::lognormal(20, 10);
    s.nodes[2].threads = 0;  // a database's pool is "connections"
    s.edges[0].timeout_ms = 0.0;
    s.edges[0].retry = EdgeRetry{};
    s.edges[0].retry->multiplier = 0.5;
    s.trace.sample = 2;
    EXPECT_EQ(problems(s), (Messages{
                               "trace.sample: must be a number between 0 and 1, got 2",
                               "nodes[1].threads: must be an integer >= 1, got -2",
                               "nodes[1].work_ms.p99_ms: must be >= median_ms (20), got 10",
                               "nodes[1].failure_rate: must be a number between 0 and 1, got 1.5",
                               "nodes[2].connections: must be an integer >= 1, got 0",
                               "edges[0].timeout_ms: must be a number > 0, got 0",
                               "edges[0].retry.multiplier: must be a number >= 1, got 0.5",
                           }));
}

TEST(ModelValidate, NonFiniteNumbersAreRejected) {
    auto s = base();
    s.nodes[0].rate_per_s = std::numeric_limits<double>::infinity();
    s.layout["web"] = {std::numeric_limits<double>::quiet_NaN(), 0.0};
    EXPECT_EQ(problems(s), (Messages{
                               "nodes[0].rate_per_s: must be a number > 0, got inf",
                               "layout.web: must be [x, y] with finite numbers",
                           }));
}

TEST(ModelValidate, FieldsOfOtherKindsMustKeepTheirDefaults) {
    // They are not saved, so a value there would vanish on the next load.
    auto s = base();
    s.nodes[1].capacity = 10;
    s.nodes[2].rate_per_s = 3;
    s.nodes[1].work = Distribution::exponential(5);  // a service's own: fine
    EXPECT_EQ(problems(s), (Messages{
                               "nodes[1].capacity: not a parameter of a service node",
                               "nodes[2].rate_per_s: not a parameter of a database node",
                           }));
}

TEST(ModelValidate, ADistributionWithAShapeIsNeverABareNumber) {
    auto s = base();
    s.nodes[1].work.kind = Distribution::Kind::exponential;  // bare_number is still true
    s.nodes[1].work.a = 5;
    EXPECT_EQ(problems(s),
              Messages{"nodes[1].work_ms: a non-constant distribution cannot be a bare number "
                       "(Distribution::bare_number must be false)"});
}

TEST(ModelValidate, Run) {
    auto s = base();
    s.run.duration_s.reset();
    EXPECT_EQ(problems(s), Messages{"run: set exactly one of duration_s or requests"});
    s.run.duration_s = 10;
    s.run.requests = 100;
    EXPECT_EQ(problems(s), Messages{"run: set only one of duration_s or requests, not both"});
    s.run.requests.reset();
    s.run.warmup_s = 10;
    EXPECT_EQ(problems(s), Messages{"run.warmup_s: must be less than duration_s (10), got 10"});
    s.run.warmup_s = 9.5;
    EXPECT_EQ(problems(s), Messages{});
}

TEST(ModelValidate, Faults) {
    auto s = base();
    s.nodes.push_back(make_node(NodeKind::consumer, "c"));
    auto fault = [&](FaultKind kind, const std::string& target) -> Fault& {
        Fault f;
        f.kind = kind;
        f.target = target;
        f.at_s = 1;
        s.faults.push_back(f);
        return s.faults.back();
    };
    fault(FaultKind::hang, "db");                    // fine
    fault(FaultKind::crash, "c").for_s = 5;          // fine
    fault(FaultKind::crash, "api");                  // wrong kind
    fault(FaultKind::down, "dbx");                   // no such node
    fault(FaultKind::slow, "api");                   // no effect
    fault(FaultKind::down, "api").factor = 2;        // not a down fault's parameter
    fault(FaultKind::spike, "web").rate_per_s = -1;  // out of range
    fault(FaultKind::poison, "db").count = 5;        // a database is not a broker
    EXPECT_EQ(
        problems(s),
        (Messages{
            "faults[2].fault: 'crash' applies to consumer nodes, not to 'api' (a service)",
            "faults[3].target: no node with id 'dbx' (did you mean 'db'?)",
            "faults[4]: a slow fault needs extra_ms > 0 or a factor other than 1",
            "faults[5].factor: not a parameter of a down fault",
            "faults[6].rate_per_s: must be a number >= 0, got -1",
            "faults[7].fault: 'poison' applies to queue and topic nodes, not to 'db' (a database)",
        }));
}

TEST(ModelValidate, LayoutIdsMustExist) {
    auto s = base();
    s.layout["api"] = {1, 2};
    s.layout["apx"] = {1, 2};
    EXPECT_EQ(problems(s), Messages{"layout.apx: no node with id 'apx' (did you mean 'api'?)"});
}

TEST(ModelValidate, AutoscaleAtLeastConcurrency) {
    auto s = base();
    s.nodes.push_back(make_node(NodeKind::consumer, "c"));
    s.nodes.back().concurrency = 4;
    s.nodes.back().autoscale = Autoscale{};
    s.nodes.back().autoscale->max = 2;
    EXPECT_EQ(problems(s),
              Messages{"nodes[3].autoscale.max: must be at least concurrency (4), got 2"});
}

TEST(ModelValidate, TextMustBeUtf8SoItCanBeSavedAndLoaded) {
    auto s = base();
    s.nodes[1].label = "caf\xE9";
    s.lesson = Lesson{};
    s.lesson->try_next = {"ok", "\xFF"};
    EXPECT_EQ(problems(s), (Messages{
                               "nodes[1].label: is not valid UTF-8 text",
                               "lesson.try[1]: is not valid UTF-8 text",
                           }));
}

// --- positions added by parse_scenario ----------------------------------------------------

TEST(ModelValidateParsed, SemanticDiagnosticsGetTheirValuesPosition) {
    std::string text = R"({
  "format": "flowlab/1",
  "run": {"duration_s": 5, "warmup_s": 5},
  "nodes": [
    {"id": "web", "kind": "client", "rate_per_s": 1},
    {"id": "api", "kind": "service"},
    {"id": "q", "kind": "queue"}
  ],
  "edges": [
    {"from": "web", "to": "api", "mode": "sync"},
    {"from": "api", "to": "q", "mode": "sync"}
  ]
})";
    auto r = parse_scenario(text, "s.json");
    std::vector<std::string> got;
    for (const auto& d : r.errors) got.push_back(d.to_string());
    EXPECT_EQ(got, (Messages{
                       "s.json:3:40: run.warmup_s: must be less than duration_s (5), got 5",
                       "s.json:11:40: edges[1].mode: must be 'async' from 'api' (service) to 'q' "
                       "(queue), not 'sync': "
                       "a queue or topic is not called and waited on: the publisher hands over the "
                       "message and "
                       "waits only for the broker's ack",
                   }));
}

TEST(ModelValidateParsed, ADefaultedKeyIsLocatedAtItsObject) {
    // autoscale.max is not written: the message points at the autoscale object.
    std::string text = R"({"format": "flowlab/1", "run": {"duration_s": 5}, "nodes": [
  {"id": "c", "kind": "consumer", "concurrency": 20, "autoscale": {"depth_per_instance": 9}}
]})";
    auto r = parse_scenario(text, "s.json");
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].to_string(),
              "s.json:2:67: nodes[0].autoscale.max: must be at least concurrency (20), got 16");
}

TEST(ModelValidateParsed, ValidateOfAParsedScenarioIsClean) {
    std::string text = R"({"format": "flowlab/1", "run": {"requests": 50}, "nodes": [
  {"id": "web", "kind": "client", "rate_per_s": 2},
  {"id": "api", "kind": "service", "work_ms": {"dist": "uniform", "min_ms": 0, "max_ms": 3}}],
  "edges": [{"from": "web", "to": "api", "mode": "sync", "breaker": {"window": 5}}]})";
    auto r = parse_scenario(text);
    ASSERT_TRUE(r.ok()) << r.errors[0].to_string();
    EXPECT_EQ(problems(*r.scenario), Messages{});
}

}  // namespace
}  // namespace flowlab::model
