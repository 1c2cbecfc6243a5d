#pragma once
// The lesson files shipped in scenarios/ (not its sub-folders), for tests that go over
// every lesson. Needs FLOWLAB_SCENARIOS_DIR.

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace flowlab::testing {

/// The file names of the shipped lessons, sorted.
inline std::vector<std::string> shipped_lessons() {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(FLOWLAB_SCENARIOS_DIR))
        if (entry.path().extension() == ".json") files.push_back(entry.path().filename().string());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace flowlab::testing
