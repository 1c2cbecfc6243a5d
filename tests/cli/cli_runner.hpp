#pragma once
// Runs the real flowlab-cli binary (FLOWLAB_CLI) as a user would, capturing its exit
// code, stdout and stderr. Output goes to temporary files, not pipes, so a large report
// cannot block the child while the test waits for it.

#include <fcntl.h>
#include <gtest/gtest.h>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace flowlab::cli_test {

struct CliResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

inline std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void write_text(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

/// A fresh directory under the system temp dir, removed when the object goes.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "flowlab-cli-test-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

inline CliResult run_cli(const std::vector<std::string>& args) {
    TempDir dir;
    const std::string out_path = (dir.path / "stdout").string(),
                      err_path = (dir.path / "stderr").string();
    std::vector<std::string> argv_text{FLOWLAB_CLI};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    CliResult result;
    if (spawned != 0) {
        ADD_FAILURE() << "cannot start " << FLOWLAB_CLI;
        return result;
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = read_text(out_path);
    result.err = read_text(err_path);
    return result;
}

/// The report text with its "perf" object cut out: what must be byte-identical.
/// A report printed as JSON, as an object (a test failure when it is not one).
inline boost::json::object parse_report(const std::string& text) {
    boost::json::value v = boost::json::parse(text);
    EXPECT_TRUE(v.is_object());
    return v.is_object() ? v.get_object() : boost::json::object{};
}

inline double number(const boost::json::value& v) { return v.to_number<double>(); }

inline std::string without_perf(const std::string& json_text) {
    const std::string key = "\"perf\":{";
    const auto start = json_text.find(key);
    if (start == std::string::npos) return json_text;
    const auto end = json_text.find('}', start + key.size());  // perf holds only numbers
    std::size_t cut_from = start, cut_to = end + 1;
    if (cut_from > 0 && json_text[cut_from - 1] == ',') --cut_from;
    return json_text.substr(0, cut_from) + json_text.substr(cut_to);
}

/// Lines of a text, without their '\n'.
inline std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::stringstream s(text);
    for (std::string line; std::getline(s, line);) lines.push_back(line);
    return lines;
}

/// A csv line of plain fields (the test scenarios have no quoted fields).
inline std::vector<std::string> fields_of(const std::string& line) {
    std::vector<std::string> fields;
    std::string field;
    std::stringstream s(line);
    while (std::getline(s, field, ',')) fields.push_back(field);
    if (!line.empty() && line.back() == ',') fields.emplace_back();
    return fields;
}

inline const std::string small_scenario = std::string(FLOWLAB_TEST_DATA_DIR) + "/cli/small.json";

}  // namespace flowlab::cli_test
