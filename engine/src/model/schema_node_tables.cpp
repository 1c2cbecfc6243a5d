// The parameter tables of the node kinds (the spec's node table).
//
// Integer maxima are there to catch typos before they allocate: nobody simulates a
// million threads on purpose, and a slip of the finger should not exhaust memory.
#include "model/schema_builders.hpp"
#include "model/schema_proxy_tables.hpp"

namespace flowlab::model {

namespace {

using namespace detail;

// Parameters shared by several node kinds.
NodeParam backlog() {
    return optional("backlog", &Node::backlog, at_least(0), "unbounded", "backlog",
                    "requests that may wait for a free thread; 0 = no waiting, rejected at once");
}
NodeParam failure_rate(const char* what) {
    return number("failure_rate", &Node::failure_rate, 0.0, between(0, 1), "failure_rate", what);
}
NodeParam work(const char* key, const char* what) {
    return distribution(key, &Node::work, 0.0, "work", what);
}
NodeParam capacity(const char* what) {
    return optional("capacity", &Node::capacity, at_least(1), "unbounded", "capacity", what);
}
NodeParam ack(double ms) {
    return distribution("ack_ms", &Node::ack, ms, "ack", "broker latency from publish to ack");
}

std::vector<NodeParam> client_params() {
    auto rate = number("rate_per_s", &Node::rate_per_s, 10.0, above(0), "rate_per_s",
                       "requests per second this client sends");
    rate.required = true;
    return {
        rate,
        choice("arrival", &Node::arrival, {"poisson", "uniform"}, Arrival::poisson, "arrival",
               "poisson: random, memoryless gaps; uniform: evenly spaced"),
        optional("timeout_ms", &Node::timeout_ms, above(0),
                 "none: the user waits as long as it takes", "timeout_ms",
                 "how long the user waits for the whole request before giving up"),
        choice("pattern", &Node::pattern, {"request", "job", "write_then_read"},
               ClientPattern::request, "pattern",
               "request: wait for the answer; job: accepted with 202, then poll until done; "
               "write_then_read: write, then read the read model after read_delay_ms"),
        number("poll_interval_ms", &Node::poll_interval_ms, 1000.0, above(0), "poll_interval_ms",
               "job pattern: time between polls of the entry service"),
        distribution("read_delay_ms", &Node::read_delay, 0.0, "read_delay",
                     "write_then_read: time from the write's answer to the read"),
    };
}

std::vector<NodeParam> service_params() {
    return {
        integer("threads", &Node::threads, 8, between(1, max_pool), "threads",
                "worker threads: requests served at once"),
        backlog(),
        work("work_ms", "time a thread works on each request, before its outgoing calls"),
        failure_rate("probability that a request fails by itself"),
        choice("calls", &Node::calls, {"sequential", "parallel"}, CallOrder::sequential, "calls",
               "sync calls one after another, or all at once"),
        choice("threading", &Node::threading, {"pool", "event_loop"}, Threading::pool, "threading",
               "pool: a thread per request, blocked while it waits; event_loop: one thread "
               "runs all work, waits hold no thread"),
        integer("max_inflight", &Node::max_inflight, 1000, between(1, 1e6), "max_inflight",
                "event_loop: requests admitted at once (working or waiting on calls); more "
                "wait in the backlog"),
    };
}

std::vector<NodeParam> read_model_params() {
    return {
        integer("connections", &Node::threads, 8, between(1, max_pool), "threads",
                "connection pool size: reads served at once"),
        backlog(),
        work("query_ms", "time each read holds a connection (applying an event takes none)"),
        failure_rate("probability that a read fails"),
    };
}

std::vector<NodeParam> database_params() {
    return {
        integer("connections", &Node::threads, 8, between(1, max_pool), "threads",
                "connection pool size: queries served at once"),
        backlog(),
        work("query_ms", "time each query holds a connection"),
        failure_rate("probability that a query fails"),
    };
}

std::vector<NodeParam> queue_params() {
    return {
        capacity("messages the queue holds before publishes are rejected"),
        ack(2.0),
        number("visibility_timeout_ms", &Node::visibility_timeout_ms, 30000.0, above(0),
               "visibility_timeout_ms",
               "a received message reappears if not acked within this time"),
        optional("max_receives", &Node::max_receives, between(1, 1e6),
                 "unlimited: redelivered forever", "max_receives",
                 "deliveries before the message goes to the dead_letter target"),
        choice("delivery", &Node::delivery, {"unordered", "fifo"}, Delivery::unordered, "delivery",
               "unordered: any visible message; fifo: oldest first"),
    };
}

std::vector<NodeParam> topic_params() {
    return {
        integer("partitions", &Node::partitions, 1, between(1, 10000), "partitions",
                "ordered logs; a message's key picks its partition"),
        capacity("unconsumed messages per partition before on_full applies"),
        choice("on_full", &Node::on_full, {"block", "reject"}, OnFull::block, "on_full",
               "block: producers wait (backpressure); reject: the publish fails"),
        ack(5.0),
        optional("retention_ms", &Node::retention_ms, above(0),
                 "none by time (with no retention at all, no history is kept)", "retention_ms",
                 "keep every message this long, consumed or not; older ones expire"),
        optional("retention_messages", &Node::retention_messages, between(1, 1e9),
                 "none by size (with no retention at all, no history is kept)",
                 "retention_messages", "keep at most this many messages per partition, newest"),
    };
}

std::vector<NodeParam> consumer_params() {
    std::vector<Param<ConsumerRetry>> retry_fields{
        integer("max_attempts", &ConsumerRetry::max_attempts, 5, between(1, 1000), "max_attempts",
                "attempts in total, the first included"),
        number("backoff_ms", &ConsumerRetry::backoff_ms, 100.0, at_least(0), "backoff_ms",
               "wait before the first retry"),
        number("multiplier", &ConsumerRetry::multiplier, 2.0, at_least(1), "multiplier",
               "each further wait is this many times longer"),
        boolean("jitter", &ConsumerRetry::jitter, true, "jitter",
                "randomize each wait (full jitter)"),
    };
    std::vector<Param<Autoscale>> autoscale_fields{
        integer("max", &Autoscale::max, 16, between(1, max_pool), "max", "most instances"),
        number("depth_per_instance", &Autoscale::depth_per_instance, 500.0, above(0),
               "depth_per_instance", "backlog depth that justifies one more instance"),
    };
    return {
        integer("concurrency", &Node::concurrency, 1, between(1, max_pool), "concurrency",
                "messages processed at once (for a topic: instances, each owning partitions)"),
        work("work_ms", "time to process one message, before its outgoing calls"),
        failure_rate("probability that an attempt fails (transient)"),
        number("poison_rate", &Node::poison_rate, 0.0, between(0, 1), "poison_rate",
               "share of messages that fail on every attempt"),
        group("retry", &Node::retry, retry_fields, "none: one attempt per delivery", "retry",
              "retries in place before dead-lettering"),
        boolean("idempotent", &Node::idempotent, false, "idempotent",
                "remember processed event ids and ack duplicates without repeating the effect"),
        group("autoscale", &Node::autoscale, autoscale_fields, "none: fixed at concurrency",
              "autoscale", "add instances as the backlog grows"),
        number("join_at_s", &Node::join_at_s, 0.0, at_least(0), "join_at_s",
               "when this consumer subscribes (a new consumer group added later)"),
        choice("start", &Node::start, {"latest", "earliest", "at_time"}, StartOffset::latest,
               "start",
               "topic: where its group starts reading when it joins (earliest replays history)"),
        number("start_at_s", &Node::start_at_s, 0.0, at_least(0), "start_at_s",
               "start at_time: the first message published at or after this time"),
        node_ref("on_failure_publish", &Node::on_failure_publish, "none", "on_failure_publish",
                 "choreography: the topic told when a message finally fails (a failure event "
                 "that other services compensate on)"),
    };
}

std::vector<NodeParam> orchestrator_params() {
    // A service whose sync calls are a saga's steps, always one after another.
    return {
        integer("threads", &Node::threads, 8, between(1, max_pool), "threads",
                "worker threads: sagas driven at once"),
        backlog(),
        work("work_ms", "time a thread works on each request before the first step"),
        failure_rate("probability that a request fails before its saga starts"),
    };
}

}  // namespace

const std::vector<NodeParam>& node_params(NodeKind kind) {
    static const std::vector<std::vector<NodeParam>> tables{
        client_params(),
        service_params(),
        database_params(),
        queue_params(),
        topic_params(),
        consumer_params(),
        {},
        cache_params(),
        rate_limiter_params(),
        read_model_params(),
        orchestrator_params(),
    };
    return tables.at(static_cast<std::size_t>(kind));
}

const NodeParam* find_node_param(NodeKind kind, std::string_view key) {
    for (const auto& p : node_params(kind))
        if (p.key == key) return &p;
    return nullptr;
}

}  // namespace flowlab::model
