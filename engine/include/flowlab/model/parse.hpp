#pragma once
/// Reading and checking `flowlab/1` scenario files.
///
/// Every problem is reported, in one pass, with where it is:
/// `file:line:column: nodes[3].threads: must be an integer >= 1, got -2`.
/// A file with any problem yields no scenario at all: nothing is partly loaded.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "flowlab/model/scenario.hpp"

namespace flowlab::model {

struct Diagnostic {
    std::string file;     ///< as given by the caller ("" when checking an in-memory scenario)
    int line = 0;         ///< 1-based; 0 when unknown
    int column = 0;       ///< 1-based; 0 when unknown
    std::string path;     ///< JSON path, e.g. "nodes[3].threads" or "edges[0].to"
    std::string message;  ///< e.g. "must be an integer >= 1, got -2"

    /// "file:line:column: path: message" (parts that are unknown are left out).
    std::string to_string() const;
};

struct ParseResult {
    std::optional<Scenario> scenario;  ///< set only when `errors` is empty
    std::vector<Diagnostic> errors;
    bool ok() const { return scenario.has_value(); }
};

/// A further semantic check with path-only diagnostics, run on a scenario that has no
/// other problem (layers above the model plug theirs in: run::check_metric_paths).
using ScenarioCheck = std::vector<Diagnostic> (*)(const Scenario&);

/// Parses and validates scenario text. `file` is used in the messages only.
ParseResult parse_scenario(std::string_view text, std::string_view file = "<input>",
                           ScenarioCheck extra = nullptr);

/// A scenario is a few kilobytes; anything past this many bytes is the wrong file.
constexpr std::size_t max_scenario_bytes = std::size_t{16} << 20;

/// The text of a scenario file, or the one diagnostic that says why it cannot be had.
struct ScenarioText {
    std::string text;
    std::optional<Diagnostic> error;  ///< set when the file cannot be read or is too large
};

/// Reads a file, a pipe or a device alike, stopping one byte past max_scenario_bytes.
ScenarioText read_scenario_text(const std::string& path);

/// Reads (read_scenario_text) and parses a file; an unreadable file is one diagnostic.
ParseResult load_scenario_file(const std::string& path, ScenarioCheck extra = nullptr);

/// Semantic checks of an in-memory scenario (ids, ranges, edges, cycles, faults),
/// with JSON paths but no positions. parse_scenario runs these too and adds positions.
std::vector<Diagnostic> validate(const Scenario& scenario);

}  // namespace flowlab::model
