#pragma once
/// Replacing a file so that readers and crashes only ever see the old or the new content:
/// the one implementation behind the app's Save, the CLI's --out and every other writer.

#include <string>
#include <string_view>

namespace flowlab::model {

/// Writes `contents` to a new temporary file beside `path`, fsyncs it, renames it over
/// `path` and fsyncs the directory. An existing file keeps its permission bits; through a
/// symlink, the file it points to is replaced, not the link. Returns "" or a message such
/// as "cannot save 'a.json': Permission denied" (`verb` names the action); on failure the
/// temporary file is removed and `path` is untouched. The temporary is
/// ".<name>.tmp-<pid>-<n>"; temporaries of `path` whose writer died mid-save (kill -9)
/// are removed by the next save to `path`, those of a running process never.
std::string write_file_atomically(const std::string& path, std::string_view contents,
                                  std::string_view verb = "save");

}  // namespace flowlab::model
