#pragma once
/// The command line of flowlab-cli: which command, its files and its options, checked.
///
/// Every problem with the command line is a CliExit with code 2 and a usage hint, so
/// main() is the only place that prints errors and picks exit codes.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace flowlab::cli {

/// Ends the program: `message` (may be several lines, may be empty) goes to stderr,
/// then `code` is the exit status. With `usage_of` set, the command's usage follows.
struct CliExit : std::runtime_error {
    int code;
    std::string usage_of;  ///< command whose synopsis is printed after the message ("" none)
    CliExit(int exit_code, const std::string& message, std::string usage_command = "")
        : std::runtime_error(message), code(exit_code), usage_of(std::move(usage_command)) {}
};

/// Exit code 2 without a usage hint: the input files or values are wrong.
[[noreturn]] void input_error(const std::string& message);
/// Exit code 1: the input was fine but the run (or writing its output) failed.
[[noreturn]] void run_error(const std::string& message);

enum class Format { table, json, csv };

struct CommandLine {
    std::string command;  ///< run, validate, theory, sweep, compare, check, help, version
    std::vector<std::string> files;
    std::optional<std::uint64_t> seed;
    std::optional<double> duration_s;
    std::optional<std::int64_t> requests;
    std::optional<double> until_s;  ///< run: report at this virtual time, not at the end
    std::optional<Format> format;
    std::optional<std::string> out;
    std::optional<std::string> set;  ///< sweep: "PATH=V1,V2,..."
    std::optional<int> replications;
    std::optional<std::string> against;  ///< check: the challenge file
};

/// Parses argv; throws CliExit(2) for unknown commands or flags, missing or bad values.
CommandLine parse_command_line(int argc, char** argv);

/// The full `--help` text.
std::string help_text();
/// One command's synopsis line(s), e.g. for "run"; the whole list for "".
std::string usage_of(const std::string& command);
/// "flowlab-cli <version> (...)", the version from CMake's project().
std::string version_text();

}  // namespace flowlab::cli
