#include "flowlab/model/scenario.hpp"

#include <boost/math/special_functions/erf.hpp>

#include <cmath>

namespace flowlab::model {

namespace {
constexpr double z99 = 2.3263478740408408;
}

double Distribution::lognormal_sigma() const { return b > a ? std::log(b / a) / z99 : 0.0; }

double Distribution::mean_ms() const {
    switch (kind) {
        case Kind::constant:
        case Kind::exponential: return a;
        case Kind::uniform: return 0.5 * (a + b);
        case Kind::lognormal: {
            if (a <= 0) return 0.0;
            double sigma = lognormal_sigma();
            return a * std::exp(0.5 * sigma * sigma);
        }
    }
    return a;
}

double Distribution::quantile_ms(double q) const {
    switch (kind) {
        case Kind::constant: return a;
        case Kind::exponential: return -a * std::log1p(-q);
        case Kind::uniform: return a + q * (b - a);
        case Kind::lognormal: {
            if (a <= 0) return 0.0;
            double sigma = lognormal_sigma();
            double z = std::sqrt(2.0) * boost::math::erf_inv(2.0 * q - 1.0);
            return a * std::exp(sigma * z);
        }
    }
    return a;
}

const Node* Scenario::find_node(const std::string& id) const {
    for (const auto& n : nodes)
        if (n.id == id) return &n;
    return nullptr;
}
Node* Scenario::find_node(const std::string& id) {
    for (auto& n : nodes)
        if (n.id == id) return &n;
    return nullptr;
}

const char* to_string(NodeKind k) {
    switch (k) {
        case NodeKind::client: return "client";
        case NodeKind::service: return "service";
        case NodeKind::database: return "database";
        case NodeKind::queue: return "queue";
        case NodeKind::topic: return "topic";
        case NodeKind::consumer: return "consumer";
        case NodeKind::dlq: return "dlq";
        case NodeKind::cache: return "cache";
        case NodeKind::rate_limiter: return "rate_limiter";
        case NodeKind::read_model: return "read_model";
        case NodeKind::orchestrator: return "orchestrator";
    }
    return "?";
}

const char* to_string(EdgeMode m) {
    switch (m) {
        case EdgeMode::sync: return "sync";
        case EdgeMode::async: return "async";
        case EdgeMode::deliver: return "deliver";
        case EdgeMode::dead_letter: return "dead_letter";
        case EdgeMode::webhook: return "webhook";
    }
    return "?";
}

const char* to_string(WatchItem::Relation r) {
    switch (r) {
        case WatchItem::Relation::near: return "==";
        case WatchItem::Relation::at_most: return "<=";
        case WatchItem::Relation::at_least: return ">=";
    }
    return "?";
}

const char* to_string(StepCondition::Op op) {
    using Op = StepCondition::Op;
    switch (op) {
        case Op::less: return "<";
        case Op::at_most: return "<=";
        case Op::equal: return "==";
        case Op::at_least: return ">=";
        case Op::greater: return ">";
    }
    return "?";
}

const char* to_string(StepAction::Kind k) {
    using K = StepAction::Kind;
    switch (k) {
        case K::highlight: return "highlight";
        case K::speed: return "speed";
        case K::chart: return "chart";
        case K::inject: return "inject";
        case K::clear: return "clear";
    }
    return "?";
}

const char* to_string(StepQuestion::Kind k) {
    return k == StepQuestion::Kind::choice ? "choice" : "predict";
}

const char* to_string(RecordedInput::Kind k) {
    switch (k) {
        case RecordedInput::Kind::fault: return "fault";
        case RecordedInput::Kind::heal: return "heal";
        case RecordedInput::Kind::set: return "set";
        case RecordedInput::Kind::redrive: return "redrive";
        case RecordedInput::Kind::extend: return "continue";
    }
    return "?";
}

const char* to_string(FaultKind f) {
    switch (f) {
        case FaultKind::down: return "down";
        case FaultKind::hang: return "hang";
        case FaultKind::slow: return "slow";
        case FaultKind::errors: return "errors";
        case FaultKind::crash: return "crash";
        case FaultKind::pause: return "pause";
        case FaultKind::spike: return "spike";
        case FaultKind::poison: return "poison";
        case FaultKind::reset: return "reset";
    }
    return "?";
}

bool serves_calls(NodeKind kind) {
    return kind == NodeKind::service || kind == NodeKind::database ||
           kind == NodeKind::read_model || kind == NodeKind::orchestrator;
}

int server_threads(const Node& n) {
    return n.kind == NodeKind::service && n.threading == Threading::event_loop ? 1 : n.threads;
}

Node make_node(NodeKind kind, std::string id) {
    Node n;
    n.kind = kind;
    n.id = std::move(id);
    if (kind == NodeKind::queue) n.ack = Distribution::constant(2.0);
    if (kind == NodeKind::topic) n.ack = Distribution::constant(5.0);
    if (kind == NodeKind::client) n.rate_per_s = 10.0;
    if (kind == NodeKind::rate_limiter) n.rate_per_s = 100.0;
    if (kind == NodeKind::cache) n.work = Distribution::constant(1.0);  // lookup_ms
    return n;
}

std::optional<EdgeMode> edge_mode_between(NodeKind from, NodeKind to, std::string* why) {
    auto fail = [&](const char* reason) -> std::optional<EdgeMode> {
        if (why) *why = reason;
        return std::nullopt;
    };
    // An orchestrator is a service whose outgoing sync calls are a saga's steps.
    bool caller = from == NodeKind::client || from == NodeKind::service ||
                  from == NodeKind::consumer || from == NodeKind::orchestrator;
    bool server = serves_calls(to);
    bool broker = to == NodeKind::queue || to == NodeKind::topic;
    // A cache or a rate limiter stands in front of a server: called like one, it calls on.
    bool proxy = to == NodeKind::cache || to == NodeKind::rate_limiter;
    if (caller && (server || proxy)) return EdgeMode::sync;
    if (from == NodeKind::rate_limiter && (server || to == NodeKind::cache)) return EdgeMode::sync;
    if (from == NodeKind::cache && server) return EdgeMode::sync;
    if (from == NodeKind::cache || from == NodeKind::rate_limiter)
        return fail(from == NodeKind::cache
                        ? "a cache answers from a service or database behind it"
                        : "a rate limiter passes calls to a service, database or cache");
    if ((from == NodeKind::service || from == NodeKind::consumer) && broker) return EdgeMode::async;
    if ((from == NodeKind::queue || from == NodeKind::topic) && to == NodeKind::consumer)
        return EdgeMode::deliver;
    if ((from == NodeKind::queue || from == NodeKind::consumer) && to == NodeKind::dlq)
        return EdgeMode::dead_letter;
    if (from == NodeKind::orchestrator && broker)
        return fail("an orchestrator's steps are sync calls; let a service publish instead");
    if (from == NodeKind::client && broker)
        return fail("a client talks to services; put a service in front of the queue or topic");
    if (from == NodeKind::database) return fail("a database has no outgoing edges");
    if (from == NodeKind::read_model)
        return fail("a read model has no outgoing edges: consumers write into it, callers read it");
    if (from == NodeKind::dlq) return fail("a dead-letter queue has no outgoing edges");
    // A worker calls the client back when the work is done (its webhook endpoint).
    if (from == NodeKind::consumer && to == NodeKind::client) return EdgeMode::webhook;
    if (to == NodeKind::client)
        return fail("only a consumer calls a client back (a webhook); clients only send requests");
    if (from == NodeKind::topic && to == NodeKind::dlq)
        return fail("a topic dead-letters through its consumers: connect the consumer to the DLQ");
    if ((from == NodeKind::queue || from == NodeKind::topic) && to != NodeKind::consumer)
        return fail("a queue or topic delivers only to consumers");
    if (to == NodeKind::consumer) return fail("a consumer is fed only by a queue or topic");
    if (to == NodeKind::dlq) return fail("only queues and consumers dead-letter into a DLQ");
    return fail("these two kinds cannot be connected");
}

}  // namespace flowlab::model
