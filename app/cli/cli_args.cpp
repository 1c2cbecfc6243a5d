#include "cli_args.hpp"

#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <string_view>

#include "flowlab/model/schema.hpp"

namespace flowlab::cli {

void input_error(const std::string& message) { throw CliExit(2, message); }
void run_error(const std::string& message) { throw CliExit(1, message); }

namespace {

struct CommandInfo {
    std::string synopsis;
    std::set<std::string> options;  ///< accepted, without the leading "--"
    std::set<std::string> formats;
    std::size_t min_files = 1;
    std::size_t max_files = 1;
};

const std::map<std::string, CommandInfo>& commands() {
    static const std::map<std::string, CommandInfo> table = {
        {"run",
         {"flowlab-cli run FILE [--seed N] [--duration S | --requests N] [--until S]\n"
          "                  [--format table|json|csv] [--out PATH]",
          {"seed", "duration", "requests", "until", "format", "out"},
          {"table", "json", "csv"}}},
        {"validate", {"flowlab-cli validate FILE...", {}, {}, 1, SIZE_MAX}},
        {"theory",
         {"flowlab-cli theory FILE [--format table|json] [--out PATH]",
          {"format", "out"},
          {"table", "json"}}},
        {"sweep",
         {"flowlab-cli sweep FILE --set PATH=V1,V2,... [--replications R] [--format csv|json]\n"
          "                  [--seed N] [--duration S | --requests N] [--out PATH]",
          {"set", "replications", "format", "seed", "duration", "requests", "out"},
          {"csv", "json"}}},
        {"compare",
         {"flowlab-cli compare A.json B.json [--seed N] [--replications R]\n"
          "                  [--format table|json|csv] [--out PATH]",
          {"seed", "replications", "format", "out"},
          {"table", "json", "csv"},
          2,
          2}},
        {"check",
         {"flowlab-cli check FILE [--against CHALLENGE.json] [--replications R] [--seed N]\n"
          "                  [--format table|json] [--out PATH]",
          {"against", "replications", "seed", "format", "out"},
          {"table", "json"}}},
    };
    return table;
}

[[noreturn]] void usage_error(const std::string& command, const std::string& message) {
    throw CliExit(2, message, command.empty() ? std::string("*") : command);
}

bool all_digits(std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

std::uint64_t parse_seed(const std::string& cmd, const std::string& text) {
    std::uint64_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (!all_digits(text) || ec != std::errc() || end != text.data() + text.size())
        usage_error(cmd, "--seed must be a whole number from 0 to 18446744073709551615, got '" +
                             text + "'");
    return v;
}

std::int64_t parse_count(const std::string& cmd, const std::string& flag, const std::string& text,
                         std::int64_t max) {
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (!all_digits(text) || ec != std::errc() || end != text.data() + text.size() || v < 1 ||
        v > max)
        usage_error(cmd, flag + " must be a whole number from 1 to " + std::to_string(max) +
                             ", got '" + text + "'");
    return v;
}

double parse_seconds(const std::string& cmd, const std::string& flag, const std::string& text,
                     bool zero_allowed) {
    double v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() ||
        !std::isfinite(v) || v < 0 || (v == 0 && !zero_allowed))
        usage_error(cmd, flag + " must be a number of seconds " + (zero_allowed ? ">= 0" : "> 0") +
                             ", got '" + text + "'");
    return v;
}

/// --duration: like the file's run.duration_s, at most 1e9 s (about 31.7 years), what the
/// nanosecond clock can hold with room for the drain.
double parse_duration(const std::string& cmd, const std::string& text) {
    const double v = parse_seconds(cmd, "--duration", text, false);
    if (v > 1e9) usage_error(cmd, "--duration must be at most 1e9 seconds, got '" + text + "'");
    return v;
}

Format parse_format(const std::string& cmd, const std::set<std::string>& allowed,
                    const std::string& text) {
    if (!allowed.count(text)) {
        std::string list;
        for (const auto& f : allowed) list += (list.empty() ? "" : ", ") + f;
        usage_error(cmd,
                    "--format for '" + cmd + "' must be one of " + list + ", got '" + text + "'");
    }
    if (text == "json") return Format::json;
    if (text == "csv") return Format::csv;
    return Format::table;
}

/// Reads one option's value into the command line (already checked: the command takes it).
using OptionReader = void (*)(CommandLine& cl, const CommandInfo& info, const std::string& value);

const std::map<std::string, OptionReader>& option_readers() {
    static const std::map<std::string, OptionReader> table = {
        {"seed", [](CommandLine& cl, const CommandInfo&,
                    const std::string& v) { cl.seed = parse_seed(cl.command, v); }},
        {"duration", [](CommandLine& cl, const CommandInfo&,
                        const std::string& v) { cl.duration_s = parse_duration(cl.command, v); }},
        {"until",
         [](CommandLine& cl, const CommandInfo&, const std::string& v) {
             cl.until_s = parse_seconds(cl.command, "--until", v, true);
         }},
        {"requests",
         [](CommandLine& cl, const CommandInfo&, const std::string& v) {
             cl.requests = parse_count(cl.command, "--requests", v, model::max_run_requests);
         }},
        {"replications",
         [](CommandLine& cl, const CommandInfo&, const std::string& v) {
             cl.replications =
                 static_cast<int>(parse_count(cl.command, "--replications", v, 10000));
         }},
        {"format",
         [](CommandLine& cl, const CommandInfo& info, const std::string& v) {
             cl.format = parse_format(cl.command, info.formats, v);
         }},
        {"out",
         [](CommandLine& cl, const CommandInfo&, const std::string& v) {
             if (v.empty()) usage_error(cl.command, "--out needs a file path");
             cl.out = v;
         }},
        {"set", [](CommandLine& cl, const CommandInfo&, const std::string& v) { cl.set = v; }},
        {"against",
         [](CommandLine& cl, const CommandInfo&, const std::string& v) {
             if (v.empty()) usage_error(cl.command, "--against needs a challenge file");
             cl.against = v;
         }},
    };
    return table;
}

/// The first argument: a command, or help / version in any of their spellings.
std::string command_word(const std::string& first) {
    if (first == "--help" || first == "-h" || first == "help") return "help";
    if (first == "--version" || first == "version") return "version";
    if (commands().count(first)) return first;
    if (first.rfind("-", 0) == 0)
        usage_error("", "unknown option '" + first + "' (a command comes first)");
    usage_error("", "unknown command '" + first + "'");
}

/// An option this command does not take: one of another command's, or none at all.
[[noreturn]] void option_not_taken(const std::string& command, const std::string& name) {
    for (const auto& [_, other] : commands())
        if (other.options.count(name))
            usage_error(command, "option '--" + name + "' does not apply to '" + command + "'");
    usage_error(command, "unknown option '--" + name + "'");
}

/// Reads the option at args[i] ("--name value" or "--name=value"); moves i past its value.
void read_option(CommandLine& cl, const CommandInfo& info, const std::vector<std::string>& args,
                 std::size_t& i, std::set<std::string>& seen) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) != 0) usage_error(cl.command, "unknown option '" + a + "'");
    std::string name = a.substr(2);
    std::optional<std::string> value;
    if (auto eq = name.find('='); eq != std::string::npos) {
        value = name.substr(eq + 1);
        name.resize(eq);
    }
    if (!info.options.count(name)) option_not_taken(cl.command, name);
    if (!value) {
        if (i + 1 >= args.size() || args[i + 1].rfind("--", 0) == 0)
            usage_error(cl.command, "--" + name + " needs a value");
        value = args[++i];
    }
    if (!seen.insert(name).second) usage_error(cl.command, "--" + name + " given twice");
    option_readers().at(name)(cl, info, *value);
}

