#pragma once
/// Two designs under the same arrivals: both run with the same seed (and seeds N..N+R-1
/// for R replications), and for every client present in both, the differences of its
/// figures and whether it really saw the same arrival times (`flowlab-compare/1`, see
/// docs/cli.md). The CLI's `compare` formats this; the app's compare mode can read it.

#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "flowlab/model/scenario.hpp"
#include "flowlab/runtime/simulation.hpp"

namespace flowlab::run {

/// One design to compare: the file it came from (named in the output) and its scenario.
struct CompareSide {
    std::string file;
    model::Scenario scenario;
};

struct CompareOptions {
    std::optional<std::uint64_t> seed;  ///< nullopt: A's seed
    int replications = 1;               ///< seeds N..N+R-1; R > 1 adds intervals on the deltas
    unsigned threads = 2;
};

/// A run's final report (without "perf") and its clients' arrival fingerprints.
struct FingerprintedRun {
    boost::json::object report;
    std::map<std::string, runtime::ArrivalFingerprint> arrivals;
};
FingerprintedRun run_fingerprinted(const model::Scenario& scenario,
                                   const runtime::SimulationOptions& options);

/// Successful answers (ok + degraded) per measured second of client `id` in `report`.
std::optional<double> client_throughput_per_s(const boost::json::object& report,
                                              const std::string& id);

/// The compared figures of client `id` in two reports, as compare_designs gives them per
/// client for seed N (without same_arrivals and arrivals): {"availability": {"a", "b",
/// "delta"}, "latency_ms": {"p50": {...}, "p95": {...}, "p99": {...}},
/// "throughput_per_s": {...}}; a figure missing from a report is null. The app's compare
/// mode reads its watch figures from here, from the two live reports.
boost::json::object compare_client_figures(const boost::json::object& a,
                                           const boost::json::object& b, const std::string& id);

/// The `flowlab-compare/1` document. Per client in both files and per figure
/// (availability, latency_ms.p50/p95/p99, throughput_per_s): "a" and "b" from the runs
/// with seed N (the reports included), "delta" = b - a exactly; with R > 1 also
/// "delta_mean" and "delta_ci95", the mean of the per-seed differences and its 95%
/// half-width (paired by seed, Student's t). "same_arrivals" holds when the client's
/// arrival fingerprints agree in every replication.
boost::json::object compare_designs(const CompareSide& a, const CompareSide& b,
                                    const CompareOptions& options);

}  // namespace flowlab::run
