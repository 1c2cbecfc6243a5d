// Writing scenarios: exact layout, defaults left out, exact round trips, atomic saves.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "flowlab/model/parse.hpp"
#include "flowlab/model/save.hpp"
#include "flowlab/model/schema.hpp"

namespace flowlab::model {
namespace {

namespace fs = std::filesystem;

Scenario parse_ok(const std::string& text) {
    auto r = parse_scenario(text);
    EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].to_string()) << "\n" << text;
    return r.scenario.value_or(Scenario{});
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// A value of the parameter's type that differs from its default and is in range.
ParamValue non_default(const ParamInfo& p) {
    switch (p.type) {
        case ParamType::number: {
            double d = std::get<double>(p.default_value);
            double v = d + 0.25;
            if (p.max && v > *p.max) v = d / 2;
            return v;
        }
        case ParamType::integer: return std::get<std::int64_t>(p.default_value) + 1;
        case ParamType::boolean: return !std::get<bool>(p.default_value);
        case ParamType::choice:
            return p.choices.at(p.choices.at(0) == std::get<std::string>(p.default_value) ? 1 : 0);
        case ParamType::distribution: return Distribution::lognormal(3.5, 41);
        case ParamType::optional_number: return 1234.5;
        case ParamType::optional_integer: return std::int64_t{7};
        case ParamType::group: return true;
        case ParamType::node_ref: return std::string("topic");  // a consumer's failure events
    }
    return {};
}

/// Sets every parameter (and every group field) to a non-default value.
template <class Owner>
void set_all(const std::vector<Param<Owner>>& params, Owner& o) {
    for (const auto& p : params) {
        p.set(o, non_default(p));
        if (p.type == ParamType::group) set_all(p.fields, o);
    }
}

Edge edge(const std::string& from, const std::string& to, EdgeMode mode) {
    Edge e;
    e.from = from;
    e.to = to;
    e.mode = mode;
    return e;
}

/// Every node kind, edge mode and fault kind, every parameter away from its default.
Scenario rich_scenario() {
    Scenario s;
    s.name = "Rich \"quoted\" name with \\ and \xC3\xA9\xF0\x9F\x98\x80";
    s.description = "line one\nline two\ttabbed \x01 control";
    s.seed = 18446744073709551615u;
    set_all(run_params(), s.run);
    s.run.requests.reset();  // exactly one of duration_s / requests
    set_all(trace_params(), s.trace);
    for (std::size_t k = 0; k < node_kind_names().size(); ++k) {
        auto kind = static_cast<NodeKind>(k);
        Node n = make_node(kind, node_kind_names()[k]);
        n.label = "The " + node_kind_names()[k];
        set_all(node_params(kind), n);
        s.nodes.push_back(n);
    }
    // A group starting at a time: start_at_s applies only then (and not after join_at_s).
    s.find_node("consumer")->start = StartOffset::at_time;
    s.nodes.push_back(make_node(NodeKind::service, "plain"));  // all defaults
    s.nodes.back().work = Distribution::uniform(0.1, 0.30000000000000004);
    s.nodes.push_back(make_node(NodeKind::service, "exp"));
    s.nodes.back().work = Distribution::exponential(2.5e-6);  // printed in exponent form
    s.nodes.push_back(make_node(NodeKind::database, "const-object"));
    s.nodes.back().work = Distribution::constant(5);
    s.nodes.back().work.bare_number = false;  // written as {"dist": "constant", "ms": 5}

    auto add = [&](const std::string& from, const std::string& to, EdgeMode mode, bool all) {
        Edge e = edge(from, to, mode);
        if (all)
            for (const auto& p : edge_params())
                if (edge_param_applies(p.key, mode, s.find_node(to)->kind) &&
                    p.type != ParamType::node_ref) {  // `compensate`: orchestrators only, below
                    p.set(e, non_default(p));
                    if (p.type == ParamType::group) set_all(p.fields, e);
                }
        s.edges.push_back(e);
    };
    add("client", "service", EdgeMode::sync, true);
    add("service", "database", EdgeMode::sync, true);
    add("service", "plain", EdgeMode::sync, false);
    add("service", "topic", EdgeMode::async, true);
    add("service", "queue", EdgeMode::async, false);
    // The consumer reads the topic (its group's start needs a log), and calls the client
    // back (a webhook).
    add("topic", "consumer", EdgeMode::deliver, true);
    add("consumer", "dlq", EdgeMode::dead_letter, true);
    add("consumer", "client", EdgeMode::webhook, true);
    add("consumer", "exp", EdgeMode::sync, false);
    add("exp", "const-object", EdgeMode::sync, false);
    add("consumer", "topic", EdgeMode::async, false);  // its on_failure_publish
    add("orchestrator", "plain", EdgeMode::sync, false);
    s.edges.back().compensate = "plain";  // a step its own service undoes
    // A cache and a rate limiter each stand in front of exactly one server.
    add("cache", "const-object", EdgeMode::sync, false);
    add("rate_limiter", "plain", EdgeMode::sync, false);

    auto target_of = [](FaultKind kind) { return to_string(fault_targets(kind).front()); };
    for (std::size_t k = 0; k < fault_kind_names().size(); ++k) {
        Fault f;
        f.kind = static_cast<FaultKind>(k);
        f.target = target_of(f.kind);
        set_all(fault_params(f.kind), f);
        if (f.kind == FaultKind::reset) f.to = StartOffset::at_time;  // to_at_s applies then
        s.faults.push_back(f);
    }
    s.layout = {{"client", {0, 0}}, {"service", {220.5, -40}}, {"dlq", {1e6, 0.1}}};
    WatchItem prose;
    prose.text = "watch one";
    WatchItem near{"clients.client.availability", "availability", "the share answered", 0.997, "",
                   WatchItem::Relation::near,     0.001};
    WatchItem bound{"clients.client.latency_ms.p99", "P99", "", std::nullopt, "theory.p99_bound_ms",
                    WatchItem::Relation::at_most,    0};
    s.lesson = Lesson{"Goal", {prose, near, bound}, "Because.", {"try this"}, {}};
    return s;
}

TEST(ModelSave, RichScenarioIsValidAndRoundTripsExactly) {
    Scenario s = rich_scenario();
    auto problems = validate(s);
    ASSERT_TRUE(problems.empty()) << problems[0].to_string();
    std::string text = to_json_text(s);
    auto r = parse_scenario(text);
    ASSERT_TRUE(r.ok()) << r.errors[0].to_string() << "\n" << text;
    EXPECT_EQ(*r.scenario, s) << text;
    // Saving what was loaded gives the same bytes: the format has one spelling per scenario.
    EXPECT_EQ(to_json_text(*r.scenario), text);
}

TEST(ModelSave, EveryParameterIsWrittenWhenItDiffersFromItsDefault) {
    // Each parameter alone: if the writer forgot one, the round trip would lose it.
    for (std::size_t k = 0; k < node_kind_names().size(); ++k) {
        auto kind = static_cast<NodeKind>(k);
        for (const auto& p : node_params(kind)) {
            Scenario s;
            s.run.duration_s = 5;
            Node n = make_node(kind, "n");
            p.set(n, non_default(p));
            s.nodes.push_back(n);
            if (kind == NodeKind::client || kind == NodeKind::orchestrator ||
                kind == NodeKind::cache || kind == NodeKind::rate_limiter) {
                // its call, its step, or the server it stands in front of
                s.nodes.push_back(make_node(NodeKind::service, "s"));
                s.edges.push_back(edge("n", "s", EdgeMode::sync));
            }
            if (kind == NodeKind::consumer && (p.key == "start" || p.key == "start_at_s")) {
                // A group's start needs a topic that keeps history; a time, start at_time.
                if (p.key == "start_at_s") s.nodes[0].start = n.start = StartOffset::at_time;
                s.nodes[0].join_at_s = n.join_at_s = 1;
                s.nodes.push_back(make_node(NodeKind::topic, "t"));
                s.nodes.back().retention_messages = 10;
                s.edges.push_back(edge("t", "n", EdgeMode::deliver));
            }
            if (p.type == ParamType::node_ref) {  // on_failure_publish: the topic it names
                s.nodes.push_back(make_node(NodeKind::topic, "topic"));
                s.edges.push_back(edge("n", "topic", EdgeMode::async));
            }
            auto r = parse_scenario(to_json_text(s));
            ASSERT_TRUE(r.ok()) << p.key << ": " << r.errors[0].to_string();
            EXPECT_EQ(r.scenario->nodes[0], n) << to_string(kind) << "." << p.key;
        }
    }
}

TEST(ModelSave, ExactTextOmitsDefaultsInTheSpecsKeyOrder) {
    Scenario s;
    s.name = "Small";
    s.seed = 7;
    s.run.duration_s = 60;
    s.nodes.push_back(make_node(NodeKind::client, "web"));
    s.nodes[0].rate_per_s = 10;  // the default, but required: always written
    s.nodes.push_back(make_node(NodeKind::service, "api"));
    s.nodes[1].threads = 4;
    s.nodes[1].work = Distribution::lognormal(20, 200);
    s.nodes.push_back(make_node(NodeKind::queue, "q"));  // ack_ms 2 is the queue default
    s.edges.push_back(edge("web", "api", EdgeMode::sync));
    s.edges[0].timeout_ms = 800;
    s.edges[0].latency = Distribution::constant(1.5);
    s.edges.push_back(edge("api", "q", EdgeMode::async));
    Fault f;
    f.at_s = 30;
    f.for_s = 20;
    f.target = "api";
    f.kind = FaultKind::errors;
    f.failure_rate = 0;  // the default of the field, but the fault's own parameter
    s.faults.push_back(f);
    s.layout["web"] = {0, 0};
    EXPECT_EQ(to_json_text(s), R"({
  "format": "flowlab/1",
  "name": "Small",
  "seed": 7,
  "run": {"duration_s": 60},
  "nodes": [
    {"id": "web", "kind": "client", "rate_per_s": 10},
    {
      "id": "api",
      "kind": "service",
      "threads": 4,
      "work_ms": {"dist": "lognormal", "median_ms": 20, "p99_ms": 200}
    },
    {"id": "q", "kind": "queue"}
  ],
  "edges": [
    {"from": "web", "to": "api", "mode": "sync", "latency_ms": 1.5, "timeout_ms": 800},
    {"from": "api", "to": "q", "mode": "async"}
  ],
  "faults": [
    {"at_s": 30, "for_s": 20, "target": "api", "fault": "errors", "failure_rate": 0}
  ],
  "layout": {"web": [0, 0]}
}
)");
    auto back = parse_ok(to_json_text(s));
    EXPECT_EQ(back, s);
}

