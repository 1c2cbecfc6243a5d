// Caches and rate limiters in the scenario format: their keys, defaults, located errors
// and the edges they may have.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "flowlab/model/parse.hpp"
#include "flowlab/model/save.hpp"
#include "flowlab/model/schema.hpp"

namespace flowlab::model {
namespace {

std::string file(const std::string& proxy, const std::string& edges) {
    return R"({"format": "flowlab/1", "name": "p", "run": {"duration_s": 10},
  "nodes": [
    {"id": "web", "kind": "client", "rate_per_s": 10},
    )" + proxy +
           R"(,
    {"id": "db", "kind": "database"},
    {"id": "q", "kind": "queue"}
  ],
  "edges": [)" +
           edges + "]}";
}

std::vector<std::string> errors(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& d : parse_scenario(text, "p.json").errors) out.push_back(d.to_string());
    return out;
}

const std::string cache_edges = R"({"from": "web", "to": "c", "mode": "sync"},
    {"from": "c", "to": "db", "mode": "sync"})";

TEST(ProxyNodes, CacheReadsAndSavesItsKeys) {
    const auto r = parse_scenario(file(R"({"id": "c", "kind": "cache", "capacity": 50,
      "ttl_ms": 500, "keys": 2000, "popularity": "zipf", "zipf_s": 0.8, "lookup_ms": 2})",
                                       cache_edges));
    ASSERT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].to_string());
    const Node& c = *r.scenario->find_node("c");
    EXPECT_EQ(c.kind, NodeKind::cache);
    EXPECT_EQ(c.entries, 50);
    EXPECT_EQ(c.ttl_ms, 500);
    EXPECT_EQ(c.key_space, 2000);
    EXPECT_EQ(c.zipf_s, 0.8);
    EXPECT_EQ(c.work.mean_ms(), 2);
    const auto again = parse_scenario(to_json_text(*r.scenario));
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again.scenario, *r.scenario);
}

TEST(ProxyNodes, LocatedErrors) {
    // capacity is required; a queue's key is not a cache's; values are range-checked.
    EXPECT_EQ(errors(file(R"({"id": "c", "kind": "cache"})", cache_edges)),
              std::vector<std::string>{"p.json:4:5: nodes[1]: missing required key 'capacity' "
                                       "for a cache node"});
    const auto bad = errors(file(R"({"id": "c", "kind": "cache", "capacity": 0,
      "popularity": "pareto"})",
                                 cache_edges));
    ASSERT_EQ(bad.size(), 2u);
    EXPECT_NE(bad[0].find("nodes[1].capacity: must be an integer"), std::string::npos) << bad[0];
    EXPECT_NE(bad[1].find("nodes[1].popularity"), std::string::npos) << bad[1];
    const auto burst = errors(file(R"({"id": "l", "kind": "rate_limiter", "rate_per_s": 5,
      "burst": 0})",
                                   R"({"from": "web", "to": "l", "mode": "sync"},
    {"from": "l", "to": "db", "mode": "sync"})"));
    ASSERT_EQ(burst.size(), 1u);
    EXPECT_NE(burst[0].find("nodes[1].burst: must be an integer >= 1"), std::string::npos)
        << burst[0];
}

TEST(ProxyNodes, EachStandsInFrontOfExactlyOneCallee) {
    EXPECT_EQ(errors(file(R"({"id": "c", "kind": "cache", "capacity": 5})",
                          R"({"from": "web", "to": "c", "mode": "sync"})")),
              std::vector<std::string>{
                  "p.json:4:5: nodes[1]: cache 'c' needs the service or database it answers "
                  "for on a miss: connect it with one sync edge"});
    const auto two = errors(file(R"({"id": "l", "kind": "rate_limiter", "rate_per_s": 5})",
                                 R"({"from": "web", "to": "l", "mode": "sync"},
    {"from": "l", "to": "db", "mode": "sync"}, {"from": "l", "to": "db", "mode": "sync"})"));
    ASSERT_EQ(two.size(), 1u);
    EXPECT_NE(two[0].find("edges[2]: 'l' already calls 'db' (edges[1])"), std::string::npos)
        << two[0];
    const auto queue = errors(file(R"({"id": "c", "kind": "cache", "capacity": 5})",
                                   R"({"from": "web", "to": "c", "mode": "sync"},
    {"from": "c", "to": "q", "mode": "async"})"));
    ASSERT_EQ(queue.size(), 2u);
    EXPECT_NE(queue[0].find("nodes[1]: cache 'c' needs"), std::string::npos) << queue[0];
    EXPECT_NE(queue[1].find("edges[1]: cannot connect 'c' (cache) to 'q' (queue): a cache "
                            "answers from a service or database behind it"),
              std::string::npos)
        << queue[1];
}

TEST(ProxyNodes, SchemaKeys) {
    auto keys = [](NodeKind kind) {
        std::vector<std::string> out;
        for (const auto& p : node_params(kind)) out.push_back(p.key);
        return out;
    };
    EXPECT_EQ(keys(NodeKind::cache), (std::vector<std::string>{"capacity", "ttl_ms", "lookup_ms",
                                                               "keys", "popularity", "zipf_s"}));
    EXPECT_EQ(keys(NodeKind::rate_limiter), (std::vector<std::string>{"rate_per_s", "burst"}));
    EXPECT_TRUE(fault_applies_to(FaultKind::down, NodeKind::cache));
    EXPECT_FALSE(fault_applies_to(FaultKind::hang, NodeKind::rate_limiter));
}

TEST(ProxyNodes, EdgeModes) {
    EXPECT_EQ(edge_mode_between(NodeKind::client, NodeKind::cache), EdgeMode::sync);
    EXPECT_EQ(edge_mode_between(NodeKind::service, NodeKind::rate_limiter), EdgeMode::sync);
    EXPECT_EQ(edge_mode_between(NodeKind::rate_limiter, NodeKind::cache), EdgeMode::sync);
    EXPECT_EQ(edge_mode_between(NodeKind::rate_limiter, NodeKind::service), EdgeMode::sync);
    EXPECT_EQ(edge_mode_between(NodeKind::cache, NodeKind::database), EdgeMode::sync);
    EXPECT_EQ(edge_mode_between(NodeKind::cache, NodeKind::rate_limiter), std::nullopt);
    EXPECT_EQ(edge_mode_between(NodeKind::queue, NodeKind::cache), std::nullopt);
    EXPECT_EQ(edge_mode_between(NodeKind::rate_limiter, NodeKind::queue), std::nullopt);
}

}  // namespace
}  // namespace flowlab::model
