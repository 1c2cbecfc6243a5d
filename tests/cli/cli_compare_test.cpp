// `compare`: two designs under the same seed. same_arrivals is measured (true for the
// same client in two designs, false once its rate differs), the deltas are exactly the
// differences of the two reports, replications add paired intervals, bad input exits 2.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <cmath>
#include <cstdlib>

#include "cli_runner.hpp"
#include "flowlab/metrics/confidence.hpp"
#include "flowlab/run/report_json.hpp"

namespace flowlab::cli_test {
namespace {

namespace json = boost::json;

const std::string retry_storm = std::string(FLOWLAB_SCENARIOS_DIR) + "/06-retry-storm.json";
const std::string breaker = std::string(FLOWLAB_SCENARIOS_DIR) + "/07-circuit-breaker.json";

json::object compare_json(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"compare", retry_storm, breaker, "--format",
                                  "json",    "--seed",    "4"};
    args.insert(args.end(), extra.begin(), extra.end());
    const CliResult r = run_cli(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return parse_report(r.out);
}

/// Lesson 06 with another client rate, in `dir`.
std::string with_rate(const TempDir& dir, double rate) {
    json::value doc = json::parse(read_text(retry_storm));
    doc.at("nodes").as_array()[0].as_object()["rate_per_s"] = rate;
    const std::string path = (dir.path / "faster.json").string();
    write_text(path, run::to_json_text(doc));
    return path;
}

const json::value& at(const json::object& o, std::initializer_list<const char*> keys) {
    const json::value* v = nullptr;
    const json::object* cur = &o;
    for (const char* k : keys) {
        v = &cur->at(k);
        cur = v->if_object();
    }
    return *v;
}

TEST(CliCompare, SameClientInTwoDesignsSeesTheSameArrivals) {
    const json::object doc = compare_json();
    EXPECT_EQ(doc.at("format"), "flowlab-compare/1");
    EXPECT_EQ(number(doc.at("seed")), 4);
    const json::object& web = at(doc, {"clients", "web"}).as_object();
    EXPECT_EQ(web.at("same_arrivals"), true);
    EXPECT_EQ(at(web, {"arrivals", "a"}), at(web, {"arrivals", "b"}));
    EXPECT_EQ(number(at(web, {"arrivals", "a"})),
              number(at(doc, {"a", "report", "clients", "web", "requests"})));
}

TEST(CliCompare, CascadingAndHybridCheckoutSeeTheSameShoppers) {
    // The shipped pair: lesson 08 and lesson 21's design with lesson 08's client.
    const CliResult r =
        run_cli({"compare", std::string(FLOWLAB_SCENARIOS_DIR) + "/08-cascading-checkout.json",
                 std::string(FLOWLAB_SCENARIOS_DIR) + "/compare/21-hybrid-checkout-08-load.json",
                 "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(at(parse_report(r.out), {"clients", "web", "same_arrivals"}), true);
}

TEST(CliCompare, ADifferentRateMeansDifferentArrivals) {
    TempDir dir;
    const CliResult r = run_cli({"compare", retry_storm, with_rate(dir, 101), "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(at(parse_report(r.out), {"clients", "web", "same_arrivals"}), false);
}

TEST(CliCompare, DeltasAreTheDifferencesOfTheTwoReports) {
    const json::object doc = compare_json();
    // The embedded reports are the ones `run` prints for the same seed.
    for (const auto& [side, file] : {std::pair{"a", retry_storm}, std::pair{"b", breaker}}) {
        const CliResult run = run_cli({"run", file, "--seed", "4", "--format", "json"});
        json::object report = parse_report(run.out);
        report.erase("perf");
        EXPECT_EQ(at(doc, {side, "report"}).as_object(), report) << side;
    }
    const json::object& ra = at(doc, {"a", "report", "clients", "web"}).as_object();
    const json::object& rb = at(doc, {"b", "report", "clients", "web"}).as_object();
    const json::object& web = at(doc, {"clients", "web"}).as_object();
    // Boost.JSON 1.81 may round a parsed double's last bit, so the JSON is held to 4 ulps;
    // the csv test below reads the same numbers with strtod and holds them exactly.
    auto check = [](const json::object& figure, double a, double b) {
        EXPECT_DOUBLE_EQ(number(figure.at("a")), a);
        EXPECT_DOUBLE_EQ(number(figure.at("b")), b);
        EXPECT_DOUBLE_EQ(number(figure.at("delta")), b - a);
    };
    check(web.at("availability").as_object(), number(ra.at("availability")),
          number(rb.at("availability")));
    for (const char* p : {"p50", "p95", "p99"})
        check(at(web, {"latency_ms", p}).as_object(), number(at(ra, {"latency_ms", p})),
              number(at(rb, {"latency_ms", p})));
    // Throughput: successful answers (ok + degraded) per measured second.
    auto throughput = [&](const char* side, const json::object& c) {
        return (number(c.at("ok")) + number(c.at("degraded"))) /
               number(at(doc, {side, "report", "measured_s"}));
    };
    const json::object& tp = web.at("throughput_per_s").as_object();
    EXPECT_NEAR(number(tp.at("a")), throughput("a", ra), 1e-6);
    EXPECT_NEAR(number(tp.at("b")), throughput("b", rb), 1e-6);
    EXPECT_DOUBLE_EQ(number(tp.at("delta")), number(tp.at("b")) - number(tp.at("a")));
    EXPECT_FALSE(web.contains("delta_ci95"));
}

TEST(CliCompare, ReplicationsGivePairedIntervals) {
    const json::object doc = compare_json({"--replications", "3"});
    EXPECT_EQ(number(doc.at("replications")), 3);
    // Recompute from three pairs of plain runs, seeds 4, 5, 6.
    std::vector<double> deltas;
    for (const char* seed : {"4", "5", "6"}) {
        double a = 0, b = 0;
        for (const auto& [value, file] : {std::pair{&a, retry_storm}, std::pair{&b, breaker}}) {
            const CliResult run = run_cli({"run", file, "--seed", seed, "--format", "json"});
            *value = number(at(parse_report(run.out), {"clients", "web", "latency_ms", "p99"}));
        }
        deltas.push_back(b - a);
    }
    const metrics::MeanCi expected = metrics::mean_ci95(deltas);
    const json::object& p99 = at(doc, {"clients", "web", "latency_ms", "p99"}).as_object();
    EXPECT_NEAR(number(p99.at("delta_mean")), expected.mean, 1e-6);
    ASSERT_TRUE(expected.half_width);
    EXPECT_NEAR(number(p99.at("delta_ci95")), *expected.half_width, 1e-6);
    EXPECT_GT(number(p99.at("delta_ci95")), 0);
}

TEST(CliCompare, CsvHasOneRowPerClientAndFigure) {
    const CliResult r = run_cli({"compare", retry_storm, breaker, "--format", "csv"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto lines = lines_of(r.out);
    ASSERT_EQ(lines.size(), 6u) << r.out;
    EXPECT_EQ(lines[0], "client,figure,same_arrivals,a,b,delta,delta_mean,delta_ci95");
    EXPECT_EQ(fields_of(lines[1])[1], "availability");
    EXPECT_EQ(fields_of(lines[2])[1], "latency_ms.p50");
    EXPECT_EQ(fields_of(lines[5])[1], "throughput_per_s");
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const auto f = fields_of(lines[i]);
        EXPECT_EQ(f[2], "true");
        // delta is exactly b - a: the shortest texts read back as the very same doubles.
        const double a = std::strtod(f[3].c_str(), nullptr), b = std::strtod(f[4].c_str(), nullptr);
        EXPECT_EQ(std::strtod(f[5].c_str(), nullptr), b - a) << lines[i];
    }
}

TEST(CliCompare, TableNamesBothDesignsAndTheArrivals) {
    const CliResult r = run_cli({"compare", retry_storm, breaker});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("A: Retry storm"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("B: Circuit breaker"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("same arrivals in both runs"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("latency_ms.p99"), std::string::npos) << r.out;
}

TEST(CliCompare, BadInputIsLocatedAndExits2) {
    TempDir dir;
    const std::string bad = (dir.path / "bad.json").string();
    write_text(bad, "{\n  \"format\": \"flowlab/1\",\n  \"nodes\": 3\n}\n");
    CliResult r = run_cli({"compare", retry_storm, bad});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find(bad + ":3:12: nodes: must be"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());

    r = run_cli({"compare", retry_storm});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("'compare' takes two files, got 1"), std::string::npos) << r.err;
    r = run_cli({"compare", retry_storm, breaker, "--format", "xml"});
    EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
}  // namespace flowlab::cli_test
