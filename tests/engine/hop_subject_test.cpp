// What a token carries for the app's "inspect a message" (runtime::HopSubject): the
// request or message it belongs to, its attempt, its redeliveries, its trace and the
// nodes it passed, checked against what the scenario makes certain.

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "scenario_builder.hpp"

namespace flowlab {
namespace {

using model::Arrival;
using model::Distribution;
using runtime::Hop;
using runtime::HopKind;
using testing::ScenarioBuilder;

std::vector<std::uint32_t> path_of(const Hop& h) {
    return {h.subject.path.begin(), h.subject.path.begin() + h.subject.path_len};
}

testing::Recorder record(const model::Scenario& s) {
    EXPECT_EQ(testing::problems(s), "");
    testing::Recorder rec;
    runtime::Simulation sim(s);
    sim.set_observer(&rec);
    sim.run_to_end();
    return rec;
}

TEST(HopSubject, SyncHopsNameTheirRequestTraceAndPathFromTheClient) {
    // web(0) -> api(1) -> db(2); every request traced; 50 requests, one at a time.
    ScenarioBuilder b;
    b.client("web", 10).arrival = Arrival::uniform;
    b.service("api", 4, Distribution::constant(1.0));
    b.database("db", 4, Distribution::constant(1.0));
    b.edge("web", "api");
    b.edge("api", "db");
    b.s.trace.sample = 1.0;
    b.requests(50);
    const auto rec = record(b.s);

    std::set<std::uint64_t> ids;
    std::map<std::uint64_t, std::uint64_t> trace_of_request;
    for (const Hop& h : rec.hops) {
        const auto& s = h.subject;
        ASSERT_GE(s.id, 1u);
        ASSERT_LE(s.id, 50u);
        EXPECT_EQ(s.request, s.id);
        EXPECT_EQ(s.attempt, 1);  // no retries configured
        EXPECT_NE(s.trace_id, 0u);
        EXPECT_LE(s.born, h.sent);
        // One trace per request, the same on every hop of it.
        auto [it, fresh] = trace_of_request.emplace(s.id, s.trace_id);
        EXPECT_EQ(it->second, s.trace_id);
        ids.insert(s.id);
        const bool to_db = h.edge == 1;
        std::vector<std::uint32_t> expected;
        if (h.kind == HopKind::request)
            expected = to_db ? std::vector<std::uint32_t>{0, 1} : std::vector<std::uint32_t>{0};
        else
            expected =
                to_db ? std::vector<std::uint32_t>{0, 1, 2} : std::vector<std::uint32_t>{0, 1};
        EXPECT_EQ(path_of(h), expected) << "edge " << h.edge << " kind " << int(h.kind);
    }
    EXPECT_EQ(ids.size(), 50u);
    EXPECT_EQ(rec.hops.size(), 50u * 4);  // two calls there and back per request
}

TEST(HopSubject, RetriedCallsCountTheirAttempts) {
    // The database fails every query; the edge retries twice: attempts 1, 2, 3 per call.
    ScenarioBuilder b;
    b.client("web", 10).arrival = Arrival::uniform;
    b.service("api", 4, Distribution::constant(0.0));
    b.database("db", 4, Distribution::constant(1.0)).failure_rate = 1.0;
    b.edge("web", "api");
    b.edge("api", "db").retry = model::EdgeRetry{.max_retries = 2, .backoff_ms = 1};
    b.requests(20);
    const auto rec = record(b.s);
    std::map<int, int> requests_by_attempt;
    for (const Hop& h : rec.hops)
        if (h.edge == 1 && h.kind == HopKind::request) ++requests_by_attempt[h.subject.attempt];
    EXPECT_EQ(requests_by_attempt, (std::map<int, int>{{1, 20}, {2, 20}, {3, 20}}));
}

TEST(HopSubject, QueueDeliveriesNameTheMessageAndCountRedeliveries) {
    // The work (150 ms) outlasts the visibility timeout (100 ms): each message is received
    // three times (redeliveries 0, 1, 2), then dead-lettered by the queue.
    ScenarioBuilder b;
    b.client("web", 50).arrival = Arrival::uniform;
    b.service("api", 64, Distribution::constant(0.0));
    b.queue("q");
    b.consumer("c", 16, Distribution::constant(150));
    b.dlq("dead");
    b.edge("web", "api");
    b.publish("api", "q");
    b.deliver("q", "c");
    b.dead_letter("q", "dead");
    b.s.nodes[2].visibility_timeout_ms = 100;
    b.s.nodes[2].max_receives = 3;
    b.requests(30);
    const auto rec = record(b.s);

    std::map<std::uint64_t, std::vector<int>> redeliveries;  // by event id
    int dead_letters = 0, publishes = 0;
    for (const Hop& h : rec.hops) {
        if (h.kind == HopKind::publish) {
            ++publishes;
            EXPECT_EQ(h.subject.id, 0u);  // not accepted yet: no event id
            EXPECT_EQ(path_of(h), (std::vector<std::uint32_t>{0, 1}));
        }
        if (h.kind == HopKind::delivery) {
            redeliveries[h.subject.id].push_back(h.subject.redeliveries);
            EXPECT_EQ(path_of(h), std::vector<std::uint32_t>{2});
            EXPECT_LE(h.subject.born, h.sent);
        }
        if (h.kind == HopKind::dead_letter) {
            ++dead_letters;
            EXPECT_EQ(h.subject.redeliveries, 2);
        }
    }
    EXPECT_EQ(publishes, 30);
    EXPECT_EQ(dead_letters, 30);
    ASSERT_EQ(redeliveries.size(), 30u);
    for (const auto& [id, seen] : redeliveries) {
        EXPECT_GE(id, 1u);
        EXPECT_EQ(seen, (std::vector<int>{0, 1, 2})) << "message " << id;
    }
}

TEST(HopSubject, APathLongerThanItsCapKeepsTheNodesNearestTheHop) {
    // A chain of 12 services: the deepest request hop has passed 12 nodes.
    ScenarioBuilder b;
    b.client("web", 10).arrival = Arrival::uniform;
    std::string prev = "web";
    for (int i = 0; i < 12; ++i) {
        std::string id = "s";
        id += std::to_string(i);
        b.service(id, 4, Distribution::constant(0.0));
        b.edge(prev, id);
        prev = id;
    }
    b.requests(1);
    const auto rec = record(b.s);
    const Hop* deepest = nullptr;
    for (const Hop& h : rec.hops)
        if (h.kind == HopKind::request && h.edge == 11) deepest = &h;
    ASSERT_NE(deepest, nullptr);
    EXPECT_TRUE(deepest->subject.path_cut);
    ASSERT_EQ(deepest->subject.path_len, runtime::HopSubject::path_cap);
    // Sender of edge 11 is s10 (node 11); the cap keeps nodes 4..11.
    for (std::size_t i = 0; i < runtime::HopSubject::path_cap; ++i)
        EXPECT_EQ(deepest->subject.path[i], 12 - runtime::HopSubject::path_cap + i);
    EXPECT_EQ(deepest->subject.id, 1u);  // the root is out of the path, not out of reach
}

}  // namespace
}  // namespace flowlab
