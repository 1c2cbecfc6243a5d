// Bad input ends with exit code 2 and says where the problem is; a failing run with 1.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <regex>

#include "cli_runner.hpp"

namespace flowlab::cli_test {
namespace {

namespace fs = std::filesystem;

std::string regex_escape(const std::string& text) {
    static const std::regex special(R"([.^$|()\[\]{}*+?\\])");
    return std::regex_replace(text, special, R"(\$&)");
}

/// True when some line of `err` starts with "<file>:<line>:<column>: ".
bool has_located_line(const std::string& err, const std::string& file) {
    const std::regex located("^" + regex_escape(file) + R"(:[0-9]+:[0-9]+: .+)");
    const auto lines = lines_of(err);
    return std::any_of(lines.begin(), lines.end(),
                       [&](const std::string& l) { return std::regex_match(l, located); });
}

TEST(CliBadFiles, EveryFileInTheBadDirectoryExitsTwoWithALocatedMessage) {
    const fs::path dir = fs::path(FLOWLAB_TEST_DATA_DIR) / "bad";
    ASSERT_TRUE(fs::is_directory(dir))
        << dir << " holds the invalid scenarios every tool must reject";
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.is_regular_file() && entry.path().extension() == ".json")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    ASSERT_FALSE(files.empty()) << "no *.json in " << dir;

    for (const auto& file : files) {
        SCOPED_TRACE(file.string());
        for (const char* command : {"run", "validate"}) {
            const CliResult r = run_cli({command, file.string()});
            EXPECT_EQ(r.exit_code, 2) << command << " stderr: " << r.err;
            EXPECT_TRUE(has_located_line(r.err, file.string())) << command << " stderr: " << r.err;
            EXPECT_EQ(r.out, "") << command;
        }
    }
}

TEST(CliBadFiles, TheNamedBadFilesAreThere) {
    // The directory loop above only proves something if the known cases are in it.
    const fs::path dir = fs::path(FLOWLAB_TEST_DATA_DIR) / "bad";
    for (const char* name :
         {"truncated.json", "unknown_key.json", "sync_cycle.json", "binary.json", "empty.json",
          "wrong_type.json", "out_of_range.json", "dangling_edge.json", "duplicate_id.json"})
        EXPECT_TRUE(fs::exists(dir / name)) << name;
}

TEST(CliBadFiles, MessagePointsAtTheLineAndNamesTheKey) {
    TempDir dir;
    const fs::path file = dir.path / "negative_threads.json";
    write_text(file, R"({
  "format": "flowlab/1", "name": "bad", "seed": 1, "run": { "duration_s": 1 },
  "nodes": [
    { "id": "web", "kind": "client", "rate_per_s": 10 },
    { "id": "api", "kind": "service",
      "threads": -2 }
  ],
  "edges": [ { "from": "web", "to": "api", "mode": "sync" } ]
})");
    const CliResult r = run_cli({"run", file.string()});
    EXPECT_EQ(r.exit_code, 2);
    const std::regex expected("(^|\n)" + regex_escape(file.string()) +
                              R"(:6:[0-9]+: nodes\[1\]\.threads: [^\n]*-2)");
    EXPECT_TRUE(std::regex_search(r.err, expected)) << r.err;
}