/// Files and options after the command; false when --help among them asks for help.
bool read_arguments(CommandLine& cl, const CommandInfo& info,
                    const std::vector<std::string>& args) {
    std::set<std::string> seen;
    bool only_files = false;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (only_files || a == "-" || a.rfind("-", 0) != 0)
            cl.files.push_back(a);
        else if (a == "--")
            only_files = true;
        else if (a == "--help" || a == "-h")
            return false;
        else
            read_option(cl, info, args, i, seen);
    }
    return true;
}

/// What no single option can check: exclusive options, file counts, required options.
void check_whole(const CommandLine& cl, const CommandInfo& info) {
    if (cl.duration_s && cl.requests)
        usage_error(
            cl.command,
            "--duration and --requests exclude each other: the run is either timed or counted");
    if (cl.files.size() < info.min_files && info.min_files == 2)
        usage_error(cl.command,
                    "'" + cl.command + "' takes two files, got " + std::to_string(cl.files.size()));
    if (cl.files.size() < info.min_files)
        usage_error(cl.command, info.min_files == 1 && info.max_files == 1
                                    ? "a scenario FILE is required"
                                    : "at least one FILE is required");
    if (cl.files.size() > info.max_files && info.max_files == 2)
        usage_error(cl.command, "'" + cl.command + "' takes two files, got " +
                                    std::to_string(cl.files.size()) + " (extra: '" + cl.files[2] +
                                    "')");
    if (cl.files.size() > info.max_files)
        usage_error(cl.command, "'" + cl.command + "' takes one FILE, got " +
                                    std::to_string(cl.files.size()) + " (extra: '" + cl.files[1] +
                                    "')");
    if (cl.command == "sweep" && !cl.set)
        usage_error(cl.command, "sweep needs --set PATH=V1,V2,...");
}

}  // namespace

