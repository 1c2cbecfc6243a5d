// Checking and formatting parameter values: the half of the schema that does not
// depend on which struct stores the value.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>

#include "flowlab/model/schema.hpp"

namespace flowlab::model {

namespace {

std::string join_quoted(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ", ";
        out += "'" + items[i] + "'";
    }
    return out;
}

bool is_integer_type(ParamType t) {
    return t == ParamType::integer || t == ParamType::optional_integer;
}

std::string range_text(const ParamInfo& info) {
    // An integer's maximum is a guard against typos, not part of its meaning: it is only
    // mentioned when a value exceeds it.
    if (is_integer_type(info.type) && info.min)
        return (info.min_exclusive ? " > " : " >= ") + format_number(*info.min);
    if (info.min && info.max) {
        if (info.min_exclusive)
            return " > " + format_number(*info.min) + " and <= " + format_number(*info.max);
        return " between " + format_number(*info.min) + " and " + format_number(*info.max);
    }
    if (info.min) return (info.min_exclusive ? " > " : " >= ") + format_number(*info.min);
    if (info.max) return " <= " + format_number(*info.max);
    return "";
}

bool in_range(const ParamInfo& info, double v) {
    if (info.min && (info.min_exclusive ? !(v > *info.min) : !(v >= *info.min))) return false;
    if (info.max && !(v <= *info.max)) return false;
    return true;
}

std::string must(const ParamInfo& info, const ParamValue& got) {
    return "must be " + describe_expected(info) + ", got " + format_param_value(got);
}

// What the engine can honour exactly. Virtual time counts nanoseconds in 64 bits (about
// 292 years): a time is at most 1e12 ms (about 31.7 years, room left for the run's other
// times), and a positive time is at least 1 ns, since a smaller one rounds to 0 and a gap
// of 0 stops the clock. Rates give gaps between 1 us and a million seconds.
constexpr double max_time_ms = 1e12;
constexpr double min_positive_ms = 1e-6;
constexpr double max_rate_per_s = 1e6;
constexpr double min_rate_per_s = 1e-6;

std::optional<std::string> clock_problem_ms(double ms) {
    if (ms > max_time_ms)
        return "must be at most 1e12 ms (about 31.7 years: the virtual clock counts nanoseconds), "
               "got " +
               format_number(ms);
    if (ms > 0 && ms < min_positive_ms)
        return "must be 0 or at least 1e-6 ms (1 ns: a shorter time rounds to 0), got " +
               format_number(ms);
    return std::nullopt;
}

bool ends_with(const std::string& key, std::string_view suffix) {
    return key.size() >= suffix.size() &&
           key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// The clock's limits for a number parameter, by the unit in its name.
std::optional<std::string> clock_problem(const ParamInfo& info, double v) {
    if (ends_with(info.key, "_per_s")) {
        if (v > max_rate_per_s || (v > 0 && v < min_rate_per_s))
            return "must be between 1e-6 and 1e6 per second (gaps the virtual clock can hold), "
                   "got " +
                   format_number(v);
        return std::nullopt;
    }
    if (ends_with(info.key, "_ms")) return clock_problem_ms(v);
    if (ends_with(info.key, "_s")) return clock_problem_ms(v * 1000.0);
    return std::nullopt;
}

/// Checks one number of a distribution object: finite, >= lo (or > lo), and no longer
/// than the virtual clock can hold.
void check_dist_number(std::vector<ParamProblem>& out, const char* key, double v, double lo,
                       bool exclusive) {
    bool ok = std::isfinite(v) && (exclusive ? v > lo : v >= lo);
    if (!ok)
        out.push_back({std::string(".") + key, std::string("must be a number ") +
                                                   (exclusive ? "> " : ">= ") + format_number(lo) +
                                                   ", got " + format_number(v)});
    else if (auto clock = clock_problem_ms(v))
        out.push_back({std::string(".") + key, *clock});
}

void check_distribution(std::vector<ParamProblem>& out, const Distribution& d) {
    using K = Distribution::Kind;
    if (d.bare_number) {
        if (d.kind != K::constant) {
            out.push_back({"", std::string("a non-constant distribution cannot be a bare number "
                                           "(Distribution::bare_number must be false)")});
            return;
        }
        if (!std::isfinite(d.a) || d.a < 0)
            out.push_back({"", "must be a number >= 0, got " + format_number(d.a)});
        else if (auto clock = clock_problem_ms(d.a))
            out.push_back({"", *clock});
        return;
    }
    switch (d.kind) {
        case K::constant: check_dist_number(out, "ms", d.a, 0, false); break;
        case K::exponential: check_dist_number(out, "mean_ms", d.a, 0, true); break;
        case K::uniform:
            check_dist_number(out, "min_ms", d.a, 0, false);
            if (!std::isfinite(d.b) || !(d.b >= d.a))
                out.push_back({".max_ms", "must be >= min_ms (" + format_number(d.a) + "), got " +
                                              format_number(d.b)});
            else if (auto clock = clock_problem_ms(d.b))
                out.push_back({".max_ms", *clock});
            break;
        case K::lognormal:
            check_dist_number(out, "median_ms", d.a, 0, true);
            if (!std::isfinite(d.b) || !(d.b >= d.a))
                out.push_back({".p99_ms", "must be >= median_ms (" + format_number(d.a) +
                                              "), got " + format_number(d.b)});
            else if (auto clock = clock_problem_ms(d.b))
                out.push_back({".p99_ms", *clock});
            break;
    }
}

const char* dist_name(Distribution::Kind k) {
    switch (k) {
        case Distribution::Kind::constant: return "constant";
        case Distribution::Kind::exponential: return "exponential";
        case Distribution::Kind::uniform: return "uniform";
        case Distribution::Kind::lognormal: return "lognormal";
    }
    return "constant";
}

template <class E>
std::optional<E> parse_enum(const std::vector<std::string>& names, std::string_view text) {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == text) return static_cast<E>(i);
    return std::nullopt;
}

}  // namespace

