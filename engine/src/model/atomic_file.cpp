#include "flowlab/model/atomic_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

namespace flowlab::model {

namespace {

std::string failure(std::string_view verb, const std::string& path, int err) {
    return "cannot " + std::string(verb) + " '" + path + "': " + std::strerror(err);
}

bool write_all(int fd, std::string_view data) {
    while (!data.empty()) {
        ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

/// Makes the rename itself durable; a failure here is not worth failing the save for
/// (some file systems refuse fsync on directories).
void sync_directory(const std::filesystem::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

/// ".<name>.tmp-": every temporary of `target` starts with it; the writer's pid and a
/// counter follow, so a temporary says which process made it.
std::string temp_prefix(const std::filesystem::path& target) {
    std::string prefix = ".";  // appended, not "." + name: GCC 12 warns (-Wrestrict) on that
    prefix += target.filename().string();
    prefix += ".tmp-";
    return prefix;
}

/// The pid in a temporary's name ("<prefix><pid>-<counter>"), or 0 if it is not one of ours.
pid_t temp_owner(const std::string& name, const std::string& prefix) {
    if (name.rfind(prefix, 0) != 0) return 0;
    const auto dash = name.find('-', prefix.size());
    if (dash == std::string::npos || dash == prefix.size() || dash + 1 == name.size()) return 0;
    const std::string pid = name.substr(prefix.size(), dash - prefix.size());
    const std::string counter = name.substr(dash + 1);
    auto digits = [](const std::string& t) {
        return t.size() < 10 && t.find_first_not_of("0123456789") == std::string::npos;
    };
    if (!digits(pid) || !digits(counter)) return 0;
    return static_cast<pid_t>(std::stol(pid));
}

/// Removes temporaries of `target` left by writers that died mid-save (kill -9, a power
/// cut): their pid names no running process. A live writer's temporary is never touched,
/// and a pid reused by another process only keeps a stale file one save longer.
void remove_stale_temporaries(const std::filesystem::path& dir,
                              const std::filesystem::path& target) {
    const std::string prefix = temp_prefix(target);
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const pid_t owner = temp_owner(it->path().filename().string(), prefix);
        if (owner <= 0 || owner == ::getpid()) continue;
        if (::kill(owner, 0) != 0 && errno == ESRCH) ::unlink(it->path().c_str());
    }
}

}  // namespace

std::string write_file_atomically(const std::string& path, std::string_view contents,
                                  std::string_view verb) {
    namespace fs = std::filesystem;
    fs::path target(path);
    std::error_code ec;
    // Saving through a symlink replaces the file it points to, not the link.
    if (fs::is_symlink(target, ec)) {
        auto resolved = fs::weakly_canonical(target, ec);
        if (!ec) target = resolved;
    }
    fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();

    remove_stale_temporaries(dir, target);

    static std::atomic<unsigned> counter{0};
    std::string tmp;
    int fd = -1;
    for (int attempt = 0; fd < 0; ++attempt) {
        std::string name = temp_prefix(target);
        name += std::to_string(::getpid());
        name += '-';
        name += std::to_string(counter++);
        tmp = (dir / name).string();
        // O_EXCL: never clobber someone else's temporary; 0666 lets the umask decide.
        fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && (errno != EEXIST || attempt > 100)) return failure(verb, path, errno);
    }
    struct stat existing {};
    if (::stat(target.c_str(), &existing) == 0 && S_ISREG(existing.st_mode))
        ::fchmod(fd, existing.st_mode & 07777);

    int err = 0;
    if (!write_all(fd, contents) || ::fsync(fd) != 0) err = errno ? errno : EIO;
    if (::close(fd) != 0 && err == 0) err = errno;
    if (err == 0 && ::rename(tmp.c_str(), target.c_str()) != 0) err = errno;
    if (err != 0) {
        ::unlink(tmp.c_str());
        return failure(verb, path, err);
    }
    sync_directory(dir);
    return "";
}

}  // namespace flowlab::model