TEST(ModelSave, ShippedScenariosRoundTrip) {
    std::size_t checked = 0;
    for (const auto& entry : fs::directory_iterator(FLOWLAB_SCENARIOS_DIR)) {
        if (entry.path().extension() != ".json") continue;
        auto r = load_scenario_file(entry.path().string());
        ASSERT_TRUE(r.ok()) << r.errors[0].to_string();
        std::string text = to_json_text(*r.scenario);
        EXPECT_EQ(parse_ok(text), *r.scenario) << entry.path();
        ++checked;
    }
    std::cout << "round-tripped " << checked << " shipped scenarios\n";
}

class ModelSaveFile : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("flowlab_save_test_" + std::to_string(::getpid()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::vector<std::string> entries() const {
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(dir_))
            names.push_back(e.path().filename().string());
        std::sort(names.begin(), names.end());
        return names;
    }

    fs::path dir_;
};

TEST_F(ModelSaveFile, WritesTheTextAndLeavesNoTemporaryFile) {
    Scenario s = rich_scenario();
    fs::path path = dir_ / "rich.json";
    ASSERT_EQ(save_scenario_file(s, path.string()), "");
    EXPECT_EQ(read_file(path), to_json_text(s));
    EXPECT_EQ(entries(), std::vector<std::string>{"rich.json"});
    auto back = load_scenario_file(path.string());
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back.scenario, s);
}

