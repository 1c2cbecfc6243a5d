#pragma once
/// Tables of report entries (clients, or the nodes of one kind) whose columns come from
/// the report itself: every key in report order, so a key the engine adds shows up
/// without a change here. Only figures a student needs are shown when they are zero.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "text_table.hpp"

namespace flowlab::cli {

struct SectionSpec {
    /// Flat keys shown even when zero in every row; any other key shows when some row
    /// has it non-zero (so rare counters appear exactly when they matter).
    std::vector<std::string> always;
    /// Flat keys, or prefixes ending in '.', never shown (shown elsewhere, or too noisy).
    std::vector<std::string> skip;
    /// Column headers for flat keys; others get the key in words ("timed out calls").
    std::map<std::string, std::string> labels;
};

/// One row per (id, object); the first column is "id".
TextTable section_table(const std::vector<std::pair<std::string, const boost::json::object*>>& rows,
                        const SectionSpec& spec);

/// A cell: percentages for availability (3 decimals) and utilization (1), 1-3
/// decimals for other fractional figures, integers as they are, yes/no for booleans.
std::string cell_text(const std::string& flat_key, const boost::json::value& v);

/// "a 1, b 2" from an object's flattened scalars, labelled in words.
std::string inline_figures(const boost::json::object& obj);

}  // namespace flowlab::cli
