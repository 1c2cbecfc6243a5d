#pragma once
/// How a figure named by a metric path reads on screen: availability as a percentage,
/// times in ms or s, counts with thousands separators. The unit comes from the path's
/// names (the report's `_ms`, `_s`, `per_s` suffixes, `availability`), so a figure reads
/// the same in every panel that shows it.

#include <QString>
#include <string_view>

namespace flowlab::ui {

enum class MetricUnit { percent, milliseconds, seconds, perSecond, number };

/// The unit the report uses for `path`.
MetricUnit metricUnit(std::string_view path);
/// The report's value as the screen scales it (a fraction 0.997 shows as 99.7 percent).
double displayValue(MetricUnit unit, double reportValue);
/// The unit's suffix after a number ("%", "ms", "s", "/s"; "" for plain numbers).
QString unitSuffix(MetricUnit unit);
/// The report's value at `path` formatted for reading, with its unit ("99.70 %",
/// "88.5 ms", "1,277").
QString formatMetric(std::string_view path, double reportValue);
/// A short name for a path in a sentence: "redelivered" (nodes.q.redelivered),
/// "latency p99" (clients.web.latency_ms.p99).
QString metricShortName(std::string_view path);
/// The node a path is about: the second segment of clients.<id>... and nodes.<id>...,
/// or "" (traces, conservation, theory).
QString metricNodeId(std::string_view path);

}  // namespace flowlab::ui
