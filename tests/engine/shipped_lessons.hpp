#pragma once
// The lesson files shipped in scenarios/ (not its sub-folders), for tests that go over
// every lesson, and the one way tests load a lesson. Needs FLOWLAB_SCENARIOS_DIR.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "flowlab/model/parse.hpp"

namespace flowlab::testing {

/// The file names of the shipped lessons, sorted.
inline std::vector<std::string> shipped_lessons() {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(FLOWLAB_SCENARIOS_DIR))
        if (entry.path().extension() == ".json") files.push_back(entry.path().filename().string());
    std::sort(files.begin(), files.end());
    return files;
}

/// A shipped lesson (`file` names it inside scenarios/), loaded through the real parser; a
/// file that does not load fails the test with every located error.
inline model::Scenario load_lesson(const std::string& file) {
    auto result = model::load_scenario_file(std::string(FLOWLAB_SCENARIOS_DIR) + "/" + file);
    std::string errors;
    for (const auto& d : result.errors) errors += d.to_string() + "\n";
    EXPECT_TRUE(result.ok()) << file << "\n" << errors;
    return result.ok() ? *result.scenario : model::Scenario{};
}

}  // namespace flowlab::testing