TEST(CliBadFiles, TwentyThousandSyncCyclesGiveABoundedLocatedAnswer) {
    // web -> s0 -> s1 -> ... -> s19999, and every service calls s0 back: 20,000 cycles, the
    // longest 20,000 nodes long. Printing each in full is 200 million ids (it ended in
    // bad_alloc); the answer is one short message per listed cycle and a count of the rest.
    // The input is generated: 2 MB of JSON is no file to keep in the repository.
    constexpr int services = 20000;
    std::string nodes = R"({ "id": "web", "kind": "client", "rate_per_s": 1 })";
    std::string edges = R"({ "from": "web", "to": "s0", "mode": "sync" })";
    for (int i = 0; i < services; ++i) {
        const std::string id = std::string("s").append(std::to_string(i));
        nodes += ",\n{ \"id\": \"" + id + "\", \"kind\": \"service\" }";
        if (i + 1 < services)
            edges += ",\n{ \"from\": \"" + id + "\", \"to\": \"s" + std::to_string(i + 1) +
                     "\", \"mode\": \"sync\" }";
        edges += ",\n{ \"from\": \"" + id + "\", \"to\": \"s0\", \"mode\": \"sync\" }";
    }
    TempDir dir;
    const fs::path file = dir.path / "cycles.json";
    write_text(file, R"({ "format": "flowlab/1", "name": "cycles", "run": { "duration_s": 1 },
"nodes": [)" + nodes + "],\n\"edges\": [" +
                         edges + "] }");
    for (const char* command : {"validate", "run"}) {
        const CliResult r = run_cli({command, file.string()});
        EXPECT_EQ(r.exit_code, 2) << command;
        EXPECT_EQ(r.out, "") << command;
        // 20 listed cycles of at most 8 ids each plus the count line: a few kilobytes.
        EXPECT_LT(r.err.size(), 16u * 1024u) << command;
        const auto lines = lines_of(r.err);
        EXPECT_EQ(lines.size(), 21u) << command;
        for (const auto& line : lines) EXPECT_TRUE(has_located_line(line, file.string())) << line;
        EXPECT_NE(r.err.find("and 19980 more sync call cycles"), std::string::npos) << r.err;
        // The 20 listed are the first in file order: s0 -> s0 up to s19 -> s0 (20 nodes).
        EXPECT_NE(r.err.find("s6 -> s7 -> ... (12 more) -> s0 ("), std::string::npos) << r.err;
    }
}

TEST(CliBadFiles, RunLengthOptionsObeyTheFileLimits) {
    // --requests took up to 2^63-1 while a file's run.requests stops at 1e9: one limit.
    const CliResult many = run_cli({"run", small_scenario, "--requests", "2000000000"});
    EXPECT_EQ(many.exit_code, 2);
    EXPECT_NE(many.err.find("--requests must be a whole number from 1 to 1000000000"),
              std::string::npos)
        << many.err;
    // 200 requests/s for 1e9 s is 2e11 requests: refused as the file would be, naming the option.
    for (const char* command : {"run", "sweep"}) {
        std::vector<std::string> args{command, small_scenario, "--duration", "1e9"};
        if (std::string(command) == "sweep") args.insert(args.end(), {"--set", "seed=1"});
        const CliResult longer = run_cli(args);
        EXPECT_EQ(longer.exit_code, 2) << command;
        EXPECT_EQ(longer.out, "") << command;
        EXPECT_NE(longer.err.find("flowlab-cli: --duration: run.duration_s: the clients would "
                                  "send about 200000000000 requests"),
                  std::string::npos)
            << longer.err;
    }
}

TEST(CliBadFiles, EveryProblemIsPrintedOnItsOwnLine) {
    TempDir dir;
    const fs::path file = dir.path / "two_problems.json";
    write_text(file, R"({
  "format": "flowlab/1", "name": "bad", "seed": 1, "run": { "duration_s": 1 },
  "nodes": [
    { "id": "web", "kind": "client", "rate_per_s": 10, "colour": "red" },
    { "id": "api", "kind": "service", "threads": 0 }
  ],
  "edges": [ { "from": "web", "to": "api", "mode": "sync" } ]
})");
    const CliResult r = run_cli({"validate", file.string()});
    EXPECT_EQ(r.exit_code, 2);
    const std::regex colour("^" + regex_escape(file.string()) +
                            R"(:4:[0-9]+: nodes\[0\]\.colour: .*)");
    const std::regex threads("^" + regex_escape(file.string()) +
                             R"(:5:[0-9]+: nodes\[1\]\.threads: .*)");
    const auto lines = lines_of(r.err);
    EXPECT_TRUE(std::any_of(lines.begin(), lines.end(), [&](const auto& l) {
        return std::regex_match(l, colour);
    })) << r.err;
    EXPECT_TRUE(std::any_of(lines.begin(), lines.end(), [&](const auto& l) {
        return std::regex_match(l, threads);
    })) << r.err;
}

