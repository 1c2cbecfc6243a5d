#pragma once
/// Writing scenarios back to `flowlab/1` JSON: deterministic key order, defaults
/// omitted, so a file saved by the GUI diffs cleanly and runs identically in the CLI.

#include <string>

#include "flowlab/model/scenario.hpp"

namespace flowlab::model {

/// The scenario as pretty-printed JSON text (2-space indent, trailing newline).
std::string to_json_text(const Scenario& scenario);

/// Atomic save: writes a temporary file beside `path`, flushes it, then renames it over
/// `path`, so a crash never leaves a half-written file. Returns "" or an error message.
std::string save_scenario_file(const Scenario& scenario, const std::string& path);

}  // namespace flowlab::model