CommandLine parse_command_line(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) usage_error("", "no command given");
    CommandLine cl;
    cl.command = command_word(args.front());
    if (cl.command == "help" || cl.command == "version") return cl;
    const CommandInfo& info = commands().at(cl.command);
    if (!read_arguments(cl, info, args)) {
        cl.command = "help";
        return cl;
    }
    check_whole(cl, info);
    return cl;
}

std::string usage_of(const std::string& command) {
    auto found = commands().find(command);
    if (found != commands().end()) return "usage: " + found->second.synopsis + "\n";
    std::string all = "usage:\n";
    for (const char* c : {"run", "validate", "theory", "sweep", "compare", "check"})
        all += "  " + commands().at(c).synopsis + "\n";
    all += "  flowlab-cli --help | --version\n";
    return all;
}

std::string version_text() {
    return std::string("flowlab-cli ") + FLOWLAB_VERSION +
           " (scenarios flowlab/1, reports flowlab-report/1)\n";
}

std::string help_text() {
    return usage_of("") + R"(
Runs FlowLab scenarios headless: the same engine and numbers as the desktop app.

Commands
  run FILE        Simulate the scenario and print its report.
                    --seed N        override the file's seed (same file + seed = same report)
                    --duration S    override the run length: S virtual seconds of arrivals
                    --requests N    override the run length: N client requests in total
                    --until S       stop at virtual time S and print the report of the run
                                    so far (what the app shows live at S)
                    --format F      table (default, for people), json (flowlab-report/1), csv
                    --out PATH      write the output to PATH (atomically) instead of stdout
  validate FILE...
                  Check files: "FILE: ok" on stdout for each valid one, every problem
                  of the others as file:line:column: path: message on stderr.
  theory FILE     The analytic predictions that apply (chain availability, sum-of-P99s
                  bound, M/M/c stations via Erlang C, loss stations via Erlang B).
                    --format table|json, --out PATH
  sweep FILE      Run the scenario once per value of one parameter (and replication).
                    --set PATH=V1,V2,...  the parameter and its values (see below)
                    --replications R      runs per value, seeds = base seed + 0..R-1;
                                          R > 1 adds mean and 95% confidence rows
                    --format csv|json     csv (default) or one JSON document
                    --seed, --duration, --requests, --out as for run

  compare A B     Run two designs with the same seed and compare them client by client:
                  availability, P50/P95/P99 and throughput, a, b and b - a, and whether
                  each client saw the very same arrival times (same_arrivals).
                    --seed N          the seed for both (default: A's seed)
                    --replications R  seeds N..N+R-1; R > 1 adds the mean difference and
                                      its 95% confidence half-width (paired by seed)
                    --format F        table (default), json (flowlab-compare/1), csv
  check FILE      Grade a design against challenge goals: R runs, each goal judged on the
                  mean, with its 95% confidence half-width.
                    --against C       the challenge C.json: its goals apply, and FILE must
                                      be a fair answer (locked nodes, clients, faults, run
                                      settings and goals unchanged; budget held)
                    --replications R  runs (default 5), seeds N..N+R-1
                    --seed N          default: the challenge's seed
                    --format F        table (default) or json (flowlab-check/1)

Sweep paths
  A dotted path into the scenario file's JSON. Inside the "nodes" array an element is
  named by its id, inside "edges" by FROM->TO (the first edge with those ends); a number
  picks an array element by position (faults.0.at_s). Missing objects on the way are
  created (edges.api->db.retry.max_retries=0,1,2 adds a "retry" object).
    nodes.db.connections=2,4,8          edges.api->db.timeout_ms=100,500
    run.duration_s=10,60                seed=1,2,3
    nodes.db.query_ms={"dist":"exponential","mean_ms":5},{"dist":"constant","ms":5}
  Values are JSON literals (numbers, true, false, "strings", objects), separated by
  commas outside brackets and quotes; a value that is not valid JSON is taken as a
  string (nodes.q.delivery=fifo,unordered). Every changed scenario is validated like a
  file; a bad value stops the sweep before anything runs. Quote the argument in the
  shell when it holds '->', braces or quotes: --set 'edges.api->db.timeout_ms=100,500'.

Exit status
  0  ran (or every file is valid; check: every goal met)
  1  the run itself failed (engine error, or the --out file cannot be written)
  2  bad input: unreadable or invalid file, unknown option, bad value
  3  check only: some goal not met, or the design is not a fair answer

See docs/cli.md for the report layout and the csv columns.
)";
}

}  // namespace flowlab::cli
