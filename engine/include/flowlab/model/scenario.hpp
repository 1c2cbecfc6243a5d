#pragma once
/// The scenario as plain data: what a `flowlab/1` file says, nothing more.
///
/// The engine, the CLI and the GUI all share this one description. Parsing and
/// validation live in parse.hpp, writing in save.hpp. Fields that only apply to
/// some node kinds live side by side in `Node`: the schema (schema.hpp) says which
/// keys each kind accepts, so a flat struct stays honest and the inspector can edit
/// any kind with one code path.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace flowlab::model {

/// A duration that may be random. Any `*_ms` key that describes work or network
/// time takes one; configured waits (timeouts, backoff, intervals) are plain numbers.
struct Distribution {
    enum class Kind { constant, exponential, uniform, lognormal };
    Kind kind = Kind::constant;
    double a = 0.0;  ///< constant: ms; exponential: mean_ms; uniform: min_ms; lognormal: median_ms
    double b = 0.0;  ///< uniform: max_ms; lognormal: p99_ms
    /// True when the file wrote a bare number; saving writes it back the same way.
    bool bare_number = true;

    static Distribution constant(double ms) { return {Kind::constant, ms, 0.0, true}; }
    static Distribution exponential(double mean_ms) {
        return {Kind::exponential, mean_ms, 0.0, false};
    }
    static Distribution uniform(double lo, double hi) { return {Kind::uniform, lo, hi, false}; }
    static Distribution lognormal(double median, double p99) {
        return {Kind::lognormal, median, p99, false};
    }

    double mean_ms() const;
    /// lognormal: sigma of the underlying normal, ln(p99 / median) / z_0.99 (0 when the
    /// P99 is not above the median: the constant median).
    double lognormal_sigma() const;
    /// The q-quantile (0<q<1) in ms, exact for every kind.
    double quantile_ms(double q) const;
    bool operator==(const Distribution&) const = default;
};

enum class NodeKind {
    client,
    service,
    database,
    queue,
    topic,
    consumer,
    dlq,
    cache,
    rate_limiter,
    read_model,
    orchestrator
};
/// Kinds that answer sync calls with a pool of threads (or connections): services,
/// databases, read models and orchestrators.
bool serves_calls(NodeKind kind);
enum class Arrival { poisson, uniform };
enum class ClientPattern { request, job, write_then_read };
enum class CallOrder { sequential, parallel };
enum class Delivery { unordered, fifo };
enum class OnFull { block, reject };
enum class EdgeMode { sync, async, deliver, dead_letter, webhook };
enum class Fallback { fail, default_value };
enum class FaultKind { down, hang, slow, errors, crash, pause, spike, poison, reset };
/// How a cache's requests pick their key: Zipf(s) ranks or every key alike.
enum class Popularity { zipf, uniform };
/// Where a topic consumer group starts reading (`start`), or where a `reset` moves it.
enum class StartOffset { latest, earliest, at_time };
/// How a service runs its requests: a thread per request (pool), or one event-loop thread
/// that runs every request's work in turn and does not wait on downstream calls.
enum class Threading { pool, event_loop };

/// Retry policy of a sync edge: retries after the first attempt.
struct EdgeRetry {
    int max_retries = 2;
    double backoff_ms = 50.0;
    double multiplier = 2.0;
    bool jitter = true;
    bool operator==(const EdgeRetry&) const = default;
};

/// Retry policy of a consumer: total attempts, the first included.
struct ConsumerRetry {
    int max_attempts = 5;
    double backoff_ms = 100.0;
    double multiplier = 2.0;
    bool jitter = true;
    bool operator==(const ConsumerRetry&) const = default;
};

struct Breaker {
    int window = 20;
    double failure_ratio = 0.5;
    double open_ms = 5000.0;
    int half_open_probes = 1;
    bool operator==(const Breaker&) const = default;
};

struct Autoscale {
    int max = 16;
    double depth_per_instance = 500.0;
    bool operator==(const Autoscale&) const = default;
};

