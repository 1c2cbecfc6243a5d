#pragma once
/// Where a command's output goes: stdout, or a file replaced atomically.

#include <optional>
#include <string>

namespace flowlab::cli {

/// Writes `text` to stdout, or to `out_path` through a temporary file in the same
/// directory renamed over it (a reader never sees half a report). A failure to write
/// is a run failure (CliExit code 1) naming the path and the reason.
void emit(const std::string& text, const std::optional<std::string>& out_path);

/// Fails the same way emit() would if `out_path` cannot be created, so a long run does
/// not end in a write error. Nothing is left behind.
void check_writable(const std::optional<std::string>& out_path);

}  // namespace flowlab::cli
