#pragma once
/// Metric paths: the one vocabulary for every figure of a run.
///
/// A metric is a dotted path into the report JSON (`clients.web.availability`,
/// `nodes.orders.partitions.0.lag_end`, `conservation.lost`); `partitions[0]` is accepted
/// for `partitions.0`. The same path reads the final report, the report at any virtual
/// time (`flowlab-cli run --until S`) and the live frame, so the screen, the CLI and the
/// tests can never disagree about what a name means.

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "flowlab/model/parse.hpp"
#include "flowlab/model/scenario.hpp"

namespace flowlab::run {

/// The JSON value at `path` in `report`, or nullptr when the path names nothing.
const boost::json::value* metric_at(const boost::json::object& report, std::string_view path);

/// The number at `path` (true/false read as 1/0), or nullopt when the path names no number.
std::optional<double> metric_value(const boost::json::object& report, std::string_view path);

/// Whether a watched figure agrees with its reference (the item's `expect`, or the value at
/// its `against` path): near |v - ref| <= tolerance, at_most v <= ref + tolerance, at_least
/// v >= ref - tolerance. nullopt when the item has no reference or a path names no number.
std::optional<bool> watch_agrees(const boost::json::object& report, const model::WatchItem& item);

/// Every metric path the scenario's lesson names (watch metrics and their references)
/// that is not a number in the scenario's report, located by JSON path ("lesson.watch[2].metric").
/// Plug into model::parse_scenario as its extra check.
std::vector<model::Diagnostic> check_metric_paths(const model::Scenario& scenario);

/// Parses and validates like model::parse_scenario / load_scenario_file, then checks the
/// metric paths: what the CLI and the app load files with.
model::ParseResult parse_scenario_checked(std::string_view text, std::string_view file = "<input>");
model::ParseResult load_scenario_checked(const std::string& path);

}  // namespace flowlab::run
