#pragma once
/// `sweep --set PATH=V1,V2,...`: reading the argument and changing one value of a
/// scenario file's JSON. Paths are dotted; elements of "nodes" and "edges" are named as
/// in a parameter path (model/param_path.hpp: an id, FROM->TO, or a position), elements
/// of any other array by position.

#include <boost/json/value.hpp>

#include "flowlab/model/scenario.hpp"

#include <string>
#include <vector>

namespace flowlab::cli {

struct SetSpec {
    std::string path;                        ///< "edges.api->db.timeout_ms"
    std::vector<std::string> texts;          ///< each value as typed
    std::vector<boost::json::value> values;  ///< each value as JSON (a non-JSON text is a string)
};

/// Splits "PATH=V1,V2,..." (commas inside brackets, braces and quotes do not split).
/// A missing '=', an empty path or an empty value is CliExit(2) with the sweep usage.
SetSpec parse_set_spec(const std::string& argument);

/// Sets `value` at `path` inside `doc` (the JSON of `scenario`, the file as loaded),
/// creating missing objects on the way. A path that names no element, or goes through a
/// number or string, is CliExit(2) naming the segment and what exists there.
void set_json_path(boost::json::value& doc, const model::Scenario& scenario,
                   const std::string& path, const boost::json::value& value);

}  // namespace flowlab::cli
