// `run` and `theory` as a user sees them: determinism of the json report, the csv and
// table layouts, --out, and the overrides.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <cmath>
#include <regex>

#include "cli_runner.hpp"

namespace flowlab::cli_test {
namespace {

namespace json = boost::json;

TEST(CliRun, JsonIsByteIdenticalForTheSameSeedExceptPerf) {
    const CliResult a = run_cli({"run", small_scenario, "--seed", "5", "--format", "json"});
    const CliResult b = run_cli({"run", small_scenario, "--seed", "5", "--format", "json"});
    ASSERT_EQ(a.exit_code, 0) << a.err;
    ASSERT_EQ(b.exit_code, 0) << b.err;
    ASSERT_NE(a.out.find("\"perf\":{"), std::string::npos);
    EXPECT_EQ(without_perf(a.out), without_perf(b.out));
    EXPECT_EQ(a.out.back(), '\n');

    const json::object report = parse_report(a.out);
    EXPECT_EQ(report.at("format"), "flowlab-report/1");
    EXPECT_EQ(number(report.at("seed")), 5.0);
    EXPECT_TRUE(report.at("perf").as_object().contains("events"));
    // Removing perf must leave exactly the report without perf.
    json::object stripped = report;
    stripped.erase("perf");
    EXPECT_EQ(parse_report(without_perf(a.out)), stripped);
}

TEST(CliRun, ADifferentSeedGivesADifferentReport) {
    const CliResult a = run_cli({"run", small_scenario, "--seed", "5", "--format", "json"});
    const CliResult b = run_cli({"run", small_scenario, "--seed", "6", "--format", "json"});
    ASSERT_EQ(a.exit_code, 0);
    ASSERT_EQ(b.exit_code, 0);
    EXPECT_NE(without_perf(a.out), without_perf(b.out));
}

TEST(CliRun, FileSeedAndRunLengthApplyUnlessOverridden) {
    const CliResult file = run_cli({"run", small_scenario, "--format", "json"});
    ASSERT_EQ(file.exit_code, 0) << file.err;
    const json::object r = parse_report(file.out);
    EXPECT_EQ(number(r.at("seed")), 11.0);  // the file's seed
    // 2 s of Poisson arrivals at 200/s: mean 400, sd 20; 5 sd either side.
    const double requests = number(r.at("clients").at("web").at("requests"));
    EXPECT_GT(requests, 400 - 5 * 20);
    EXPECT_LT(requests, 400 + 5 * 20);

    const CliResult shorter =
        run_cli({"run", small_scenario, "--duration", "0.5", "--format", "json"});
    ASSERT_EQ(shorter.exit_code, 0) << shorter.err;
    // 0.5 s: mean 100, sd 10.
    const double fewer = number(parse_report(shorter.out).at("clients").at("web").at("requests"));
    EXPECT_GT(fewer, 100 - 5 * 10);
    EXPECT_LT(fewer, 100 + 5 * 10);

    const CliResult counted =
        run_cli({"run", small_scenario, "--requests", "57", "--format", "json"});
    ASSERT_EQ(counted.exit_code, 0) << counted.err;
    EXPECT_EQ(number(parse_report(counted.out).at("clients").at("web").at("requests")), 57.0);
}

TEST(CliRun, CsvHasAHeaderAndOneRowPerClientAndNode) {
    const CliResult csv = run_cli({"run", small_scenario, "--seed", "3", "--format", "csv"});
    const CliResult js = run_cli({"run", small_scenario, "--seed", "3", "--format", "json"});
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    ASSERT_EQ(js.exit_code, 0) << js.err;
    const auto lines = lines_of(csv.out);
    ASSERT_EQ(lines.size(), 4u) << csv.out;  // header, web, api, db
    const auto header = fields_of(lines[0]);
    ASSERT_GE(header.size(), 4u);
    EXPECT_EQ(header[0], "section");
    EXPECT_EQ(header[1], "id");
    EXPECT_EQ(header[2], "kind");
    for (std::size_t i = 1; i < lines.size(); ++i)
        EXPECT_EQ(fields_of(lines[i]).size(), header.size()) << lines[i];

    const auto web = fields_of(lines[1]);
    EXPECT_EQ(web[0], "client");
    EXPECT_EQ(web[1], "web");
    EXPECT_EQ(fields_of(lines[2])[1], "api");
    EXPECT_EQ(fields_of(lines[3])[0], "node");
    EXPECT_EQ(fields_of(lines[3])[2], "database");

    // The csv carries the same figures as the json report, flattened.
    const json::object report = parse_report(js.out);
    auto column = [&](const std::string& name) {
        auto it = std::find(header.begin(), header.end(), name);
        EXPECT_NE(it, header.end()) << name;
        return static_cast<std::size_t>(it - header.begin());
    };
    const auto& client = report.at("clients").at("web");
    EXPECT_DOUBLE_EQ(std::stod(web[column("availability")]), number(client.at("availability")));
    EXPECT_DOUBLE_EQ(std::stod(web[column("latency_ms.p99")]),
                     number(client.at("latency_ms").at("p99")));
    EXPECT_DOUBLE_EQ(std::stod(fields_of(lines[3])[column("utilization")]),
                     number(report.at("nodes").at("db").at("utilization")));
    EXPECT_FALSE(std::regex_search(csv.out, std::regex("[0-9][eE][-+]?[0-9]")))
        << "no scientific notation";
}

TEST(CliRun, TableShowsClientsNodesTheoryAndPerf) {
    const CliResult r = run_cli({"run", small_scenario});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const char* piece :
         {"CLI test: web -> api -> db", "seed 11", "availability", "web", "api", "db", "p99 ms",
          "util %", "Theory", "chain availability", "P99 sum of work, no queueing (not a bound)",
          "no P99 bound for web: api calls other nodes", "Little's law", "perf:"})
        EXPECT_NE(r.out.find(piece), std::string::npos) << piece << "\n" << r.out;
    EXPECT_FALSE(std::regex_search(r.out, std::regex("[0-9][eE][-+]?[0-9]"))) << r.out;
    // Availability as a percentage with three decimals.
    EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(\n  web +[0-9]+ .* 9[0-9]\.[0-9]{3} )")))
        << r.out;
}

TEST(CliRun, AsyncNodesGetTheirOwnTablesAndCsvRows) {
    // Needs the messaging runtime: queues, consumers and DLQs are in the report.
    const std::string file = std::string(FLOWLAB_TEST_DATA_DIR) + "/cli/async.json";
    const CliResult table = run_cli({"run", file});
    ASSERT_EQ(table.exit_code, 0) << table.err;
    for (const char* piece : {"\nQueues\n", "\nConsumers\n", "\nDead-letter queues\n", "published",
                              "delivered", "acked", "redelivered", "processed", "side effects",
                              "Conservation: messages published", "lost 0"})
        EXPECT_NE(table.out.find(piece), std::string::npos) << piece << "\n" << table.out;

    const CliResult csv = run_cli({"run", file, "--format", "csv"});
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    const auto lines = lines_of(csv.out);
    ASSERT_EQ(lines.size(), 6u) << csv.out;  // header, shop, orders, jobs, worker, dead
    std::vector<std::string> kinds;
    for (std::size_t i = 1; i < lines.size(); ++i) kinds.push_back(fields_of(lines[i])[2]);
    for (const char* kind : {"client", "service", "queue", "consumer", "dlq"})
        EXPECT_NE(std::find(kinds.begin(), kinds.end(), kind), kinds.end()) << kind << "\n"
                                                                            << csv.out;
}

TEST(CliRun, OutWritesTheFileAndNothingElse) {
    TempDir dir;
    const auto path = dir.path / "report.json";
    const CliResult r =
        run_cli({"run", small_scenario, "--format", "json", "--out", path.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "");
    const CliResult direct = run_cli({"run", small_scenario, "--format", "json"});
    EXPECT_EQ(without_perf(read_text(path)), without_perf(direct.out));
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path)) ++files;
    EXPECT_EQ(files, 1u) << "the temporary file was renamed, not left behind";