std::string format_number(double value) {
    if (std::isnan(value)) return "nan";
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    char buf[64];
    // Whole numbers print as such (100000, not 1e+05) while they are exact in a double.
    bool whole = std::trunc(value) == value && std::abs(value) < 1e15;
    auto res = whole ? std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed)
                     : std::to_chars(buf, buf + sizeof buf, value);
    return std::string(buf, res.ptr);
}

std::string format_param_value(const ParamValue& value) {
    struct Visitor {
        std::string operator()(std::monostate) const { return "none"; }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(std::int64_t i) const { return std::to_string(i); }
        std::string operator()(double d) const { return format_number(d); }
        std::string operator()(const std::string& s) const { return "\"" + s + "\""; }
        std::string operator()(const Distribution& d) const {
            using K = Distribution::Kind;
            if (d.bare_number && d.kind == K::constant) return format_number(d.a);
            std::string out = std::string("{\"dist\": \"") + dist_name(d.kind) + "\", ";
            switch (d.kind) {
                case K::constant: return out + "\"ms\": " + format_number(d.a) + "}";
                case K::exponential: return out + "\"mean_ms\": " + format_number(d.a) + "}";
                case K::uniform:
                    return out + "\"min_ms\": " + format_number(d.a) +
                           ", \"max_ms\": " + format_number(d.b) + "}";
                case K::lognormal:
                    return out + "\"median_ms\": " + format_number(d.a) +
                           ", \"p99_ms\": " + format_number(d.b) + "}";
            }
            return out + "}";
        }
    };
    return std::visit(Visitor{}, value);
}

std::string describe_expected(const ParamInfo& info) {
    switch (info.type) {
        case ParamType::number:
        case ParamType::optional_number: return "a number" + range_text(info);
        case ParamType::integer:
        case ParamType::optional_integer: return "an integer" + range_text(info);
        case ParamType::boolean: return "true or false";
        case ParamType::choice: return "one of " + join_quoted(info.choices);
        case ParamType::distribution: return "a number >= 0 or a {\"dist\": ...} object";
        case ParamType::group: return "an object";
        case ParamType::node_ref: return "a node id";
    }
    return "a value";
}

std::vector<ParamProblem> check_param(const ParamInfo& info, const ParamValue& value) {
    std::vector<ParamProblem> out;
    auto fail = [&] { out.push_back({"", must(info, value)}); };
    bool optional =
        info.type == ParamType::optional_number || info.type == ParamType::optional_integer;
    if (optional && std::holds_alternative<std::monostate>(value)) return out;
    switch (info.type) {
        case ParamType::number:
        case ParamType::optional_number:
        case ParamType::integer:
        case ParamType::optional_integer: {
            double v = 0;
            if (auto* d = std::get_if<double>(&value)) {
                if (is_integer_type(info.type) && std::trunc(*d) != *d) {
                    fail();
                    return out;
                }
                v = *d;
            } else if (auto* i = std::get_if<std::int64_t>(&value)) {
                v = static_cast<double>(*i);
            } else {
                fail();
                return out;
            }
            if (is_integer_type(info.type) && info.max && v > *info.max)
                out.push_back({"", "must be an integer <= " + format_number(*info.max) + ", got " +
                                       format_param_value(value)});
            else if (!std::isfinite(v) || !in_range(info, v))
                fail();
            else if (auto clock = clock_problem(info, v))
                out.push_back({"", *clock});
            break;
        }
        case ParamType::boolean:
        case ParamType::group:
            if (!std::holds_alternative<bool>(value)) fail();
            break;
        case ParamType::choice: {
            auto* s = std::get_if<std::string>(&value);
            if (!s || std::find(info.choices.begin(), info.choices.end(), *s) == info.choices.end())
                fail();
            break;
        }
        case ParamType::distribution:
            if (auto* d = std::get_if<Distribution>(&value))
                check_distribution(out, *d);
            else
                fail();
            break;
        case ParamType::node_ref:
            if (!std::holds_alternative<std::string>(value)) fail();
            break;
    }
    return out;
}

