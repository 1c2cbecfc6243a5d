// The parameter tables: what each kind accepts, defaults that agree with the structs,
// accessors that reach the right fields, and the checks the inspector reuses.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "flowlab/model/schema.hpp"

namespace flowlab::model {
namespace {

template <class Owner>
std::vector<std::string> keys(const std::vector<Param<Owner>>& params) {
    std::vector<std::string> out;
    for (const auto& p : params) out.push_back(p.key);
    return out;
}

using Keys = std::vector<std::string>;

TEST(ModelSchema, KeysPerKindFollowTheSpecTable) {
    EXPECT_EQ(keys(node_params(NodeKind::client)),
              (Keys{"rate_per_s", "arrival", "timeout_ms", "pattern", "poll_interval_ms",
                    "read_delay_ms"}));
    EXPECT_EQ(keys(node_params(NodeKind::service)),
              (Keys{"threads", "backlog", "work_ms", "failure_rate", "calls", "threading",
                    "max_inflight"}));
    EXPECT_EQ(keys(node_params(NodeKind::database)),
              (Keys{"connections", "backlog", "query_ms", "failure_rate"}));
    EXPECT_EQ(keys(node_params(NodeKind::queue)),
              (Keys{"capacity", "ack_ms", "visibility_timeout_ms", "max_receives", "delivery"}));
    EXPECT_EQ(keys(node_params(NodeKind::topic)),
              (Keys{"partitions", "capacity", "on_full", "ack_ms", "retention_ms",
                    "retention_messages"}));
    EXPECT_EQ(keys(node_params(NodeKind::consumer)),
              (Keys{"concurrency", "work_ms", "failure_rate", "poison_rate", "retry", "idempotent",
                    "autoscale", "join_at_s", "start", "start_at_s", "on_failure_publish"}));
    EXPECT_TRUE(node_params(NodeKind::dlq).empty());
    EXPECT_EQ(keys(node_params(NodeKind::read_model)),
              (Keys{"connections", "backlog", "query_ms", "failure_rate"}));
    EXPECT_EQ(keys(node_params(NodeKind::orchestrator)),
              (Keys{"threads", "backlog", "work_ms", "failure_rate"}));
    EXPECT_EQ(keys(edge_params()), (Keys{"latency_ms", "timeout_ms", "retry", "breaker", "fallback",
                                         "optional", "keys", "compensate"}));
    EXPECT_EQ(keys(fault_params(FaultKind::slow)), (Keys{"at_s", "for_s", "extra_ms", "factor"}));
    EXPECT_EQ(keys(fault_params(FaultKind::poison)), (Keys{"at_s", "for_s", "count"}));
    EXPECT_EQ(keys(fault_params(FaultKind::down)), (Keys{"at_s", "for_s"}));
}

/// Every table's default equals what the struct (or make_node) starts with, so "omit
/// the default when saving" and "a missing key means the default" are the same thing.
template <class Owner>
void expect_defaults_match(const std::vector<Param<Owner>>& params, const Owner& fresh,
                           const std::string& where) {
    for (const auto& p : params) {
        if (p.required) continue;  // always written; its default only seeds new objects in the GUI
        EXPECT_EQ(p.get(fresh), p.default_value) << where << "." << p.key;
        if (p.type == ParamType::group) {
            Owner with_group = fresh;
            p.set(with_group, true);
            for (const auto& f : p.fields)
                EXPECT_EQ(f.get(with_group), f.default_value)
                    << where << "." << p.key << "." << f.key;
        }
    }
}

TEST(ModelSchema, DefaultsAgreeWithTheStructs) {
    for (std::size_t k = 0; k < node_kind_names().size(); ++k) {
        auto kind = static_cast<NodeKind>(k);
        expect_defaults_match(node_params(kind), make_node(kind, "x"), to_string(kind));
    }
    expect_defaults_match(edge_params(), Edge{}, "edge");
    for (std::size_t k = 0; k < fault_kind_names().size(); ++k)
        expect_defaults_match(fault_params(static_cast<FaultKind>(k)), Fault{}, "fault");
    expect_defaults_match(run_params(), RunSettings{}, "run");
    expect_defaults_match(trace_params(), TraceSettings{}, "trace");
    EXPECT_EQ(find_node_param(NodeKind::queue, "ack_ms")->default_value,
              ParamValue(Distribution::constant(2)));
    EXPECT_EQ(find_node_param(NodeKind::topic, "ack_ms")->default_value,
              ParamValue(Distribution::constant(5)));
}

TEST(ModelSchema, AccessorsReachTheSharedFields) {
    Node db = make_node(NodeKind::database, "db");
    const auto* connections = find_node_param(NodeKind::database, "connections");
    ASSERT_TRUE(connections);
    EXPECT_EQ(connections->field, "threads");
    connections->set(db, std::int64_t{3});
    EXPECT_EQ(db.threads, 3);
    find_node_param(NodeKind::database, "query_ms")->set(db, Distribution::exponential(4));
    EXPECT_EQ(db.work, Distribution::exponential(4));
    // A plain number given to a distribution is a constant.
    find_node_param(NodeKind::database, "query_ms")->set(db, 2.5);
    EXPECT_EQ(db.work, Distribution::constant(2.5));
    EXPECT_EQ(find_node_param(NodeKind::database, "threads"), nullptr);
}

TEST(ModelSchema, OptionalsChoicesAndGroups) {
    Node c = make_node(NodeKind::consumer, "c");
    const auto* retry = find_node_param(NodeKind::consumer, "retry");
    ASSERT_TRUE(retry);
    ASSERT_EQ(retry->type, ParamType::group);
    EXPECT_EQ(retry->get(c), ParamValue(false));
    // Setting a field creates the group with defaults for the other fields.
    retry->fields.at(0).set(c, std::int64_t{9});
    ASSERT_TRUE(c.retry);
    EXPECT_EQ(c.retry->max_attempts, 9);
    EXPECT_EQ(c.retry->backoff_ms, 100.0);
    EXPECT_EQ(retry->get(c), ParamValue(true));
    retry->set(c, false);
    EXPECT_FALSE(c.retry);

    Node q = make_node(NodeKind::queue, "q");
    const auto* capacity = find_node_param(NodeKind::queue, "capacity");
    EXPECT_EQ(capacity->type, ParamType::optional_integer);
    EXPECT_EQ(capacity->absent, "unbounded");
    capacity->set(q, std::int64_t{100});
    EXPECT_EQ(q.capacity, 100);
    capacity->set(q, std::monostate{});
    EXPECT_FALSE(q.capacity);
    const auto* delivery = find_node_param(NodeKind::queue, "delivery");
    EXPECT_EQ(delivery->choices, (Keys{"unordered", "fifo"}));
    delivery->set(q, std::string("fifo"));
    EXPECT_EQ(q.delivery, Delivery::fifo);
    EXPECT_EQ(delivery->get(q), ParamValue(std::string("fifo")));

    Edge e;
    find_edge_param("fallback")->set(e, std::string("default"));
    EXPECT_EQ(e.fallback, Fallback::default_value);
}

TEST(ModelSchema, ChecksAndDescriptions) {
    const auto& threads = *find_node_param(NodeKind::service, "threads");
    EXPECT_EQ(describe_expected(threads), "an integer >= 1");
    EXPECT_TRUE(check_param(threads, std::int64_t{8}).empty());
    auto low = check_param(threads, std::int64_t{-2});
    ASSERT_EQ(low.size(), 1u);
    EXPECT_EQ(low[0].message, "must be an integer >= 1, got -2");
    EXPECT_EQ(check_param(threads, std::int64_t{100001}).at(0).message,
              "must be an integer <= 100000, got 100001");
    EXPECT_EQ(check_param(threads, 2.5).at(0).message, "must be an integer >= 1, got 2.5");
    EXPECT_EQ(check_param(threads, std::string("x")).at(0).message,
              "must be an integer >= 1, got \"x\"");

    const auto& ratio = *find_edge_param("breaker");
    EXPECT_EQ(describe_expected(ratio.fields.at(1)), "a number > 0 and <= 1");
    const auto& timeout = *find_edge_param("timeout_ms");
    EXPECT_TRUE(check_param(timeout, std::monostate{}).empty());  // absent: no timeout
    EXPECT_EQ(check_param(timeout, 0.0).at(0).message, "must be a number > 0, got 0");

    const auto& work = *find_node_param(NodeKind::service, "work_ms");
    auto lognormal = check_param(work, Distribution::lognormal(-1, -5));
    ASSERT_EQ(lognormal.size(), 2u);
    EXPECT_EQ(lognormal[0].subpath, ".median_ms");
    EXPECT_EQ(lognormal[0].message, "must be a number > 0, got -1");
    EXPECT_EQ(lognormal[1].subpath, ".p99_ms");
    EXPECT_EQ(lognormal[1].message, "must be >= median_ms (-1), got -5");
    EXPECT_TRUE(check_param(work, Distribution::uniform(0, 0)).empty());
    EXPECT_EQ(check_param(work, Distribution::constant(-1)).at(0).message,
              "must be a number >= 0, got -1");

    EXPECT_EQ(format_param_value(Distribution::uniform(1, 9)),
              "{\"dist\": \"uniform\", \"min_ms\": 1, \"max_ms\": 9}");
    EXPECT_EQ(format_param_value(std::monostate{}), "none");
    EXPECT_EQ(format_number(100000), "100000");
    EXPECT_EQ(format_number(0.1), "0.1");
    EXPECT_EQ(format_number(1e20), "1e+20");
    EXPECT_EQ(format_number(-0.5), "-0.5");
}

TEST(ModelSchema, WhichEdgesTakeWhichParameters) {
    EXPECT_TRUE(edge_param_applies("timeout_ms", EdgeMode::sync, std::nullopt));
    EXPECT_FALSE(edge_param_applies("retry", EdgeMode::async, NodeKind::queue));
    EXPECT_TRUE(edge_param_applies("optional", EdgeMode::sync, NodeKind::database));
    EXPECT_FALSE(edge_param_applies("breaker", EdgeMode::deliver, NodeKind::consumer));
    EXPECT_FALSE(edge_param_applies("fallback", EdgeMode::dead_letter, NodeKind::dlq));
    EXPECT_TRUE(edge_param_applies("keys", EdgeMode::async, NodeKind::topic));
    EXPECT_TRUE(edge_param_applies("keys", EdgeMode::async, NodeKind::queue));  // per-key fifo
    EXPECT_TRUE(edge_param_applies("timeout_ms", EdgeMode::async,
                                   NodeKind::topic));  // bounds a blocked publish
    EXPECT_FALSE(edge_param_applies("timeout_ms", EdgeMode::deliver, NodeKind::consumer));
    EXPECT_FALSE(edge_param_applies("keys", EdgeMode::sync, std::nullopt));
    for (auto mode : {EdgeMode::sync, EdgeMode::async, EdgeMode::deliver, EdgeMode::dead_letter})
        EXPECT_TRUE(edge_param_applies("latency_ms", mode, std::nullopt));
}

TEST(ModelSchema, FaultTargetsFollowTheSpecTable) {
    using N = NodeKind;
    // A client's `down` is its webhook endpoint's.
    EXPECT_EQ(fault_targets(FaultKind::down),
              (std::vector<N>{N::service, N::database, N::cache, N::rate_limiter, N::client,
                              N::read_model, N::orchestrator}));
    EXPECT_EQ(fault_targets(FaultKind::reset), (std::vector<N>{N::consumer}));
    EXPECT_EQ(keys(fault_params(FaultKind::reset)), (Keys{"at_s", "to", "to_at_s"}));
    EXPECT_EQ(fault_targets(FaultKind::slow), (std::vector<N>{N::service, N::database, N::consumer,
                                                              N::read_model, N::orchestrator}));
    EXPECT_EQ(fault_targets(FaultKind::pause), (std::vector<N>{N::consumer}));
    EXPECT_EQ(fault_targets(FaultKind::spike), (std::vector<N>{N::client}));
    EXPECT_EQ(fault_targets(FaultKind::poison), (std::vector<N>{N::queue, N::topic}));
    EXPECT_TRUE(fault_applies_to(FaultKind::errors, N::consumer));
    EXPECT_FALSE(fault_applies_to(FaultKind::hang, N::consumer));
}

TEST(ModelSchema, EnumNamesMatchToString) {
    for (std::size_t k = 0; k < node_kind_names().size(); ++k) {
        EXPECT_EQ(node_kind_names()[k], to_string(static_cast<NodeKind>(k)));
        EXPECT_EQ(parse_node_kind(node_kind_names()[k]), static_cast<NodeKind>(k));
    }
    for (std::size_t k = 0; k < edge_mode_names().size(); ++k)
        EXPECT_EQ(edge_mode_names()[k], to_string(static_cast<EdgeMode>(k)));
    for (std::size_t k = 0; k < fault_kind_names().size(); ++k)
        EXPECT_EQ(fault_kind_names()[k], to_string(static_cast<FaultKind>(k)));
    EXPECT_FALSE(parse_fault_kind("melt"));
}

}  // namespace
}  // namespace flowlab::model
