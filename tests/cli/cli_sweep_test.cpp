// `sweep`: one row per value and replication, summaries computed from those rows, the
// same figures a single run gives, and bad values caught before anything runs.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <cmath>
#include <map>

#include "cli_runner.hpp"

namespace flowlab::cli_test {
namespace {

namespace json = boost::json;

struct Csv {
    std::vector<std::string> header;
    std::vector<std::map<std::string, std::string>> rows;
};

Csv parse_csv(const std::string& text) {
    Csv csv;
    const auto lines = lines_of(text);
    if (lines.empty()) return csv;
    csv.header = fields_of(lines[0]);
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const auto fields = fields_of(lines[i]);
        EXPECT_EQ(fields.size(), csv.header.size()) << lines[i];
        std::map<std::string, std::string> row;
        for (std::size_t c = 0; c < fields.size() && c < csv.header.size(); ++c)
            row[csv.header[c]] = fields[c];
        csv.rows.push_back(std::move(row));
    }
    return csv;
}

TEST(CliSweep, OneRowPerValue) {
    const CliResult r = run_cli({"sweep", small_scenario, "--set", "nodes.db.connections=1,2,4"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const Csv csv = parse_csv(r.out);
    ASSERT_EQ(csv.rows.size(), 3u) << r.out;
    const std::vector<std::string> values{"1", "2", "4"};
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(csv.rows[i].at("row"), "run");
        EXPECT_EQ(csv.rows[i].at("value"), values[i]);
        EXPECT_EQ(csv.rows[i].at("replication"), "0");
        EXPECT_EQ(csv.rows[i].at("seed"), "11");
        for (const char* key :
             {"web.availability", "web.latency_ms.p50", "web.latency_ms.p95", "web.latency_ms.p99",
              "web.latency_ms.mean", "web.ok", "web.failed", "api.utilization", "db.utilization"})
            EXPECT_FALSE(csv.rows[i].at(key).empty()) << key;
    }
    // Fewer connections, same offered load: each connection is busier.
    EXPECT_GT(std::stod(csv.rows[0].at("db.utilization")),
              std::stod(csv.rows[2].at("db.utilization")));
}

TEST(CliSweep, RowsMatchASingleRunWithTheSameSeed) {
    // connections=4 is the file's own value, so replication 1 is `run --seed 12`.
    const CliResult sweep = run_cli(
        {"sweep", small_scenario, "--set", "nodes.db.connections=4", "--replications", "2"});
    const CliResult run = run_cli({"run", small_scenario, "--seed", "12", "--format", "json"});
    ASSERT_EQ(sweep.exit_code, 0) << sweep.err;
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const Csv csv = parse_csv(sweep.out);
    ASSERT_GE(csv.rows.size(), 2u);
    const auto& second = csv.rows[1];
    EXPECT_EQ(second.at("seed"), "12");
    const json::value report = json::parse(run.out);
    EXPECT_DOUBLE_EQ(std::stod(second.at("web.availability")),
                     report.at("clients").at("web").at("availability").to_number<double>());
    EXPECT_DOUBLE_EQ(std::stod(second.at("web.latency_ms.p99")),
                     report.at("clients").at("web").at("latency_ms").at("p99").to_number<double>());
}

TEST(CliSweep, ReplicationsAddMeanAndConfidenceRowsComputedFromTheRuns) {
    const CliResult r = run_cli({"sweep", small_scenario, "--set",
                                 "edges.api->db.retry.max_retries=0,2", "--replications", "3"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const Csv csv = parse_csv(r.out);
    ASSERT_EQ(csv.rows.size(), 2u * (3 + 2)) << r.out;
    // Student's t, 0.975 quantile, 2 degrees of freedom (from tables).
    const double t2 = 4.302652729911275;
    for (std::size_t v = 0; v < 2; ++v) {
        const std::size_t base = v * 5;
        for (int k = 0; k < 3; ++k) {
            EXPECT_EQ(csv.rows[base + k].at("row"), "run");
            EXPECT_EQ(csv.rows[base + k].at("seed"), std::to_string(11 + k));
        }
        const auto& mean_row = csv.rows[base + 3];
        const auto& ci_row = csv.rows[base + 4];
        EXPECT_EQ(mean_row.at("row"), "mean");
        EXPECT_EQ(ci_row.at("row"), "ci95");
        for (const char* key :
             {"web.availability", "web.ok", "web.latency_ms.p99", "db.utilization"}) {
            double xs[3], sum = 0;
            for (int k = 0; k < 3; ++k) sum += xs[k] = std::stod(csv.rows[base + k].at(key));
            const double mean = sum / 3;
            double ss = 0;
            for (double x : xs) ss += (x - mean) * (x - mean);
            const double half = t2 * std::sqrt(ss / 2) / std::sqrt(3.0);
            // Summaries carry six significant digits.
            EXPECT_NEAR(std::stod(mean_row.at(key)), mean, 1e-5 * std::fabs(mean) + 1e-12) << key;
            EXPECT_NEAR(std::stod(ci_row.at(key)), half, 1e-5 * half + 1e-12) << key;
        }
    }
    EXPECT_EQ(csv.rows[0].at("value"), "0");
    EXPECT_EQ(csv.rows[5].at("value"), "2");
}

TEST(CliSweep, JsonHoldsEveryRunWithoutPerfAndIsDeterministic) {
    const std::vector<std::string> args{"sweep",    small_scenario, "--set", "run.duration_s=1,1.5",
                                        "--format", "json"};
    const CliResult a = run_cli(args);
    const CliResult b = run_cli(args);
    ASSERT_EQ(a.exit_code, 0) << a.err;
    EXPECT_EQ(a.out, b.out);
    const json::value doc = json::parse(a.out);
    EXPECT_EQ(doc.at("sweep").at("path"), "run.duration_s");
    EXPECT_EQ(doc.at("sweep").at("values").as_array().size(), 2u);
    const auto& runs = doc.at("runs").as_array();
    ASSERT_EQ(runs.size(), 2u);
    for (const auto& run : runs) {
        EXPECT_FALSE(run.at("report").as_object().contains("perf"));
        EXPECT_EQ(run.at("report").at("format"), "flowlab-report/1");
    }
    EXPECT_EQ(runs[1].at("value").to_number<double>(), 1.5);
    EXPECT_NEAR(runs[1].at("report").at("sim_time_s").to_number<double>(), 1.5, 0.5);
    EXPECT_TRUE(doc.at("summary").as_array().empty()) << "one replication: nothing to summarize";
}

TEST(CliSweep, AnInvalidValueIsBadInputWithItsPathAndNothingRuns) {
    const CliResult r = run_cli({"sweep", small_scenario, "--set", "nodes.db.connections=2,0"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(
        r.err.find(small_scenario + " (with --set nodes.db.connections=0): nodes[2].connections: "),
        std::string::npos)
        << r.err;
    EXPECT_EQ(r.err.find("connections=2)"), std::string::npos) << "the valid value is not reported";
}

TEST(CliSweep, ANumberPastTheDoubleRangeIsOutOfRangeNotNull) {
    // 1e400 overflows a double to infinity, which JSON writes as null: the message said
    // "got null". It must name the value typed and why it cannot be used, here or nested.
    for (const std::string value : {"1e400", "-1e400", R"({"dist":"constant","ms":1e400})"}) {
        const std::string set = "nodes.db.work_ms=" + value;
        const CliResult r = run_cli({"sweep", small_scenario, "--set", set});
        EXPECT_EQ(r.exit_code, 2) << value;
        EXPECT_EQ(r.out, "") << value;
        EXPECT_NE(r.err.find("value '" + value + "' is out of range: not a finite number"),
                  std::string::npos)
            << r.err;
        EXPECT_EQ(r.err.find("null"), std::string::npos) << r.err;
    }
}

TEST(CliSweep, APathThatNamesNothingIsBadInput) {
    const CliResult node = run_cli({"sweep", small_scenario, "--set", "nodes.dbx.connections=1"});
    EXPECT_EQ(node.exit_code, 2);
    EXPECT_NE(node.err.find("no element with id 'dbx'"), std::string::npos) << node.err;
    const CliResult edge =
        run_cli({"sweep", small_scenario, "--set", "edges.db->api.timeout_ms=1"});
    EXPECT_EQ(edge.exit_code, 2);
    EXPECT_NE(edge.err.find("no edge 'db->api'"), std::string::npos) << edge.err;
    const CliResult through = run_cli({"sweep", small_scenario, "--set", "seed.x=1"});
    EXPECT_EQ(through.exit_code, 2);
    EXPECT_NE(through.err.find("'seed' is a number"), std::string::npos) << through.err;
}

}  // namespace
}  // namespace flowlab::cli_test
