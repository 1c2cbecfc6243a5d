// Values the file format accepts syntactically but the engine cannot honour exactly are
// refused at load time, located, instead of wrapping the nanosecond clock, freezing it or
// looping (issue: "No input hangs, crashes or fools FlowLab"). Each input is data.

#include <gtest/gtest.h>

#include "flowlab/model/parse.hpp"
#include "flowlab/model/schema.hpp"
#include "flowlab/runtime/simulation.hpp"

namespace flowlab::model {
namespace {

std::string scenario_with(const std::string& client_extra, const std::string& service_extra,
                          const std::string& run = R"("duration_s": 5)",
                          const std::string& rate = "20") {
    return R"({"format": "flowlab/1", "run": {)" + run + R"(},
  "nodes": [
    {"id": "web", "kind": "client", "rate_per_s": )" +
           rate + client_extra + R"(},
    {"id": "api", "kind": "service")" +
           service_extra + R"(}
  ],
  "edges": [{"from": "web", "to": "api", "mode": "sync"}]})";
}

/// The one diagnostic for `text`, which must be located and name `path`.
void expect_refused(const std::string& text, const std::string& path) {
    const ParseResult r = parse_scenario(text, "x.json");
    ASSERT_FALSE(r.ok()) << "accepted: " << text;
    bool found = false;
    for (const auto& d : r.errors)
        if (d.path == path) {
            found = true;
            EXPECT_GT(d.line, 0) << d.to_string();
            EXPECT_GT(d.column, 0) << d.to_string();
        }
    EXPECT_TRUE(found) << "no error at " << path << ": " << r.errors[0].to_string();
}

TEST(ExtremeValues, TimesPastTheClockAreRefusedWhereTheyAre) {
    // 1e13 ms of client timeout used to wrap to a negative time: every request timed out at 0.
    expect_refused(scenario_with(R"(, "timeout_ms": 1e13)", ""), "nodes[0].timeout_ms");
    expect_refused(scenario_with("", R"(, "work_ms": 1e308)"), "nodes[1].work_ms");
    expect_refused(
        scenario_with("", R"(, "work_ms": {"dist": "uniform", "min_ms": 1, "max_ms": 1e300})"),
        "nodes[1].work_ms.max_ms");
    // duration_s 1e12 used to run 0 s and exit 0.
    expect_refused(scenario_with("", "", R"("duration_s": 1e12)"), "run.duration_s");
}

TEST(ExtremeValues, GapsThatRoundToZeroAreRefused) {
    // Each of these froze virtual time at t = 0 (or grew memory without bound).
    expect_refused(scenario_with(R"(, "pattern": "job", "poll_interval_ms": 1e-7)", ""),
                   "nodes[0].poll_interval_ms");
    expect_refused(scenario_with("", "", R"("duration_s": 5)", "1e12"), "nodes[0].rate_per_s");
    expect_refused(scenario_with("", "", R"("duration_s": 5)", "5e-324"), "nodes[0].rate_per_s");
}

TEST(ExtremeValues, TheLimitsThemselvesLoadAndRun) {
    const ParseResult r = parse_scenario(
        scenario_with(R"(, "timeout_ms": 1e12)",
                      R"(, "work_ms": {"dist": "uniform", "min_ms": 5, "max_ms": 5})"),
        "x.json");
    ASSERT_TRUE(r.ok()) << r.errors[0].to_string();
    runtime::Simulation sim(*r.scenario);
    sim.run_to_end();
    const auto report = sim.report();
    const auto& web = report.at("clients").at("web").as_object();
    EXPECT_GT(web.at("requests").to_number<double>(), 0);
    EXPECT_EQ(web.at("ok").to_number<double>(), web.at("requests").to_number<double>());
    EXPECT_EQ(web.at("timed_out").to_number<double>(), 0);
}

}  // namespace
}  // namespace flowlab::model

