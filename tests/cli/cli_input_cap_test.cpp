// Every input stream is capped at 16 MiB, not only regular files: a pipe or a device is
// read in chunks and reading stops one byte past the cap.

#include <fcntl.h>
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <string>
#include <thread>

#include "cli_runner.hpp"
#include "flowlab/model/parse.hpp"

namespace flowlab::cli_test {
namespace {

namespace fs = std::filesystem;

/// Writes `bytes` bytes of `fill` into the FIFO at `path` (opening it blocks until the
/// reader opens it); stops quietly when the reader has gone.
void feed_fifo(const fs::path& path, std::size_t bytes, const std::string& fill) {
    const int fd = ::open(path.c_str(), O_WRONLY);
    if (fd < 0) return;
    std::size_t sent = 0;
    while (sent < bytes) {
        const std::size_t n = std::min(fill.size(), bytes - sent);
        const ssize_t w = ::write(fd, fill.data(), n);
        if (w <= 0) break;  // EPIPE: the reader stopped at the cap and closed its end
        sent += static_cast<std::size_t>(w);
    }
    ::close(fd);
}

bool says_too_large(const CliResult& r, const std::string& file) {
    return r.err.rfind(file + ": the input is too large (more than 16777216 bytes)", 0) == 0;
}

TEST(CliInputCap, DevZeroIsRefusedAtTheCapNotReadUntilMemoryRunsOut) {
    for (const char* command : {"validate", "run", "theory"}) {
        const CliResult r = run_cli({command, "/dev/zero"});
        EXPECT_EQ(r.exit_code, 2) << command;
        EXPECT_TRUE(says_too_large(r, "/dev/zero")) << command << ": " << r.err;
        EXPECT_EQ(r.out, "") << command;
    }
}

TEST(CliInputCap, APipeLongerThanTheCapIsRefused) {
    std::signal(SIGPIPE, SIG_IGN);  // the writer below outlives the reader on purpose
    TempDir dir;
    const fs::path fifo = dir.path / "big.fifo";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    // 200 MB of spaces (valid JSON whitespace, so only the size can be the problem).
    std::thread writer(feed_fifo, fifo, std::size_t{200} << 20, std::string(64 * 1024, ' '));
    const CliResult r = run_cli({"validate", fifo.string()});
    writer.join();
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(says_too_large(r, fifo.string())) << r.err;
}

TEST(CliInputCap, AScenarioInAPipeIsReadWhole) {
    TempDir dir;
    const fs::path fifo = dir.path / "small.fifo";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    const std::string text = read_text(small_scenario);
    ASSERT_FALSE(text.empty());
    std::thread writer(feed_fifo, fifo, text.size(), text);
    const CliResult r = run_cli({"validate", fifo.string()});
    writer.join();
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, fifo.string() + ": ok\n");
}

TEST(ModelInputCap, TheCapIsExactForAStream) {
    // One byte more than the cap from a device is refused; the same read of a regular file
    // of exactly the cap is accepted as text (and then fails as JSON, which is not this).
    const model::ScenarioText zero = model::read_scenario_text("/dev/zero");
    ASSERT_TRUE(zero.error.has_value());
    EXPECT_TRUE(zero.text.empty());
    TempDir dir;
    const fs::path exact = dir.path / "exact.json";
    write_text(exact, std::string(model::max_scenario_bytes, ' '));
    const model::ScenarioText read = model::read_scenario_text(exact.string());
    EXPECT_FALSE(read.error.has_value());
    EXPECT_EQ(read.text.size(), model::max_scenario_bytes);
}

}  // namespace
}  // namespace flowlab::cli_test