struct Node {
    std::string id;
    NodeKind kind = NodeKind::service;
    std::string label;

    // client
    double rate_per_s = 0.0;
    Arrival arrival = Arrival::poisson;
    std::optional<double> timeout_ms;  ///< the user's patience for the whole request
    ClientPattern pattern = ClientPattern::request;
    double poll_interval_ms = 1000.0;
    Distribution read_delay;  ///< write_then_read: from the write's answer to the read

    // service threading (event_loop: one thread for work, at most max_inflight admitted)
    Threading threading = Threading::pool;
    int max_inflight = 1000;

    // service (threads) and database (connections share this field)
    int threads = 8;
    std::optional<std::int64_t> backlog;  ///< nullopt: unbounded; 0: no waiting at all
    Distribution work;                    ///< service work_ms, database query_ms, consumer work_ms
    double failure_rate = 0.0;
    CallOrder calls = CallOrder::sequential;

    // queue and topic
    std::optional<std::int64_t> capacity;  ///< queue: messages; topic: unconsumed per partition
    Distribution ack;                      ///< broker ack latency (queue 2 ms, topic 5 ms)
    double visibility_timeout_ms = 30000.0;
    std::optional<int> max_receives;
    Delivery delivery = Delivery::unordered;
    int partitions = 1;
    OnFull on_full = OnFull::block;

    // consumer
    int concurrency = 1;
    double poison_rate = 0.0;
    std::optional<ConsumerRetry> retry;
    bool idempotent = false;
    std::optional<Autoscale> autoscale;
    /// choreography: the topic or queue this consumer publishes a failure event to when a
    /// message finally fails ("" = none); see docs/engine-semantics.md#sagas
    std::string on_failure_publish;

    // cache (its lookup time is `work`, written lookup_ms; docs/engine-semantics.md)
    std::int64_t entries = 100;     ///< capacity in entries; LRU evicts beyond it
    std::optional<double> ttl_ms;   ///< nullopt: entries never expire
    std::int64_t key_space = 1000;  ///< distinct keys the requests draw from
    Popularity popularity = Popularity::zipf;
    double zipf_s = 1.0;  ///< key of rank k is requested with weight k^-s

    // rate_limiter (its refill rate is `rate_per_s`)
    std::int64_t burst = 10;  ///< bucket size in tokens: requests admitted back to back
    // topic: retention (docs/scenario-format-decisions.md#retention); both nullopt: the
    // topic keeps no history, a message leaves a group's log once that group consumed it
    std::optional<double> retention_ms;              ///< history older than this expires
    std::optional<std::int64_t> retention_messages;  ///< per partition, the newest kept
    // consumer: its group's subscription (start applies to a topic's group only)
    StartOffset start = StartOffset::latest;  ///< where the group starts when it joins
    double start_at_s = 0.0;                  ///< start at_time: first message published at/after
    double join_at_s = 0.0;                   ///< when the consumer subscribes (0: from the start)

    bool operator==(const Node&) const = default;
};

/// Threads a server runs its work on: an event-loop service has one, whatever `threads`
/// says (validation refuses `threads` there).
int server_threads(const Node& n);

struct Edge {
    std::string from;
    std::string to;
    EdgeMode mode = EdgeMode::sync;
    Distribution latency;  ///< one way; paid by the request and again by the response
    std::optional<double> timeout_ms;
    std::optional<EdgeRetry> retry;
    std::optional<Breaker> breaker;
    Fallback fallback = Fallback::fail;
    bool optional = false;
    int keys = 1;  ///< async edges into a topic: distinct message keys
    /// A step of an orchestrator (saga): the node the orchestrator calls to undo this step
    /// when a later step fails ("" = nothing to undo).
    std::string compensate;
    bool operator==(const Edge&) const = default;
};

