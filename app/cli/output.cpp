#include "output.hpp"

#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "cli_args.hpp"
#include "flowlab/model/atomic_file.hpp"

namespace flowlab::cli {

namespace {

std::string reason() { return std::strerror(errno); }

}  // namespace

void check_writable(const std::optional<std::string>& out_path) {
    if (!out_path) return;
    std::string tmp = *out_path + ".tmp-XXXXXX";
    int fd = ::mkstemp(tmp.data());
    if (fd < 0) run_error("flowlab-cli: cannot write '" + *out_path + "': " + reason());
    ::close(fd);
    ::unlink(tmp.c_str());
}

void emit(const std::string& text, const std::optional<std::string>& out_path) {
    if (!out_path) {
        std::cout << text << std::flush;
        if (!std::cout) run_error("flowlab-cli: cannot write to stdout");
        return;
    }
    // The same writer as the app's Save: through symlinks, keeping permissions.
    const std::string error = model::write_file_atomically(*out_path, text, "write");
    if (!error.empty()) run_error("flowlab-cli: " + error);
}

}  // namespace flowlab::cli