const std::vector<std::string>& node_kind_names() {
    static const std::vector<std::string> names{
        "client", "service", "database",     "queue",      "topic",       "consumer",
        "dlq",    "cache",   "rate_limiter", "read_model", "orchestrator"};
    return names;
}
const std::vector<std::string>& edge_mode_names() {
    static const std::vector<std::string> names{"sync", "async", "deliver", "dead_letter",
                                                "webhook"};
    return names;
}
const std::vector<std::string>& fault_kind_names() {
    static const std::vector<std::string> names{"down",  "hang",  "slow",   "errors", "crash",
                                                "pause", "spike", "poison", "reset"};
    return names;
}
std::optional<NodeKind> parse_node_kind(std::string_view text) {
    return parse_enum<NodeKind>(node_kind_names(), text);
}
std::optional<EdgeMode> parse_edge_mode(std::string_view text) {
    return parse_enum<EdgeMode>(edge_mode_names(), text);
}
std::optional<FaultKind> parse_fault_kind(std::string_view text) {
    return parse_enum<FaultKind>(fault_kind_names(), text);
}

std::vector<NodeKind> fault_targets(FaultKind fault) {
    using N = NodeKind;
    switch (fault) {
        // A client's `down` is its webhook endpoint refusing callbacks.
        case FaultKind::down:
            return {N::service, N::database,   N::cache,       N::rate_limiter,
                    N::client,  N::read_model, N::orchestrator};
        case FaultKind::hang: return {N::service, N::database, N::read_model, N::orchestrator};
        case FaultKind::slow:
        case FaultKind::errors:
            return {N::service, N::database, N::consumer, N::read_model, N::orchestrator};
        case FaultKind::crash:
        case FaultKind::pause: return {N::consumer};
        case FaultKind::spike: return {N::client};
        case FaultKind::poison: return {N::queue, N::topic};
        case FaultKind::reset: return {N::consumer};
    }
    return {};
}

bool fault_applies_to(FaultKind fault, NodeKind target) {
    auto kinds = fault_targets(fault);
    return std::find(kinds.begin(), kinds.end(), target) != kinds.end();
}

std::string edge_param_restriction(std::string_view key, EdgeMode mode,
                                   std::optional<NodeKind> to_kind) {
    // Call policies belong to a caller that waits for an answer. A publisher waits too,
    // for the broker's ack: `timeout_ms` bounds that wait (a full topic with on_full
    // "block" keeps the producer's thread until then) and `optional` lets the request
    // succeed when the publish fails. Retries, breakers and fallbacks stay sync-only.
    const bool call_policy = key == "timeout_ms" || key == "retry" || key == "breaker" ||
                             key == "fallback" || key == "optional";
    const bool publish_policy = key == "timeout_ms" || key == "optional";
    // A webhook is retried by its sender with the edge's backoff; nothing waits on it.
    const bool webhook_policy = key == "retry";
    if (call_policy && mode != EdgeMode::sync && !(publish_policy && mode == EdgeMode::async) &&
        !(webhook_policy && mode == EdgeMode::webhook))
        return std::string(webhook_policy ? "applies only to sync and webhook edges, not to "
                                          : "applies only to sync edges, not to ") +
               (mode == EdgeMode::async ? "an " : "a ") + to_string(mode) + " edge";
    // Keys partition a topic and group a queue's messages (fifo keeps order per key).
    (void)to_kind;
    if (key == "keys" && mode != EdgeMode::async) return "applies only to async edges";
    if (key == "compensate" && mode != EdgeMode::sync)
        return "applies only to an orchestrator's sync steps";
    return "";
}

}  // namespace flowlab::model