TEST(CliBadFiles, MissingFileIsBadInputNamingThePath) {
    const CliResult r = run_cli({"run", "/nonexistent/scenario.json"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("/nonexistent/scenario.json"), std::string::npos) << r.err;
}

TEST(CliValidate, GoodFilesAreOkAndOneBadFileMakesItExitTwo) {
    const CliResult good = run_cli({"validate", small_scenario});
    EXPECT_EQ(good.exit_code, 0) << good.err;
    EXPECT_EQ(good.out, small_scenario + ": ok\n");
    EXPECT_EQ(good.err, "");

    TempDir dir;
    const fs::path bad = dir.path / "bad.json";
    write_text(bad, "{\"format\": \"flowlab/1\",");
    const CliResult mixed = run_cli({"validate", small_scenario, bad.string(), small_scenario});
    EXPECT_EQ(mixed.exit_code, 2);
    EXPECT_EQ(mixed.out, small_scenario + ": ok\n" + small_scenario + ": ok\n");
    EXPECT_TRUE(has_located_line(mixed.err, bad.string())) << mixed.err;
}

struct BadFlags {
    std::vector<std::string> args;
    std::string says;  ///< a piece of the one-line message
};

TEST(CliFlags, BadCommandLinesExitTwoWithAMessageAndUsage) {
    const std::string f = small_scenario;
    const std::vector<BadFlags> cases = {
        {{}, "no command"},
        {{"simulate", f}, "unknown command 'simulate'"},
        {{"run"}, "FILE is required"},
        {{"run", f, "--seed"}, "--seed needs a value"},
        {{"run", f, "--seed", "-3"}, "--seed must be a whole number"},
        {{"run", f, "--seed", "12abc"}, "--seed must be a whole number"},
        {{"run", f, "--seed", "99999999999999999999999"}, "--seed must be a whole number"},
        {{"run", f, "--duration", "0"}, "--duration must be a number of seconds > 0"},
        {{"run", f, "--duration", "nan"}, "--duration must be"},
        {{"run", f, "--requests", "2.5"}, "--requests must be a whole number"},
        {{"run", f, "--duration", "1", "--requests", "5"}, "exclude each other"},
        {{"run", f, "--format", "xml"}, "--format for 'run' must be one of"},
        {{"run", f, "--colour"}, "unknown option '--colour'"},
        {{"run", f, "--set", "a=1"}, "'--set' does not apply to 'run'"},
        {{"run", f, f}, "takes one FILE"},
        {{"run", f, "--seed", "1", "--seed", "2"}, "--seed given twice"},
        {{"theory", f, "--format", "csv"}, "--format for 'theory' must be one of"},
        {{"validate"}, "at least one FILE"},
        {{"sweep", f}, "sweep needs --set"},
        {{"sweep", f, "--set", "nodes.db.connections"}, "expected PATH=V1,V2"},
        {{"sweep", f, "--set", "nodes.db.connections=1,,2"}, "empty value"},
        {{"sweep", f, "--set", "nodes.db.connections=1", "--replications", "0"},
         "--replications must be"},
    };
    for (const auto& c : cases) {
        std::string joined;
        for (const auto& a : c.args) joined += a + " ";
        SCOPED_TRACE(joined);
        const CliResult r = run_cli(c.args);
        EXPECT_EQ(r.exit_code, 2);
        EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("usage:"), std::string::npos) << r.err;
        EXPECT_EQ(r.out, "");
    }
}

TEST(CliFlags, HelpAndVersionExitZero) {
    for (const char* arg : {"--help", "help", "-h"}) {
        const CliResult r = run_cli({arg});
        EXPECT_EQ(r.exit_code, 0) << arg;
        EXPECT_NE(r.out.find("sweep FILE --set PATH=V1,V2"), std::string::npos);
        EXPECT_NE(r.out.find("edges.api->db"), std::string::npos)
            << "the help documents sweep paths";
    }
    const CliResult help_of_run = run_cli({"run", "--help"});
    EXPECT_EQ(help_of_run.exit_code, 0);
    const CliResult v = run_cli({"--version"});
    EXPECT_EQ(v.exit_code, 0);
    EXPECT_EQ(v.out.rfind("flowlab-cli ", 0), 0u) << v.out;
}

TEST(CliOut, UnwritableOutIsARunFailure) {
    const CliResult r = run_cli({"run", small_scenario, "--out", "/nonexistent/dir/report.txt"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("/nonexistent/dir/report.txt"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
}

}  // namespace
}  // namespace flowlab::cli_test
