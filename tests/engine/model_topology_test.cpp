// model::topology_difference: the one "same topology" test, used by live edits and the
// app's document.

#include <gtest/gtest.h>

#include "flowlab/model/topology.hpp"
#include "scenario_builder.hpp"

namespace flowlab::model {
namespace {

Scenario chain() {
    testing::ScenarioBuilder b;
    b.client("web", 10);
    b.service("api", 4, Distribution::constant(5));
    b.database("db", 2, Distribution::constant(3));
    b.edge("web", "api");
    b.edge("api", "db");
    return b.s;
}

TEST(Topology, ParametersLayoutAndFaultsDoNotChangeIt) {
    const Scenario a = chain();
    Scenario b = a;
    b.nodes[1].threads = 9;
    b.edges[1].timeout_ms = 50;
    b.layout["api"] = {1, 2};
    b.faults.push_back(Fault{});
    EXPECT_EQ(topology_difference(a, b), "");
}

TEST(Topology, SaysWhatChanged) {
    const Scenario a = chain();
    Scenario b = a;
    b.nodes.pop_back();
    EXPECT_EQ(topology_difference(a, b), "nodes were added or removed");
    b = a;
    b.nodes[2].id = "store";
    EXPECT_EQ(topology_difference(a, b), "a node was renamed or replaced");
    b = a;
    b.nodes[2].kind = NodeKind::service;
    EXPECT_EQ(topology_difference(a, b), "a node was renamed or replaced");
    b = a;
    b.edges.pop_back();
    EXPECT_EQ(topology_difference(a, b), "edges were added or removed");
    b = a;
    b.edges[1].to = "web";
    EXPECT_EQ(topology_difference(a, b), "an edge was reconnected");
}

}  // namespace
}  // namespace flowlab::model