    // Replacing an existing file works the same way.
    const CliResult again =
        run_cli({"run", small_scenario, "--format", "csv", "--out", path.string()});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(read_text(path).rfind("section,id,kind", 0), 0u);
}

TEST(CliTheory, PredictsTheChainAvailabilityOfTheFile) {
    const CliResult r = run_cli({"theory", small_scenario, "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json::object theory = parse_report(r.out);
    // api fails 2%, db 1%, independently: (1 - 0.02) * (1 - 0.01).
    EXPECT_NEAR(number(theory.at("chain_availability")), 0.98 * 0.99, 1e-6);
    // db is fed Poisson load of 200/s with 4 connections of exponential 5 ms work.
    const auto& db = theory.at("stations").at("db");
    EXPECT_EQ(number(db.at("c")), 4.0);
    EXPECT_NEAR(number(db.at("utilization")), 200 * 0.005 / 4, 1e-6);

    const CliResult table = run_cli({"theory", small_scenario});
    ASSERT_EQ(table.exit_code, 0) << table.err;
    EXPECT_NE(table.out.find("chain availability"), std::string::npos) << table.out;
    EXPECT_NE(table.out.find("97.0200 %"), std::string::npos) << table.out;
}

TEST(CliTheory, ShowsTheBoundAndThePollaczekKhinchineStation) {
    const std::string file = std::string(FLOWLAB_TEST_DATA_DIR) + "/cli/one_thread.json";
    const CliResult r = run_cli({"theory", file});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const char* piece :
         {"P99 sum of work, no queueing (not a bound)", "P99 bound, queueing included",
          "One-thread stations with general work (M/G/1", "svc"})
        EXPECT_NE(r.out.find(piece), std::string::npos) << piece << "\n" << r.out;
    // P-K: 0.08/ms x (10 ms)^2 / (2 x 0.2) = 20 ms of mean wait.
    EXPECT_NE(r.out.find("20.00"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("no P99 bound"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace flowlab::cli_test
