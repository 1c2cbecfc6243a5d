// `recording`: the live inputs of a run in the scenario file. Read with located errors,
// checked against the scenario, saved and read back unchanged, and replayed by a batch run
// exactly as the inputs given to a running simulation at the same times.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "flowlab/model/param_path.hpp"
#include "flowlab/model/parse.hpp"
#include "flowlab/model/save.hpp"
#include "flowlab/run/batch_runner.hpp"

namespace flowlab::model {
namespace {

// Lines matter: errors are checked at their line and column.
const char* base_text = R"({
  "format": "flowlab/1",
  "run": {"duration_s": 30},
  "nodes": [
    {"id": "web", "kind": "client", "rate_per_s": 100},
    {"id": "api", "kind": "service", "threads": 4, "work_ms": 20},
    {"id": "jobs", "kind": "queue"},
    {"id": "worker", "kind": "consumer", "work_ms": 5},
    {"id": "dead", "kind": "dlq"}
  ],
  "edges": [
    {"from": "web", "to": "api", "mode": "sync", "timeout_ms": 500},
    {"from": "api", "to": "jobs", "mode": "async"},
    {"from": "jobs", "to": "worker", "mode": "deliver"},
    {"from": "worker", "to": "dead", "mode": "dead_letter"}
  ],
)";

std::string with_recording(const std::string& recording) {
    return std::string(base_text) + R"(  "recording": )" + recording + "\n}\n";
}

const char* full_recording = R"([
    {"at_s": 2.5, "fault": {"target": "api", "fault": "slow", "extra_ms": 40, "for_s": 5}},
    {"at_s": 4, "set": {"nodes.api.threads": 12, "edges.web->api.timeout_ms": 250}},
    {"at_s": 6.25, "fault": {"target": "jobs", "fault": "poison", "count": 3}},
    {"at_s": 9, "heal": {"target": "api", "fault": "slow"}},
    {"at_s": 12, "redrive": "dead"},
    {"at_s": 40, "continue": 5}
  ])";

ParseResult parse(const std::string& text) { return parse_scenario(text, "rec.json"); }

TEST(Recording, ReadsEveryKindOfInput) {
    const auto r = parse(with_recording(full_recording));
    ASSERT_TRUE(r.ok()) << r.errors.at(0).to_string();
    const auto& rec = r.scenario->recording;
    ASSERT_EQ(rec.size(), 6u);
    EXPECT_EQ(rec[0].kind, RecordedInput::Kind::fault);
    EXPECT_EQ(rec[0].at_s, 2.5);
    EXPECT_EQ(rec[0].fault.kind, FaultKind::slow);
    EXPECT_EQ(rec[0].fault.extra_ms, 40);
    EXPECT_EQ(rec[0].fault.for_s, 5.0);
    EXPECT_EQ(rec[1].kind, RecordedInput::Kind::set);
    ASSERT_EQ(rec[1].set.size(), 2u);
    EXPECT_EQ(rec[1].set[0].first, "nodes.api.threads");
    EXPECT_EQ(rec[1].set[0].second, ParamValue(std::int64_t{12}));
    EXPECT_EQ(rec[3].kind, RecordedInput::Kind::heal);
    EXPECT_EQ(rec[4].dlq, "dead");
    EXPECT_EQ(rec[5].kind, RecordedInput::Kind::extend);
    EXPECT_EQ(rec[5].seconds, 5);
}

TEST(Recording, SavesAndReadsBackUnchanged) {
    const auto first = parse(with_recording(full_recording));
    ASSERT_TRUE(first.ok());
    const std::string saved = to_json_text(*first.scenario);
    const auto again = parse(saved);
    ASSERT_TRUE(again.ok()) << again.errors.at(0).to_string() << "\n" << saved;
    EXPECT_EQ(*again.scenario, *first.scenario);
    EXPECT_EQ(to_json_text(*again.scenario), saved);
    EXPECT_NE(saved.find("\"recording\""), std::string::npos);
}

