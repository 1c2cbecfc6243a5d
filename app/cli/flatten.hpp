#pragma once
/// Report sections as flat key/value lists: nested objects join their keys with '.'
/// ("latency_ms.p99"), so tables and csv show keys the engine adds later without
/// knowing them.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <utility>
#include <vector>

namespace flowlab::cli {

using FlatEntries = std::vector<std::pair<std::string, boost::json::value>>;

/// Every scalar, in report order; array elements by position ("partitions.0.lag_end").
FlatEntries flatten_all(const boost::json::object& obj);

/// Every scalar, in report order; an array of objects becomes its length (under the
/// array's key) and, per numeric key of its elements, one figure: the maximum for keys
/// ending in "_max", the sum otherwise ("partitions.depth_max", "partitions.lag_end").
FlatEntries flatten_summarized(const boost::json::object& obj);

/// The value at dotted `path` in `obj`, or nullptr.
const boost::json::value* find_path(const boost::json::object& obj, const std::string& path);

}  // namespace flowlab::cli
