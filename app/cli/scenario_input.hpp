#pragma once
/// Loading scenarios for a command: a bad file ends the program with exit code 2
/// after every diagnostic has been printed, one per line.

#include <string>
#include <string_view>
#include <vector>

#include "flowlab/model/parse.hpp"
#include "flowlab/model/scenario.hpp"

namespace flowlab::cli {

/// Every diagnostic's `file:line:column: path: message`, one per line.
std::string diagnostics_text(const std::vector<model::Diagnostic>& errors);

/// The valid scenario in `path`, or CliExit(2) carrying all its diagnostics.
model::Scenario load_or_exit(const std::string& path);

/// The valid scenario in `text` (named `file` in messages), or CliExit(2).
model::Scenario parse_or_exit(std::string_view text, const std::string& file);

}  // namespace flowlab::cli
