// The parameter tables of edges, faults, run and trace settings; the node tables are in
// schema_node_tables.cpp.
#include "model/schema_builders.hpp"

namespace flowlab::model {

namespace {

using namespace detail;

std::vector<EdgeParam> make_edge_params() {
    std::vector<Param<EdgeRetry>> retry_fields{
        integer("max_retries", &EdgeRetry::max_retries, 2, between(0, 100), "max_retries",
                "retries after the first attempt"),
        number("backoff_ms", &EdgeRetry::backoff_ms, 50.0, at_least(0), "backoff_ms",
               "wait before the first retry"),
        number("multiplier", &EdgeRetry::multiplier, 2.0, at_least(1), "multiplier",
               "each further wait is this many times longer"),
        boolean("jitter", &EdgeRetry::jitter, true, "jitter", "randomize each wait (full jitter)"),
    };
    std::vector<Param<Breaker>> breaker_fields{
        integer("window", &Breaker::window, 20, between(1, 1e6), "window",
                "recent calls considered"),
        number("failure_ratio", &Breaker::failure_ratio, 0.5, above_up_to(0, 1), "failure_ratio",
               "share of failed calls in the window that opens the breaker"),
        number("open_ms", &Breaker::open_ms, 5000.0, at_least(0), "open_ms",
               "time calls fail at once before trial calls"),
        integer("half_open_probes", &Breaker::half_open_probes, 1, between(1, 1000),
                "half_open_probes", "trial calls that decide whether it closes"),
    };
    return {
        distribution("latency_ms", &Edge::latency, 0.0, "latency",
                     "one-way network delay, paid by the request and again by the response"),
        optional("timeout_ms", &Edge::timeout_ms, above(0), "none: wait as long as it takes",
                 "timeout_ms", "the caller gives up after this long (the callee keeps working)"),
        group("retry", &Edge::retry, retry_fields, "none: one attempt", "retry",
              "retry failed or timed-out calls"),
        group("breaker", &Edge::breaker, breaker_fields, "none", "breaker",
              "circuit breaker: fail fast while the callee is failing"),
        choice("fallback", &Edge::fallback, {"fail", "default"}, Fallback::fail, "fallback",
               "fail: the failure propagates; default: degraded success"),
        boolean("optional", &Edge::optional, false, "optional",
                "the request succeeds even if this call fails"),
        integer("keys", &Edge::keys, 1, between(1, 1e9), "keys",
                "distinct message keys, spread over the topic's partitions"),
        node_ref("compensate", &Edge::compensate, "nothing to undo", "compensate",
                 "orchestrator step: the node called to undo it when a later step fails"),
    };
}

std::vector<FaultParam> make_fault_params(FaultKind kind) {
    auto at = number("at_s", &Fault::at_s, 0.0, at_least(0), "at_s", "when the fault starts");
    at.required = true;
    std::vector<FaultParam> out{at};
    // A reset is an action, not a condition: it has no duration.
    if (kind != FaultKind::reset)
        out.push_back(optional("for_s", &Fault::for_s, above(0), "until the end of the run",
                               "for_s", "how long the fault lasts"));
    auto required = [](FaultParam p) {
        p.required = true;
        return p;
    };
    switch (kind) {
        case FaultKind::slow:
            out.push_back(number("extra_ms", &Fault::extra_ms, 0.0, at_least(0), "extra_ms",
                                 "added to every request's work"));
            out.push_back(number("factor", &Fault::factor, 1.0, above(0), "factor",
                                 "multiplies every request's work"));
            break;
        case FaultKind::errors:
            out.push_back(required(number("failure_rate", &Fault::failure_rate, 0.0, between(0, 1),
                                          "failure_rate", "replaces the node's failure_rate")));
            break;
        case FaultKind::spike:
            out.push_back(required(number("rate_per_s", &Fault::rate_per_s, 10.0, at_least(0),
                                          "rate_per_s", "replaces the client's rate_per_s")));
            break;
        case FaultKind::poison:
            out.push_back(required(integer("count", &Fault::count, std::int64_t{1}, between(1, 1e9),
                                           "count", "messages injected that always fail")));
            break;
        case FaultKind::reset:
            out.push_back(choice("to", &Fault::to, {"latest", "earliest", "at_time"},
                                 StartOffset::earliest, "to",
                                 "where the group's offsets move: earliest replays history"));
            out.push_back(number("to_at_s", &Fault::to_at_s, 0.0, at_least(0), "to_at_s",
                                 "to at_time: the first message published at or after this time"));
            break;
        default: break;
    }
    return out;
}

template <class P>
const P* find_in(const std::vector<P>& params, std::string_view key) {
    for (const auto& p : params)
        if (p.key == key) return &p;
    return nullptr;
}

}  // namespace

const std::vector<EdgeParam>& edge_params() {
    static const std::vector<EdgeParam> table = make_edge_params();
    return table;
}

const std::vector<FaultParam>& fault_params(FaultKind kind) {
    static const std::vector<std::vector<FaultParam>> tables = [] {
        std::vector<std::vector<FaultParam>> t;
        for (std::size_t i = 0; i < fault_kind_names().size(); ++i)
            t.push_back(make_fault_params(static_cast<FaultKind>(i)));
        return t;
    }();
    return tables.at(static_cast<std::size_t>(kind));
}

const std::vector<RunParam>& run_params() {
    static const std::vector<RunParam> table{
        optional("duration_s", &RunSettings::duration_s, above(0), "the run is set by requests",
                 "duration_s", "virtual seconds of arrivals"),
        optional("requests", &RunSettings::requests,
                 between(1, static_cast<double>(max_run_requests)), "the run is set by duration_s",
                 "requests", "total client requests, instead of a duration"),
        number("warmup_s", &RunSettings::warmup_s, 0.0, at_least(0), "warmup_s",
               "requests that start earlier are left out of the statistics"),
        number("drain_s", &RunSettings::drain_s, 60.0, at_least(0), "drain_s",
               "after arrivals stop, at most this long to finish in-flight work"),
    };
    return table;
}

const std::vector<TraceParam>& trace_params() {
    static const std::vector<TraceParam> table{
        boolean("propagate", &TraceSettings::propagate, true, "propagate",
                "carry trace context across asynchronous boundaries"),
        number("sample", &TraceSettings::sample, 0.01, between(0, 1), "sample",
               "share of requests traced"),
    };
    return table;
}

const EdgeParam* find_edge_param(std::string_view key) { return find_in(edge_params(), key); }
const FaultParam* find_fault_param(FaultKind kind, std::string_view key) {
    return find_in(fault_params(kind), key);
}

}  // namespace flowlab::model
