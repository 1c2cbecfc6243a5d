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

/// A lesson's watch entry held against its reference in one report (final, at --until S,
/// or live): what the tests check and what colours the app's watch panel.
struct WatchCheck {
    std::optional<double> value;      ///< the watched metric; nullopt when it names no number
    std::optional<double> reference;  ///< `expect`, or the `against` metric; nullopt if none
    bool agrees = false;              ///< both known and the relation holds within the tolerance
};

/// Evaluates `item` in `report`: "==" |value - reference| <= tolerance, "<=" value <=
/// reference + tolerance, ">=" value >= reference - tolerance. An entry without a
/// reference (prose only, or a metric shown without a claim) never agrees.
WatchCheck check_watch(const boost::json::object& report, const model::WatchItem& item);

/// The verdict alone: nullopt when there is nothing to judge (no reference, or a path that
/// names no number), else check_watch(report, item).agrees.
std::optional<bool> watch_agrees(const boost::json::object& report, const model::WatchItem& item);

/// Every metric path the scenario's lesson names (watch metrics and their references, step
/// conditions and predictions) or its challenge grades (goal metrics) that is not a number
/// in the scenario's report, located by JSON path ("lesson.watch[2].metric",
/// "lesson.steps[1].when.metric", "challenge.goals[0].metric").
/// Plug into model::parse_scenario as its extra check.
std::vector<model::Diagnostic> check_metric_paths(const model::Scenario& scenario);

/// Parses and validates like model::parse_scenario / load_scenario_file, then checks the
/// metric paths: what the CLI and the app load files with.
model::ParseResult parse_scenario_checked(std::string_view text, std::string_view file = "<input>");
model::ParseResult load_scenario_checked(const std::string& path);

}  // namespace flowlab::run