struct Fault {
    double at_s = 0.0;
    std::optional<double> for_s;  ///< nullopt: until the end of the run
    std::string target;
    FaultKind kind = FaultKind::down;
    double extra_ms = 0.0;                   ///< slow
    double factor = 1.0;                     ///< slow
    double failure_rate = 0.0;               ///< errors
    double rate_per_s = 0.0;                 ///< spike
    std::int64_t count = 0;                  ///< poison
    StartOffset to = StartOffset::earliest;  ///< reset: where the group's offsets move
    double to_at_s = 0.0;                    ///< reset to at_time: first message published at/after
    bool operator==(const Fault&) const = default;
};

struct RunSettings {
    std::optional<double> duration_s;      ///< virtual seconds of arrivals
    std::optional<std::int64_t> requests;  ///< or a total count of client requests
    double warmup_s = 0.0;
    double drain_s = 60.0;
    bool operator==(const RunSettings&) const = default;
};

struct TraceSettings {
    bool propagate = true;
    double sample = 0.01;
    bool operator==(const TraceSettings&) const = default;
};

/// One figure a lesson tells the student to watch: a metric path into the report, shown
/// live in the watch panel, with what the lesson holds it against.
struct WatchItem {
    /// How the watched value is held against its reference.
    enum class Relation : std::uint8_t { near, at_most, at_least };

    std::string metric;  ///< report path, e.g. "nodes.mailer.double_side_effects"; "" = prose only
    std::string label;   ///< short name for the watch panel, e.g. "double emails"
    std::string text;    ///< the prose: what it shows and why
    std::optional<double> expect;  ///< the value the lesson claims, or
    std::string against;           ///< a metric path it is held against (theory or another figure)
    Relation relation = Relation::near;
    double tolerance = 0;  ///< near: |value - reference| <= tolerance agrees
    bool operator==(const WatchItem&) const = default;
};

/// A lesson step's `when`: a live metric compared with a number
/// ("nodes.gateway.backlog >= 100").
struct StepCondition {
    enum class Op : std::uint8_t { less, at_most, equal, at_least, greater };
    std::string metric;  ///< report path, read from the report of the run so far
    Op op = Op::at_least;
    double value = 0;
    bool operator==(const StepCondition&) const = default;
};

/// One thing a lesson step does as the student enters it (an entry of its `do` list).
struct StepAction {
    enum class Kind : std::uint8_t { highlight, speed, chart, inject, clear };
    Kind kind = Kind::highlight;
    std::vector<std::string> nodes;  ///< highlight: the node ids ringed on the canvas
    double speed = 1.0;              ///< speed: virtual s per wall s; 0 = as fast as possible
    std::string node;                ///< chart: the node whose chart is brought up
    /// inject: started when the step is entered (its at_s is unused; for_s counts from
    /// then); clear: only target and kind matter, that fault is healed.
    Fault fault;
    bool operator==(const StepAction&) const = default;
};

/// A lesson step's question: pick one option, or predict a number the run then measures.
struct StepQuestion {
    enum class Kind : std::uint8_t { choice, predict };
    Kind kind = Kind::choice;
    std::string question;
    std::vector<std::string> options;  ///< choice: what the student picks from
    int answer = 0;                    ///< choice: index of the right option
    std::string metric;                ///< predict: the report path that is measured
    double at_s = 0;                   ///< predict: the virtual time it is measured at
    double tolerance = 0;              ///< predict: right when |answer - measured| <= this
    std::string why;                   ///< shown once answered, right or wrong
    bool operator==(const StepQuestion&) const = default;
};

/// One step of a guided lesson: text, an optional checkpoint that pauses the run (at a
/// virtual time, or when a condition first holds, whichever comes first), actions run on
/// entering it, and an optional question.
struct LessonStep {
    std::string title;
    std::string text;
    std::optional<double> at_s;
    std::optional<StepCondition> when;
    std::vector<StepAction> actions;  ///< "do" in the file
    std::optional<StepQuestion> ask;
    bool has_checkpoint() const { return at_s.has_value() || when.has_value(); }
    bool operator==(const LessonStep&) const = default;
};

