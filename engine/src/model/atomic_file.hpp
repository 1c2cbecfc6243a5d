#pragma once
// Replacing a file so that readers and crashes only ever see the old or the new content.

#include <string>
#include <string_view>

namespace flowlab::model::detail {

/// Writes `contents` to a new temporary file beside `path`, fsyncs it, renames it over
/// `path` and fsyncs the directory. An existing file keeps its permission bits. Returns ""
/// or a message such as "cannot save 'a.json': Permission denied"; on failure the
/// temporary file is removed and `path` is untouched.
std::string write_file_atomically(const std::string& path, std::string_view contents);

}  // namespace flowlab::model::detail
