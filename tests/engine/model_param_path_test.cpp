// Parameter paths (model/param_path.hpp): one lookup for the CLI's sweep, the app's
// inspector and its document.

#include <gtest/gtest.h>

#include "flowlab/model/param_path.hpp"
#include "scenario_builder.hpp"

namespace flowlab::model {
namespace {

Scenario three_tier() {
    testing::ScenarioBuilder b;
    b.client("web", 10);
    b.service("api", 4, Distribution::constant(5));
    b.database("db", 2, Distribution::constant(3));
    b.edge("web", "api");
    b.edge("api", "db").timeout_ms = 100;
    b.s.run.duration_s = 5;
    return b.s;
}

TEST(ParamPath, NamesNodesByIdOrPositionAndEdgesByEndsOrPosition) {
    Scenario s = three_tier();
    const auto by_id = find_param(s, "nodes.db.connections");
    ASSERT_TRUE(by_id);
    EXPECT_EQ(by_id->info().key, "connections");
    EXPECT_EQ(std::get<std::int64_t>(by_id->get(s)), 2);
    const auto by_position = find_param(s, "nodes.2.connections");
    ASSERT_TRUE(by_position);
    by_position->set(s, ParamValue(std::int64_t{7}));
    EXPECT_EQ(s.nodes[2].threads, 7) << "a database's connections are its threads";
    EXPECT_EQ(std::get<std::int64_t>(by_id->get(s)), 7);

    const auto edge = find_param(s, "edges.api->db.timeout_ms");
    ASSERT_TRUE(edge);
    EXPECT_EQ(std::get<double>(edge->get(s)), 100.0);
    find_param(s, "edges.1.timeout_ms")->set(s, ParamValue(250.0));
    EXPECT_EQ(s.edges[1].timeout_ms, 250.0);
}

TEST(ParamPath, GroupFieldsAndRunSettings) {
    Scenario s = three_tier();
    const auto group = find_param(s, "edges.api->db.retry");
    ASSERT_TRUE(group);
    EXPECT_EQ(group->info().type, ParamType::group);
    EXPECT_FALSE(std::get<bool>(group->get(s)));
    find_param(s, "edges.api->db.retry.max_retries")->set(s, ParamValue(std::int64_t{3}));
    ASSERT_TRUE(s.edges[1].retry);
    EXPECT_EQ(s.edges[1].retry->max_retries, 3) << "setting a field creates its group";
    find_param(s, "run.duration_s")->set(s, ParamValue(9.0));
    EXPECT_EQ(s.run.duration_s, 9.0);
    EXPECT_TRUE(find_param(s, "trace.sample"));
}

TEST(ParamPath, APathThatNamesNothingSaysWhatIsThere) {
    const Scenario s = three_tier();
    std::string why;
    EXPECT_FALSE(find_param(s, "nodes.dbx.connections", &why));
    EXPECT_EQ(why, "'nodes' has no element with id 'dbx' (there: web, api, db)");
    EXPECT_FALSE(find_param(s, "edges.db->api.timeout_ms", &why));
    EXPECT_EQ(why, "'edges' has no edge 'db->api' (there: web->api, api->db)");
    EXPECT_FALSE(find_param(s, "nodes.7.threads", &why));
    EXPECT_EQ(why, "'nodes' has 3 elements, so no element 7");
    EXPECT_FALSE(find_param(s, "nodes.api.connections", &why)) << "a service has threads";
    EXPECT_EQ(why, "no parameter 'connections' there");
    EXPECT_FALSE(find_param(s, "nodes.api.threads.x", &why));
    EXPECT_FALSE(find_param(s, "seed", &why));
    EXPECT_FALSE(find_param(s, "nodes.api", &why));
}

}  // namespace
}  // namespace flowlab::model