TEST_F(ModelSaveFile, ReplacingKeepsThePermissionBits) {
    fs::path path = dir_ / "s.json";
    { std::ofstream(path) << "old"; }
    ::chmod(path.c_str(), 0640);
    ASSERT_EQ(save_scenario_file(rich_scenario(), path.string()), "");
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0640u);
    EXPECT_EQ(read_file(path), to_json_text(rich_scenario()));
}

TEST_F(ModelSaveFile, AFailedSaveLeavesTheTargetAndNoTemporaryFile) {
    // Renaming a file over a non-empty directory fails after the temporary was written:
    // the path that cleans up is the one exercised.
    fs::path path = dir_ / "taken";
    fs::create_directories(path / "inside");
    std::string err = save_scenario_file(rich_scenario(), path.string());
    EXPECT_EQ(err, "cannot save '" + path.string() + "': Is a directory");
    EXPECT_EQ(entries(), std::vector<std::string>{"taken"});
    EXPECT_TRUE(fs::is_directory(path / "inside"));

    std::string missing = (dir_ / "no" / "such" / "dir.json").string();
    EXPECT_EQ(save_scenario_file(rich_scenario(), missing),
              "cannot save '" + missing + "': No such file or directory");
}

TEST_F(ModelSaveFile, SavingThroughASymlinkReplacesTheTarget) {
    fs::path real = dir_ / "real.json";
    fs::path link = dir_ / "link.json";
    { std::ofstream(real) << "old"; }
    fs::create_symlink(real, link);
    ASSERT_EQ(save_scenario_file(rich_scenario(), link.string()), "");
    EXPECT_TRUE(fs::is_symlink(link));
    EXPECT_EQ(read_file(real), to_json_text(rich_scenario()));
}

TEST_F(ModelSaveFile, ReadersNeverSeeAPartialFile) {
    // Two scenarios of different sizes are saved in turn while another thread keeps
    // reading: with an in-place write it would see truncated or mixed text.
    Scenario a = rich_scenario();
    Scenario b;
    b.run.requests = 5;
    b.nodes.push_back(make_node(NodeKind::dlq, "d"));
    const std::string text_a = to_json_text(a), text_b = to_json_text(b);
    ASSERT_NE(text_a.size(), text_b.size());
    fs::path path = dir_ / "s.json";
    ASSERT_EQ(save_scenario_file(a, path.string()), "");

    std::atomic<bool> done{false};
    std::atomic<int> reads{0}, torn{0};
    std::thread reader([&] {
        while (!done.load()) {
            std::string seen = read_file(path);
            if (seen != text_a && seen != text_b) ++torn;
            ++reads;
        }
    });
    for (int i = 0; i < 300; ++i) ASSERT_EQ(save_scenario_file(i % 2 ? a : b, path.string()), "");
    done = true;
    reader.join();
    EXPECT_EQ(torn.load(), 0) << "of " << reads.load() << " reads";
    EXPECT_GT(reads.load(), 0);
    EXPECT_EQ(entries(), std::vector<std::string>{"s.json"});
}

}  // namespace
}  // namespace flowlab::model
