// --out writes like the app's Save (one writer, model::write_file_atomically): through a
// symlink to the file it points to, keeping the file's permission bits.

#include <sys/stat.h>

#include "cli_runner.hpp"

namespace flowlab::cli_test {
namespace {

namespace fs = std::filesystem;

const std::string small = std::string(FLOWLAB_TEST_DATA_DIR) + "/cli/small.json";

TEST(CliOut, WritesThroughASymlinkAndKeepsPermissions) {
    TempDir dir;
    const fs::path real = dir.path / "report.json";
    const fs::path link = dir.path / "latest.json";
    write_text(real, "old");
    ::chmod(real.c_str(), 0640);
    fs::create_symlink(real, link);

    const CliResult r = run_cli({"run", small, "--format", "json", "--out", link.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(fs::is_symlink(link));
    EXPECT_NE(read_text(real).find("\"format\":\"flowlab-report/1\""), std::string::npos);
    struct stat st {};
    ASSERT_EQ(::stat(real.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0640u);
}

}  // namespace
}  // namespace flowlab::cli_test
