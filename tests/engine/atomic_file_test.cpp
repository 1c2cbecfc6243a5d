// The atomic writer behind Save and --out: a kill -9 mid-save leaves its temporary behind;
// the next save to the same path removes it when the process that wrote it is gone.

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "flowlab/model/atomic_file.hpp"

namespace flowlab::model {
namespace {

namespace fs = std::filesystem;

struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "flowlab-atomic-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

void touch(const fs::path& p) { std::ofstream(p) << "half a scenario"; }

std::string read(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/// The pid of a process that has ended (a child, waited for, so the pid is not reused
/// before the test is over in any realistic case).
pid_t dead_pid() {
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    int status = 0;
    ::waitpid(child, &status, 0);
    return child;
}

TEST(AtomicFile, ASaveRemovesTemporariesOfDeadWritersOfThatPathOnly) {
    TempDir dir;
    const fs::path file = dir.path / "lab.json";
    const std::string dead = std::to_string(dead_pid());
    const fs::path stale = dir.path / (".lab.json.tmp-" + dead + "-0");
    const fs::path stale_later = dir.path / (".lab.json.tmp-" + dead + "-12");
    const fs::path live = dir.path / ".lab.json.tmp-1-0";  // pid 1 is always running
    const fs::path other_file = dir.path / (".other.json.tmp-" + dead + "-0");
    const fs::path not_ours = dir.path / ".lab.json.tmp-notes";
    for (const auto& p : {stale, stale_later, live, other_file, not_ours}) touch(p);

    ASSERT_EQ(write_file_atomically(file.string(), "{}\n"), "");
    EXPECT_EQ(read(file), "{}\n");
    EXPECT_FALSE(fs::exists(stale));
    EXPECT_FALSE(fs::exists(stale_later));
    EXPECT_TRUE(fs::exists(live)) << "a running writer's temporary is left alone";
    EXPECT_TRUE(fs::exists(other_file)) << "another file's temporaries are its own saves'";
    EXPECT_TRUE(fs::exists(not_ours)) << "a name that is not a temporary's is not touched";
}

TEST(AtomicFile, ASaveLeavesNoTemporaryOfItsOwn) {
    TempDir dir;
    const fs::path file = dir.path / "lab.json";
    ASSERT_EQ(write_file_atomically(file.string(), "a"), "");
    ASSERT_EQ(write_file_atomically(file.string(), "b"), "");
    std::size_t entries = 0;
    for (const auto& entry : fs::directory_iterator(dir.path)) {
        (void)entry;
        ++entries;
    }
    EXPECT_EQ(entries, 1u);
    EXPECT_EQ(read(file), "b");
}

}  // namespace
}  // namespace flowlab::model
