#pragma once
/// The three faces of a `flowlab-report/1` object: table (people), json, csv.

#include <boost/json/object.hpp>

#include <string>

namespace flowlab::cli {

/// The aligned plain-text report: header, clients, failure reasons, jobs, node
/// tables per kind, conservation, traces, theory, perf.
std::string format_report_table(const boost::json::object& report);

/// The report as serialized JSON plus a newline (`boost::json::serialize`).
std::string format_report_json(const boost::json::object& report);

/// A header row, then one row per client and per node: section, id, then every
/// flattened key (union over rows, in report order); missing figures stay empty.
std::string format_report_csv(const boost::json::object& report);

/// The "Theory" section. `report` (may be null) supplies measured figures shown beside
/// the predictions; `sole_client` names the client when predictions are plain numbers.
std::string format_theory_section(const boost::json::object& theory,
                                  const boost::json::object* report,
                                  const std::string& sole_client);

/// A csv field, quoted when it holds a comma, quote or line break (RFC 4180).
std::string csv_field(const std::string& text);

}  // namespace flowlab::cli
