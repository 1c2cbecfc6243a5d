// Running two designs side by side and measuring the difference, client by client.

#include "flowlab/run/compare.hpp"

#include "flowlab/metrics/confidence.hpp"
#include "flowlab/metrics/rounding.hpp"
#include "flowlab/run/batch_runner.hpp"
#include "flowlab/run/metric_path.hpp"

namespace flowlab::run {

namespace json = boost::json;

namespace {

/// The figures compared per client: name in the output, and how to read it.
struct Figure {
    const char* group;  ///< "" for a top-level figure, else "latency_ms"
    const char* key;
};
constexpr Figure figures[] = {{"", "availability"},
                              {"latency_ms", "p50"},
                              {"latency_ms", "p95"},
                              {"latency_ms", "p99"},
                              {"", "throughput_per_s"}};

std::optional<double> figure_of(const json::object& report, const std::string& client,
                                const Figure& f) {
    if (std::string(f.key) == "throughput_per_s") return client_throughput_per_s(report, client);
    const std::string group = *f.group ? std::string(f.group) + "." : "";
    return metric_value(report, "clients." + client + "." + group + f.key);
}

json::value number_or_null(const std::optional<double>& x) {
    return x ? json::value(*x) : json::value(nullptr);
}

/// One figure of one client: seed N's values and difference, and over all replications
/// the mean paired difference with its interval.
/// One figure of one client in two reports: {"a", "b", "delta" = b - a}.
json::object figure_pair(const json::object& a, const json::object& b, const std::string& client,
                         const Figure& f) {
    const auto va = figure_of(a, client, f);
    const auto vb = figure_of(b, client, f);
    return {{"a", number_or_null(va)},
            {"b", number_or_null(vb)},
            {"delta", number_or_null(va && vb ? std::optional<double>(*vb - *va) : std::nullopt)}};
}

/// The figures of one client in output order: availability, latency_ms {p50, p95, p99},
/// throughput_per_s; `figure(f)` gives each one's object.
template <class MakeFigure>
void add_figures(json::object& c, MakeFigure figure) {
    json::object latency;
    for (const Figure& f : figures) {
        if (*f.group) {
            latency[f.key] = figure(f);
            continue;
        }
        if (!latency.empty()) c["latency_ms"] = std::move(latency);
        c[f.key] = figure(f);
    }
}

json::object compare_figure(const std::vector<FingerprintedRun>& a,
                            const std::vector<FingerprintedRun>& b, const std::string& client,
                            const Figure& f) {
    json::object o = figure_pair(a.front().report, b.front().report, client, f);
    if (a.size() < 2) return o;
    std::vector<double> deltas;
    for (std::size_t r = 0; r < a.size(); ++r) {
        const auto x = figure_of(a[r].report, client, f), y = figure_of(b[r].report, client, f);
        if (x && y) deltas.push_back(*y - *x);
    }
    const metrics::MeanCi m = metrics::mean_ci95(deltas);
    o["delta_mean"] =
        deltas.empty() ? json::value(nullptr) : json::value(metrics::round_to(m.mean, 6));
    o["delta_ci95"] =
        m.half_width ? json::value(metrics::round_to(*m.half_width, 6)) : json::value(nullptr);
    return o;
}

json::object compare_client(const std::vector<FingerprintedRun>& a,
                            const std::vector<FingerprintedRun>& b, const std::string& id) {
    json::object c;
    bool same = true;
    for (std::size_t r = 0; r < a.size(); ++r)
        same = same && a[r].arrivals.at(id) == b[r].arrivals.at(id);
    c["same_arrivals"] = same;
    c["arrivals"] = {{"a", a.front().arrivals.at(id).count},
                     {"b", b.front().arrivals.at(id).count}};
    // In the spec's order: availability, latency_ms {p50, p95, p99}, throughput_per_s.
    add_figures(c, [&](const Figure& f) { return compare_figure(a, b, id, f); });
    return c;
}

json::object side(const CompareSide& s, const FingerprintedRun& run) {
    return {{"file", s.file}, {"report", run.report}};
}

}  // namespace

json::object compare_client_figures(const json::object& a, const json::object& b,
                                    const std::string& id) {
    json::object c;
    add_figures(c, [&](const Figure& f) { return figure_pair(a, b, id, f); });
    return c;
}

FingerprintedRun run_fingerprinted(const model::Scenario& scenario,
                                   const runtime::SimulationOptions& options) {
    runtime::Simulation sim(scenario, options);
    sim.run_to_end();
    return {sim.report(), sim.arrival_fingerprints()};
}

std::optional<double> client_throughput_per_s(const json::object& report, const std::string& id) {
    const auto ok = metric_value(report, "clients." + id + ".ok");
    const auto degraded = metric_value(report, "clients." + id + ".degraded");
    const auto seconds = metric_value(report, "measured_s");
    if (!ok || !degraded || !seconds || *seconds <= 0) return std::nullopt;
    return metrics::round_to((*ok + *degraded) / *seconds, 6);
}

json::object compare_designs(const CompareSide& a, const CompareSide& b,
                             const CompareOptions& options) {
    const std::uint64_t seed = options.seed.value_or(a.scenario.seed);
    const auto runs = static_cast<std::size_t>(std::max(1, options.replications));
    std::vector<FingerprintedRun> ra(runs), rb(runs);
    for_each_parallel(2 * runs, options.threads, [&](std::size_t i) {
        // Replication r uses seed N + r (wrapping at 2^64), the same for both designs.
        const runtime::SimulationOptions o{seed + static_cast<std::uint64_t>(i / 2), {}, {}};
        if (i % 2 == 0)
            ra[i / 2] = run_fingerprinted(a.scenario, o);
        else
            rb[i / 2] = run_fingerprinted(b.scenario, o);
    });

    json::object out;
    out["format"] = "flowlab-compare/1";
    out["seed"] = seed;
    out["replications"] = runs;
    out["a"] = side(a, ra.front());
    out["b"] = side(b, rb.front());
    json::object clients;
    for (const auto& [id, _] : ra.front().arrivals)
        if (rb.front().arrivals.count(id)) clients[id] = compare_client(ra, rb, id);
    out["clients"] = std::move(clients);
    return out;
}

}  // namespace flowlab::run
