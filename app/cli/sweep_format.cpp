#include "sweep_format.hpp"

#include <boost/json/serialize.hpp>

#include "flowlab/run/report_json.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "flatten.hpp"
#include "flowlab/metrics/confidence.hpp"
#include "flowlab/theory/predict.hpp"
#include "json_path_set.hpp"
#include "number_format.hpp"
#include "report_format.hpp"

namespace flowlab::cli {

namespace json = boost::json;

namespace {

using Figures = std::vector<std::pair<std::string, json::value>>;

/// The key figures of one report, named "<id>.<key>".
Figures key_figures(const json::object& report) {
    Figures out;
    if (const json::value* clients = report.if_contains("clients");
        clients && clients->is_object()) {
        for (const auto& c : clients->get_object()) {
            if (!c.value().is_object()) continue;
            for (const char* key : {"availability", "latency_ms.p50", "latency_ms.p95",
                                    "latency_ms.p99", "latency_ms.mean", "ok", "failed"})
                if (const json::value* v = find_path(c.value().get_object(), key))
                    out.emplace_back(std::string(c.key()) + "." + key, *v);
        }
    }
    if (const json::value* nodes = report.if_contains("nodes"); nodes && nodes->is_object()) {
        for (const auto& n : nodes->get_object())
            if (const json::value* u = n.value().is_object()
                                           ? n.value().get_object().if_contains("utilization")
                                           : nullptr)
                out.emplace_back(std::string(n.key()) + ".utilization", *u);
    }
    return out;
}

struct Summary {
    std::size_t value_index;
    double t_quantile;
    std::vector<std::optional<double>> mean, half_width;  ///< per column
};

struct Table {
    std::vector<std::string> columns;
    std::vector<Figures> figures;  ///< per run
    std::vector<Summary> summaries;
};

const json::value* lookup(const Figures& f, const std::string& key) {
    for (const auto& [k, v] : f)
        if (k == key) return &v;
    return nullptr;
}

Table build(const SweepResult& sweep) {
    Table t;
    for (const auto& run : sweep.runs) {
        t.figures.push_back(key_figures(run.report));
        for (const auto& [key, value] : t.figures.back())
            if (std::find(t.columns.begin(), t.columns.end(), key) == t.columns.end())
                t.columns.push_back(key);
    }
    if (sweep.replications < 2) return t;
    for (std::size_t v = 0; v < sweep.values.size(); ++v) {
        Summary s{v, metrics::t_975(static_cast<std::size_t>(sweep.replications)), {}, {}};
        for (const auto& column : t.columns) {
            std::vector<double> xs;
            for (std::size_t r = 0; r < sweep.runs.size(); ++r) {
                const json::value* x =
                    sweep.runs[r].value_index == v ? lookup(t.figures[r], column) : nullptr;
                if (x && x->is_number()) xs.push_back(number_of(*x));
            }
            std::optional<double> mean, half;
            if (!xs.empty()) {
                const metrics::MeanCi m = metrics::mean_ci95(xs);
                mean = m.mean;
                half = m.half_width;
            }
            // Six significant digits: the interval is far wider than the rounding.
            if (mean) mean = theory::round_significant_6(*mean);
            if (half) half = theory::round_significant_6(*half);
            s.mean.push_back(mean);
            s.half_width.push_back(half);
        }
        t.summaries.push_back(std::move(s));
    }
    return t;
}

std::string value_text(const json::value& v) {
    if (v.is_string()) return std::string(v.get_string());
    if (v.is_number()) return exact_text(v);
    return flowlab::run::to_json_text(v);
}

std::string number_cell(const std::optional<double>& x) { return x ? exact_text(*x) : ""; }

}  // namespace

std::string format_sweep_csv(const SweepResult& sweep) {
    const Table t = build(sweep);
    std::string out = "row,value,replication,seed";
    for (const auto& c : t.columns) (out += ',') += csv_field(c);
    out += "\n";
    for (std::size_t v = 0; v < sweep.values.size(); ++v) {
        const std::string value = csv_field(value_text(sweep.values[v]));
        for (std::size_t r = 0; r < sweep.runs.size(); ++r) {
            const SweepRun& run = sweep.runs[r];
            if (run.value_index != v) continue;
            out += "run," + value + "," + std::to_string(run.replication) + "," +
                   std::to_string(run.seed);
            for (const auto& c : t.columns) {
                const json::value* x = lookup(t.figures[r], c);
                (out += ',') +=
                    x ? csv_field(x->is_number() ? exact_text(*x) : value_text(*x)) : std::string();
            }
            out += "\n";
        }
        for (const auto& s : t.summaries) {
            if (s.value_index != v) continue;
            std::string mean = "mean," + value + ",,", ci = "ci95," + value + ",,";
            for (std::size_t c = 0; c < t.columns.size(); ++c) {
                (mean += ',') += number_cell(s.mean[c]);
                (ci += ',') += number_cell(s.half_width[c]);
            }
            out += mean + "\n" + ci + "\n";
        }
    }
    return out;
}

std::string format_sweep_json(const SweepResult& sweep) {
    const Table t = build(sweep);
    json::object head;
    head["path"] = sweep.path;
    head["values"] = json::array(sweep.values.begin(), sweep.values.end());
    head["replications"] = sweep.replications;

    json::array runs;
    for (const auto& run : sweep.runs) {
        json::object o;
        o["value"] = sweep.values[run.value_index];
        o["replication"] = run.replication;
        o["seed"] = run.seed;
        o["report"] = run.report;
        runs.push_back(std::move(o));
    }
    json::array summary;
    for (const auto& s : t.summaries) {
        json::object o, mean, half;
        o["value"] = sweep.values[s.value_index];
        o["replications"] = sweep.replications;
        o["t_quantile"] = theory::round_significant_6(s.t_quantile);
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            mean[t.columns[c]] = s.mean[c] ? json::value(*s.mean[c]) : json::value(nullptr);
            half[t.columns[c]] =
                s.half_width[c] ? json::value(*s.half_width[c]) : json::value(nullptr);
        }
        o["mean"] = std::move(mean);
        o["ci95_half_width"] = std::move(half);
        summary.push_back(std::move(o));
    }
    json::object doc;
    doc["sweep"] = std::move(head);
    doc["runs"] = std::move(runs);
    doc["summary"] = std::move(summary);
    return flowlab::run::to_json_text(doc) + "\n";
}

}  // namespace flowlab::cli