/// Lesson text shown beside the canvas: what to look at, and why it happens.
struct Lesson {
    std::string goal;                   ///< one sentence: what this lesson teaches
    std::vector<WatchItem> watch;       ///< what to look at while it runs
    std::string explain;                ///< why the numbers come out as they do
    std::vector<std::string> try_next;  ///< "try" in the file: edits to experiment with
    std::vector<LessonStep> steps;      ///< the guided walk through the run (optional)
    bool operator==(const Lesson&) const = default;
};

/// One goal of a challenge: a metric path of the report held to a bound. Exactly one of
/// `min` and `max` is set; the bound applies to the mean over the checked replications.
struct Goal {
    std::string metric;  ///< report path, e.g. "clients.web.availability"
    std::optional<double> min;
    std::optional<double> max;
    bool operator==(const Goal&) const = default;
};

/// What a solution may spend: totals over the whole design (nullopt: no limit).
struct Budget {
    std::optional<std::int64_t> threads;             ///< sum of every service's threads
    std::optional<std::int64_t> consumer_instances;  ///< sum of consumers' instances
    bool operator==(const Budget&) const = default;
};

/// A design problem to solve: the brief, the goals a solution must meet, what it must
/// leave alone and what it may spend (see run/challenge.hpp for the grading).
struct Challenge {
    std::string brief;
    std::vector<Goal> goals;
    std::vector<std::string> locked;  ///< node ids a solution must not change or delete
    Budget budget;
    std::vector<std::string> hints;  ///< revealed one at a time
    bool operator==(const Challenge&) const = default;
};

/// A parameter's value (model/schema.hpp). Which alternative is used follows ParamType.
using ParamValue =
    std::variant<std::monostate, bool, std::int64_t, double, std::string, Distribution>;

/// One live input of a recorded run (`"recording"`): what the user did during the run and
/// at which virtual time, so that the run can be replayed exactly (docs/scenario-format-
/// decisions.md#recording).
struct RecordedInput {
    enum class Kind : std::uint8_t { fault, heal, set, redrive, extend };
    double at_s = 0.0;
    Kind kind = Kind::fault;
    Fault fault;  ///< fault: the fault started (its for_s heals it); heal: target and kind
    /// set: parameter paths (model/param_path.hpp) and their new values, applied together.
    std::vector<std::pair<std::string, ParamValue>> set;
    std::string dlq;     ///< redrive: the DLQ whose dead letters go back
    double seconds = 0;  ///< extend ("continue"): how long the clients send on from at_s
    bool operator==(const RecordedInput&) const = default;
};

struct Scenario {
    std::string name;
    std::string description;
    std::uint64_t seed = 1;
    RunSettings run;
    TraceSettings trace;
    std::vector<Node> nodes;
    std::vector<Edge> edges;
    std::vector<Fault> faults;
    std::map<std::string, std::pair<double, double>> layout;
    std::optional<Lesson> lesson;
    std::optional<Challenge> challenge;
    /// Live inputs to replay at their times (empty: a plain scenario).
    std::vector<RecordedInput> recording;

    const Node* find_node(const std::string& id) const;
    Node* find_node(const std::string& id);
    bool operator==(const Scenario&) const = default;
};

const char* to_string(NodeKind);
const char* to_string(EdgeMode);
const char* to_string(FaultKind);
const char* to_string(WatchItem::Relation);
const char* to_string(StepCondition::Op);  ///< "<", "<=", "==", ">=", ">"
const char* to_string(StepAction::Kind);   ///< the action's key: "highlight", "speed", ...
const char* to_string(StepQuestion::Kind);
/// The entry's key in a recording: "fault", "heal", "set", "redrive", "continue".
const char* to_string(RecordedInput::Kind);

/// Defaults that depend on the kind (ack latency differs between queue and topic).
Node make_node(NodeKind kind, std::string id);

/// The edge mode implied by connecting `from` to `to`, or nullopt with `why` set.
std::optional<EdgeMode> edge_mode_between(NodeKind from, NodeKind to, std::string* why = nullptr);

}  // namespace flowlab::model