namespace flowlab::model {
namespace {

// A "\u0000" in a label reached the CLI's table output as a raw NUL byte.
TEST(ExtremeValues, NamesAndLabelsAreOneLineWithoutControlCharacters) {
    const std::string text =
        R"({"format": "flowlab/1", "name": "tab\there", "run": {"duration_s": 1},
  "nodes": [{"id": "web", "kind": "client", "rate_per_s": 5, "label": "nul\u0000here"},
            {"id": "api", "kind": "service", "label": "two\nlines"}],
  "edges": [{"from": "web", "to": "api", "mode": "sync"}]})";
    const ParseResult r = parse_scenario(text, "x.json");
    ASSERT_FALSE(r.ok());
    std::vector<std::string> paths;
    for (const auto& d : r.errors) {
        paths.push_back(d.path);
        EXPECT_EQ(d.message, "must be one line of text, without control characters");
        EXPECT_GT(d.line, 0);
    }
    EXPECT_EQ(paths, (std::vector<std::string>{"name", "nodes[0].label", "nodes[1].label"}));
}

}  // namespace
}  // namespace flowlab::model

namespace flowlab::model {
namespace {

// `validate` and `run` agree on every limit: what a run would refuse (or work on for days)
// is refused at load time, located.

/// One client and `extra` (nodes, then edges, each a comma-led list of JSON objects).
std::string scenario_with_many(const std::string& extra_nodes, const std::string& extra_edges) {
    return R"({"format": "flowlab/1", "run": {"duration_s": 1}, "nodes": [
  {"id": "web", "kind": "client", "rate_per_s": 1}, {"id": "api", "kind": "service"})" +
           extra_nodes + R"(], "edges": [{"from": "web", "to": "api", "mode": "sync"})" +
           extra_edges + "]}";
}

TEST(RunLimits, MoreConsumersThanTheEngineCanNameAreRefusedAtTheFirstOneTooMany) {
    // 70,000 consumers passed validate; run refused them after 306 s ("more than 65535").
    std::string nodes = R"(, {"id": "q", "kind": "queue"})";
    std::string edges;
    for (int i = 0; i < 70000; ++i) {
        const std::string id = std::string("c").append(std::to_string(i));
        nodes += R"(, {"id": ")" + id + R"(", "kind": "consumer"})";
        edges += R"(, {"from": "q", "to": ")" + id + R"(", "mode": "deliver"})";
    }
    // nodes[0..2] are web, api and q: consumer number 65536 is nodes[65538].
    expect_refused(scenario_with_many(nodes, edges), "nodes[65538]");
}

TEST(RunLimits, MoreOutgoingEdgesThanAnInvocationCanCountAreRefused) {
    // api calls 65,535 databases: one more than an invocation counts in 16 bits.
    std::string nodes, edges;
    for (std::size_t i = 0; i <= max_outgoing_edges; ++i) {
        const std::string id = std::string("d").append(std::to_string(i));
        nodes += R"(, {"id": ")" + id + R"(", "kind": "database"})";
        edges += R"(, {"from": "api", "to": ")" + id + R"(", "mode": "sync"})";
    }
    // edges[0] is web -> api; api's call number 65535 is edges[65535].
    expect_refused(scenario_with_many(nodes, edges), "edges[65535]");
}

TEST(RunLimits, ARunLongerThanTheEngineFinishesIsRefused) {
    // 1e6 requests/s for 1e4 s is 1e10 requests: days of computing. At the limit it loads.
    expect_refused(scenario_with("", "", R"("duration_s": 10000)", "1e6"), "run.duration_s");
    expect_refused(scenario_with("", "", R"("requests": 2000000000)"), "run.requests");
    EXPECT_TRUE(parse_scenario(scenario_with("", "", R"("duration_s": 1000)", "1e6")).ok());
    EXPECT_TRUE(parse_scenario(scenario_with("", "", R"("requests": 1000000000)")).ok());
    // A rate of 1e9 per second ended in bad_alloc after 40 s of running.
    expect_refused(scenario_with("", "", R"("duration_s": 1)", "1e9"), "nodes[0].rate_per_s");
}

}  // namespace
}  // namespace flowlab::model
