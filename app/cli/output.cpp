#include "output.hpp"

#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "cli_args.hpp"

namespace flowlab::cli {

namespace {

std::string reason() { return std::strerror(errno); }

bool write_all(int fd, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

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
    const std::string& path = *out_path;
    // The temporary lives next to the target so that rename() stays on one file system.
    std::string tmp = path + ".tmp-XXXXXX";
    int fd = ::mkstemp(tmp.data());
    if (fd < 0) run_error("flowlab-cli: cannot write '" + path + "': " + reason());
    bool ok = write_all(fd, text);
    std::string why = ok ? "" : reason();
    if (ok && ::fsync(fd) != 0) {
        ok = false;
        why = reason();
    }
    if (::close(fd) != 0 && ok) {
        ok = false;
        why = reason();
    }
    // mkstemp creates the file 0600; a report is an ordinary file, readable like others.
    if (ok) {
        mode_t mask = ::umask(0);
        ::umask(mask);
        ::chmod(tmp.c_str(), 0666 & ~mask);
    }
    if (ok && std::rename(tmp.c_str(), path.c_str()) != 0) {
        ok = false;
        why = reason();
    }
    if (!ok) {
        ::unlink(tmp.c_str());
        run_error("flowlab-cli: cannot write '" + path + "': " + why);
    }
}

}  // namespace flowlab::cli
