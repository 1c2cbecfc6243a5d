#pragma once
/// The output of `flowlab-cli sweep`: one row per (value, replication) with the key
/// figures of every client and node, plus mean and 95% confidence rows per value.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace flowlab::cli {

struct SweepRun {
    std::size_t value_index = 0;
    int replication = 0;
    std::uint64_t seed = 0;
    boost::json::object report;  ///< without "perf"
};

struct SweepResult {
    std::string path;
    std::vector<std::string> texts;          ///< the values as typed
    std::vector<boost::json::value> values;  ///< the values as JSON
    int replications = 1;
    std::vector<SweepRun> runs;  ///< value-major, then replication
};

/// csv: "row,value,replication,seed," then per client id.availability, id.latency_ms.p50,
/// .p95, .p99, .mean, id.ok, id.failed and per node id.utilization. With R > 1 each
/// value's runs are followed by a "mean" and a "ci95" (half-width) row.
std::string format_sweep_csv(const SweepResult& sweep);

/// {"sweep": {...}, "runs": [...], "summary": [...]} plus a newline.
std::string format_sweep_json(const SweepResult& sweep);

}  // namespace flowlab::cli