TEST(Recording, ATimeInNanosecondsSurvivesTheRoundTrip) {
    auto s = parse(with_recording("[]")).scenario.value();
    RecordedInput input;
    input.kind = RecordedInput::Kind::redrive;
    input.dlq = "dead";
    input.at_s = kernel::to_s(12'345'678'901);  // what LiveRunner writes: its clock in seconds
    s.recording.push_back(input);
    const auto again = parse(to_json_text(s));
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(kernel::from_s(again.scenario->recording.at(0).at_s), 12'345'678'901);
}

struct BadCase {
    const char* recording;
    const char* path;
    int line, column;  ///< the recording is on line 17 (see base_text)
    const char* words;
};

class RecordingErrors : public ::testing::TestWithParam<BadCase> {};

TEST_P(RecordingErrors, AreLocated) {
    const BadCase& c = GetParam();
    const auto r = parse(with_recording(c.recording));
    ASSERT_FALSE(r.ok());
    bool found = false;
    std::string all;
    for (const auto& d : r.errors) {
        all += d.to_string() + "\n";
        if (d.path == c.path && d.line == c.line && d.column == c.column &&
            d.message.find(c.words) != std::string::npos)
            found = true;
    }
    EXPECT_TRUE(found) << all;
    EXPECT_EQ(r.errors.front().file, "rec.json");
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RecordingErrors,
    ::testing::Values(
        BadCase{R"({"at_s": 1})", "recording", 17, 16, "an array"},
        BadCase{R"([{"at_s": 1}])", "recording[0]", 17, 17, "must hold one input"},
        BadCase{R"([{"set": {"nodes.api.threads": 8}}])", "recording[0]", 17, 17,
                "missing required key 'at_s'"},
        BadCase{R"([{"at_s": 1, "sett": {}}])", "recording[0].sett", 17, 29, "did you mean"},
        BadCase{R"([{"at_s": 1, "set": {"nodes.apx.threads": 8}}])",
                R"(recording[0].set["nodes.apx.threads"])", 17, 37, "not a parameter"},
        BadCase{R"([{"at_s": 1, "set": {"nodes.api.threads": 0}}])",
                R"(recording[0].set["nodes.api.threads"])", 17, 58, ">= 1"},
        BadCase{R"([{"at_s": 1, "redrive": "api"}])", "recording[0].redrive", 17, 40,
                "not a dlq node"},
        BadCase{R"([{"at_s": 1, "fault": {"target": "nope", "fault": "down"}}])",
                "recording[0].fault.target", 17, 49, "no node with id 'nope'"},
        BadCase{R"([{"at_s": 5, "redrive": "dead"}, {"at_s": 4, "redrive": "dead"}])",
                "recording[1].at_s", 17, 58, "must not be earlier"},
        BadCase{R"([{"at_s": 1, "continue": 0}])", "recording[0].continue", 17, 41, "> 0"},
        BadCase{R"([{"at_s": 1, "fault": {"at_s": 2, "target": "api", "fault": "down"}}])",
                "recording[0].fault.at_s", 17, 39, "at its recording entry's at_s"},
        BadCase{R"([{"at_s": 1, "redrive": "dead", "continue": 3}])", "recording[0].continue", 17,
                48, "one input per entry"}));

TEST(Recording, ABatchRunReplaysItsInputs) {
    const auto r = parse(with_recording(full_recording));
    ASSERT_TRUE(r.ok());
    Scenario plain = *r.scenario;
    plain.recording.clear();
    const auto with = run::report_at(*r.scenario, 1e9);
    const auto without = run::report_at(plain, 1e9);
    // The inputs change the run: api got 12 threads, the worker saw pills, the run went on.
    EXPECT_NE(boost::json::serialize(with), boost::json::serialize(without));
    // And replaying is deterministic: twice the same.
    EXPECT_EQ(boost::json::serialize(with),
              boost::json::serialize(run::report_at(*r.scenario, 1e9)));
    // The part before the first input is the plain run's.
    EXPECT_EQ(boost::json::serialize(run::report_at(*r.scenario, 2.0)),
              boost::json::serialize(run::report_at(plain, 2.0)));
}

TEST(Recording, ParamChangesNameWhatAnEditChanged) {
    const Scenario before = parse(with_recording("[]")).scenario.value();
    Scenario after = before;
    after.nodes[1].threads = 9;
    after.edges[0].timeout_ms = 300;
    after.layout["api"] = {1, 2};  // not a parameter of the run
    const auto changes = param_changes(before, after);
    ASSERT_EQ(changes.size(), 2u);
    EXPECT_EQ(changes[0].first, "nodes.api.threads");
    EXPECT_EQ(changes[0].second, ParamValue(std::int64_t{9}));
    EXPECT_EQ(changes[1].first, "edges.web->api.timeout_ms");
    // Setting them on `before` gives `after`'s parameters.
    Scenario replayed = before;
    for (const auto& [path, value] : changes) find_param(replayed, path)->set(replayed, value);
    replayed.layout = after.layout;
    EXPECT_EQ(replayed, after);
}

}  // namespace
}  // namespace flowlab::model
