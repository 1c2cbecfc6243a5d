// Metric paths: resolving a dotted path in a report, and checking a scenario's paths
// against the report its run produces (taken at time 0: every figure exists from the
// start, so a path that resolves then resolves at any later time too).

#include "flowlab/run/metric_path.hpp"

#include <cmath>

#include "flowlab/runtime/simulation.hpp"

namespace flowlab::run {

namespace json = boost::json;

namespace {

/// Splits "a.b[2].c" into {"a", "b", "2", "c"}.
std::vector<std::string_view> segments(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= path.size(); ++i) {
        const bool end = i == path.size();
        if (end || path[i] == '.' || path[i] == '[' || path[i] == ']') {
            if (i > start) out.push_back(path.substr(start, i - start));
            start = i + 1;
        }
    }
    return out;
}

std::optional<std::size_t> as_index(std::string_view s) {
    if (s.empty() || s.size() > 9) return std::nullopt;
    std::size_t n = 0;
    for (char ch : s) {
        if (ch < '0' || ch > '9') return std::nullopt;
        n = n * 10 + static_cast<std::size_t>(ch - '0');
    }
    return n;
}

void check_path(const json::object& report, const std::string& metric, const std::string& where,
                std::vector<model::Diagnostic>& out) {
    if (metric_value(report, metric)) return;
    model::Diagnostic d;
    d.path = where;
    const json::value* v = metric_at(report, metric);
    d.message = v ? "'" + metric + "' is not a number in the report (it is an object or a text)"
                  : "'" + metric + "' names no figure of this scenario's report";
    out.push_back(std::move(d));
}

}  // namespace

const json::value* metric_at(const json::object& report, std::string_view path) {
    const auto parts = segments(path);
    if (parts.empty()) return nullptr;
    const json::value* at = nullptr;
    const json::object* obj = &report;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (obj) {
            auto it = obj->find(parts[i]);
            if (it == obj->end()) return nullptr;
            at = &it->value();
        } else if (at && at->is_array()) {
            const auto index = as_index(parts[i]);
            if (!index || *index >= at->as_array().size()) return nullptr;
            at = &at->as_array()[*index];
        } else {
            return nullptr;
        }
        obj = at->if_object();
    }
    return at;
}

std::optional<double> metric_value(const json::object& report, std::string_view path) {
    const json::value* v = metric_at(report, path);
    if (!v) return std::nullopt;
    if (v->is_bool()) return v->get_bool() ? 1.0 : 0.0;
    if (v->is_number()) return v->to_number<double>();
    return std::nullopt;
}

WatchCheck check_watch(const json::object& report, const model::WatchItem& item) {
    WatchCheck c;
    if (item.metric.empty()) return c;
    c.value = metric_value(report, item.metric);
    if (item.expect)
        c.reference = *item.expect;
    else if (!item.against.empty())
        c.reference = metric_value(report, item.against);
    if (!c.value || !c.reference) return c;
    const double v = *c.value, ref = *c.reference, tol = item.tolerance;
    using R = model::WatchItem::Relation;
    switch (item.relation) {
        case R::near: c.agrees = std::abs(v - ref) <= tol; break;
        case R::at_most: c.agrees = v <= ref + tol; break;
        case R::at_least: c.agrees = v >= ref - tol; break;
    }
    return c;
}

std::optional<bool> watch_agrees(const json::object& report, const model::WatchItem& item) {
    const WatchCheck c = check_watch(report, item);
    if (!c.value || !c.reference) return std::nullopt;
    return c.agrees;
}

std::vector<model::Diagnostic> check_metric_paths(const model::Scenario& scenario) {
    std::vector<model::Diagnostic> out;
    const bool watches =
        scenario.lesson && (!scenario.lesson->watch.empty() || !scenario.lesson->steps.empty());
    const bool goals = scenario.challenge && !scenario.challenge->goals.empty();
    if (!watches && !goals) return out;
    runtime::Simulation sim(scenario);
    sim.advance_to(0);
    const json::object report = sim.report();
    const auto& watch = watches ? scenario.lesson->watch : std::vector<model::WatchItem>{};
    for (std::size_t i = 0; i < watch.size(); ++i) {
        const std::string at = "lesson.watch[" + std::to_string(i) + "]";
        if (!watch[i].metric.empty()) check_path(report, watch[i].metric, at + ".metric", out);
        if (!watch[i].against.empty()) check_path(report, watch[i].against, at + ".against", out);
    }
    const auto& steps = watches ? scenario.lesson->steps : std::vector<model::LessonStep>{};
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const std::string at = "lesson.steps[" + std::to_string(i) + "]";
        if (steps[i].when) check_path(report, steps[i].when->metric, at + ".when.metric", out);
        if (steps[i].ask && steps[i].ask->kind == model::StepQuestion::Kind::predict)
            check_path(report, steps[i].ask->metric, at + ".ask.metric", out);
    }
    const auto& goal_list = goals ? scenario.challenge->goals : std::vector<model::Goal>{};
    for (std::size_t i = 0; i < goal_list.size(); ++i)
        check_path(report, goal_list[i].metric, "challenge.goals[" + std::to_string(i) + "].metric",
                   out);
    return out;
}

model::ParseResult parse_scenario_checked(std::string_view text, std::string_view file) {
    return model::parse_scenario(text, file, check_metric_paths);
}

model::ParseResult load_scenario_checked(const std::string& path) {
    return model::load_scenario_file(path, check_metric_paths);
}

}  // namespace flowlab::run
