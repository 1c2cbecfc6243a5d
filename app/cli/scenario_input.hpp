#pragma once
/// Loading scenarios for a command: a bad file ends the program with exit code 2
/// after every diagnostic has been printed, one per line.

#include <string>
#include <string_view>
#include <vector>

#include "cli_args.hpp"
#include "flowlab/model/parse.hpp"
#include "flowlab/model/scenario.hpp"

namespace flowlab::cli {

/// Every diagnostic's `file:line:column: path: message`, one per line.
std::string diagnostics_text(const std::vector<model::Diagnostic>& errors);

/// The text of `path` (capped like every scenario input), or CliExit(2) saying why not.
std::string read_or_exit(const std::string& path);

/// The valid scenario in `path`, or CliExit(2) carrying all its diagnostics.
model::Scenario load_or_exit(const std::string& path);

/// The scenario with --duration or --requests applied is checked like a file, so the
/// options obey the file's limits (model::max_run_requests); CliExit(2) naming the option.
void check_overrides_or_exit(const model::Scenario& scenario, const CommandLine& cl);

/// The valid scenario in `text` (named `file` in messages), or CliExit(2).
model::Scenario parse_or_exit(std::string_view text, const std::string& file);

}  // namespace flowlab::cli
