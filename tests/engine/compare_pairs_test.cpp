// The compare pairs shipped in scenarios/compare (`flowlab-compare-pair/1`): each loads,
// its two designs see the very same arrivals (measured by run::compare_designs, as
// `flowlab-cli compare` prints them), their scheduled faults strike at the same moments,
// and every figure the pair watches is in both reports. Bad pair files give located
// errors.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "flowlab/model/compare_pair.hpp"
#include "flowlab/run/batch_runner.hpp"
#include "flowlab/run/compare.hpp"
#include "flowlab/run/metric_path.hpp"

namespace flowlab {
namespace {

namespace fs = std::filesystem;

const fs::path compare_dir = fs::path(FLOWLAB_SCENARIOS_DIR) / "compare";

bool is_pair(const fs::path& file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str().find(std::string(model::compare_pair_format)) != std::string::npos;
}

std::vector<fs::path> shipped_pairs() {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(compare_dir))
        if (e.path().extension() == ".json" && is_pair(e.path())) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

model::ComparePair load(const fs::path& file) {
    auto loaded = model::load_compare_pair(file.string(), run::check_metric_paths);
    std::string problems;
    for (const auto& d : loaded.errors) problems += d.to_string() + "\n";
    EXPECT_TRUE(loaded.pair) << problems;
    return loaded.pair ? std::move(*loaded.pair) : model::ComparePair{};
}

/// (at_s, for_s) of each scheduled fault: when it strikes and how long it lasts.
std::multiset<std::pair<double, double>> fault_times(const model::Scenario& s) {
    std::multiset<std::pair<double, double>> out;
    for (const auto& f : s.faults) out.insert({f.at_s, f.for_s.value_or(-1)});
    return out;
}

TEST(ComparePairs, TheSixContrastsAreShipped) {
    std::set<std::string> names;
    for (const auto& p : shipped_pairs()) names.insert(p.filename().string());
    const std::set<std::string> expected{"06-vs-07-breaker.json",     "08-vs-21-hybrid.json",
                                         "09-sync-vs-queue.json",     "11-vs-12-dlq.json",
                                         "13-vs-14-idempotency.json", "19-vs-20-propagation.json"};
    EXPECT_EQ(names, expected);
}

TEST(ComparePairs, EachPairSeesTheSameArrivalsAndTheSameFaultTimes) {
    for (const auto& file : shipped_pairs()) {
        SCOPED_TRACE(file.filename().string());
        const model::ComparePair pair = load(file);
        EXPECT_FALSE(pair.title.empty());
        EXPECT_FALSE(pair.explain.empty());
        EXPECT_EQ(fault_times(pair.a), fault_times(pair.b));
        const auto doc = run::compare_designs({pair.a_file, pair.a}, {pair.b_file, pair.b}, {});
        const auto& clients = doc.at("clients").as_object();
        ASSERT_FALSE(clients.empty()) << "the two designs share no client";
        for (const auto& c : clients)
            EXPECT_EQ(c.value().at("same_arrivals"), true) << "client " << c.key();
        for (const auto& w : pair.watch) {
            EXPECT_TRUE(run::metric_value(doc.at("a").at("report").as_object(), w.metric))
                << w.metric << " not in A's report";
            EXPECT_TRUE(run::metric_value(doc.at("b").at("report").as_object(), w.metric))
                << w.metric << " not in B's report";
        }
    }
}

TEST(ComparePairs, ClientFiguresOfTwoReportsAreWhatCompareDesignsPrints) {
    const model::ComparePair pair = load(compare_dir / "08-vs-21-hybrid.json");
    const auto doc = run::compare_designs({pair.a_file, pair.a}, {pair.b_file, pair.b}, {});
    const auto figures = run::compare_client_figures(doc.at("a").at("report").as_object(),
                                                     doc.at("b").at("report").as_object(), "web");
    auto client = doc.at("clients").at("web").as_object();
    client.erase("same_arrivals");
    client.erase("arrivals");
    EXPECT_EQ(figures, client);
}

TEST(ComparePairs, TheLedgerHangsInBothCheckoutsAtTheSameMoment) {
    const model::ComparePair pair = load(compare_dir / "08-vs-21-hybrid.json");
    for (const model::Scenario* s : {&pair.a, &pair.b}) {
        ASSERT_EQ(s->faults.size(), 1u) << s->name;
        EXPECT_EQ(s->faults[0].target, "ledger-db");
        EXPECT_EQ(s->faults[0].kind, model::FaultKind::hang);
    }
    // Mid-hang the cascading design has failed shoppers or blocked them; the hybrid one
    // keeps answering within its payment's tail (the point of the pair).
    const auto a = run::report_at(pair.a, 39, {pair.a.seed, {}, {}});
    const auto b = run::report_at(pair.b, 39, {pair.a.seed, {}, {}});
    EXPECT_GT(*run::metric_value(a, "nodes.gateway.thread_time_s.blocked"), 100);
    EXPECT_EQ(*run::metric_value(b, "clients.web.failure_reasons.timeout"), 0);
}

model::ComparePairResult parse(const std::string& text) {
    return model::parse_compare_pair(text, "pair.json", compare_dir.string());
}

TEST(ComparePairs, ProblemsArePlacedAtTheirLineAndColumn) {
    const auto r = parse(R"({
  "format": "flowlab-compare-pair/2",
  "title": "t",
  "a": "../08-cascading-checkout.json",
  "b": "missing.json",
  "watch": [ { "metric": "clients.web.failed", "better": "up" } ],
  "colour": "red"
})");
    ASSERT_FALSE(r.pair);
    std::vector<std::string> messages;
    for (const auto& d : r.errors) messages.push_back(d.to_string());
    ASSERT_EQ(messages.size(), 4u);
    EXPECT_EQ(messages[0].rfind("pair.json:2:13: format: must be \"flowlab-compare-pair/1\"", 0),
              0u)
        << messages[0];
    EXPECT_EQ(messages[1].rfind("pair.json:5:8: b: cannot open scenario missing.json: ", 0), 0u)
        << messages[1];
    EXPECT_EQ(messages[2],
              "pair.json:6:58: watch[0].better: must be \"higher\" or \"lower\", got \"up\"");
    EXPECT_EQ(messages[3].rfind("pair.json:7:3: colour: unknown key in a compare pair", 0), 0u)
        << messages[3];
}

TEST(ComparePairs, MissingKeysAndABrokenScenarioAreReported) {
    const auto r = parse(R"({ "format": "flowlab-compare-pair/1", "a": "09-sync-chain.json" })");
    ASSERT_FALSE(r.pair);
    ASSERT_EQ(r.errors.size(), 2u);
    EXPECT_EQ(r.errors[0].to_string(), "pair.json:1:1: missing required key 'title'");
    EXPECT_EQ(r.errors[1].to_string(), "pair.json:1:1: missing required key 'b'");
    const auto syntax = parse("{ \"format\": ");
    ASSERT_FALSE(syntax.pair);
    EXPECT_EQ(syntax.errors.front().file, "pair.json");
    EXPECT_GT(syntax.errors.front().line, 0);
}

}  // namespace
}  // namespace flowlab
