#pragma once
/// `sweep --set PATH=V1,V2,...`: reading the argument and changing one value of a
/// scenario file's JSON. Paths are dotted; inside an array an element is named by its
/// position, by its "id" (nodes), or by "FROM->TO" (edges, the first match).

#include <boost/json/value.hpp>

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

/// Sets `value` at `path` inside `doc`, creating missing objects on the way. A path that
/// names no element, or goes through a number or string, is CliExit(2) naming the
/// segment and what exists there.
void set_json_path(boost::json::value& doc, const std::string& path,
                   const boost::json::value& value);

}  // namespace flowlab::cli
