#pragma once
/// A compare pair (`flowlab-compare-pair/1`): two scenario files to open side by side
/// under the same arrivals, a title, a sentence on what the contrast shows, and the
/// figures to watch beyond each client's availability, latency and throughput.
///
/// The scenario paths are relative to the pair file's folder. Every problem (in the pair
/// file, or in either scenario it names) is reported with where it is, and a pair with any
/// problem yields nothing.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "flowlab/model/parse.hpp"
#include "flowlab/model/scenario.hpp"

namespace flowlab::model {

/// Which way a figure should move for B to be the better design.
enum class Better { unknown, higher, lower };

/// "higher" / "lower" / "" (unknown).
std::string_view better_name(Better better);

/// A figure the pair watches in both runs: a metric path of the report.
struct ComparePairWatch {
    std::string metric;
    std::string label;  ///< "" = the metric path
    Better better = Better::unknown;
};

struct ComparePair {
    std::string title;
    std::string explain;
    std::string a_file, b_file;  ///< the scenario files, resolved against the pair's folder
    Scenario a, b;
    std::vector<ComparePairWatch> watch;
};

struct ComparePairResult {
    std::optional<ComparePair> pair;  ///< set only when `errors` is empty
    std::vector<Diagnostic> errors;
};

constexpr std::string_view compare_pair_format = "flowlab-compare-pair/1";

/// Parses pair text; `file` names it in messages and `folder` is where its scenario paths
/// start from. Each scenario is loaded with load_scenario_file(path, extra); its problems
/// are reported in its own file, after one at the pair's "a" or "b" that says which.
ComparePairResult parse_compare_pair(std::string_view text, std::string_view file,
                                     const std::string& folder, ScenarioCheck extra = nullptr);

/// Reads (read_scenario_text) and parses a pair file.
ComparePairResult load_compare_pair(const std::string& path, ScenarioCheck extra = nullptr);

}  // namespace flowlab::model
