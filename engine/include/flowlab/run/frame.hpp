#pragma once
/// An immutable picture of a running simulation, published by LiveRunner for the UI.
///
/// The UI never reads engine memory: it draws the latest Frame. Everything in a frame
/// is true at `now` (virtual time); tokens are the hops in flight at `now`, sampled
/// when there are too many to draw, with per-edge counts so the picture can show the
/// traffic it did not draw.

#include <boost/json/object.hpp>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "flowlab/kernel/sim_time.hpp"
#include "flowlab/model/scenario.hpp"
#include "flowlab/runtime/observer.hpp"
#include "flowlab/runtime/reason.hpp"

namespace flowlab::run {

struct NodeFrame {
    // service / database
    int threads = 0, working = 0, blocked = 0;  ///< idle = threads - working - blocked
    std::int64_t backlog = 0;
    // queue / topic / consumer / dlq
    std::int64_t depth = 0;                   ///< queue: visible + in flight; topic: total lag
    std::vector<std::int64_t> partition_lag;  ///< topic: per partition, max over groups
    int instances = 0, busy = 0;              ///< consumer
    std::int64_t dead_letters = 0;            ///< dlq: total held
    bool dead_letter_arrived = false;         ///< dlq: something arrived since the last frame
    std::uint64_t dead_letter_arrivals = 0;   ///< dlq: arrivals since the run started
    bool crashed = false;                     ///< consumer: a crash fault holds every instance down
    double hit_ratio = -1;                    ///< cache: hits / lookups so far; -1 before any
    std::int64_t entries = 0;                 ///< cache: entries held now
    double tokens = -1;                       ///< rate_limiter: tokens in the bucket now
    /// topic with retention: the log's offsets summed over partitions (messages below
    /// log_start expired; log_start to log_end are retained) and where each consumer group
    /// reads (its committed offset; log_end - offset is its lag), in deliver-edge order.
    struct LogGroup {
        std::string consumer;
        std::int64_t offset = 0;
        bool joined = true;
        bool operator==(const LogGroup&) const = default;
    };
    bool retains = false;
    std::int64_t log_start = 0, log_end = 0;
    std::vector<LogGroup> log_groups;
    /// orchestrator: where its sagas are now (the saga's state lives here, nowhere else)
    struct Saga {
        std::vector<std::string> steps;  ///< each step's target node id (model::saga_steps)
        std::vector<int> at_step;        ///< sagas waiting on each step now
        int compensating = 0;            ///< sagas calling their compensations now
        std::uint64_t completed = 0, compensated = 0, compensations_run = 0;  ///< measured
        bool operator==(const Saga&) const = default;
    };
    Saga saga;
    /// A fault in force, for the banner: `detail` says how strong it is ("x3 +200 ms",
    /// "4 pills left"); `ends_s` is when a timed fault heals (-1: until healed by hand).
    struct Fault {
        model::FaultKind kind{};
        std::string detail;
        double ends_s = -1;
        bool operator==(const Fault&) const = default;
    };
    std::vector<Fault> faults;  ///< only while in force (a poison fault: while pills remain)
    bool has_fault(model::FaultKind kind) const {
        for (const auto& f : faults)
            if (f.kind == kind) return true;
        return false;
    }
    bool operator==(const NodeFrame&) const = default;
};

struct EdgeFrame {
    enum class Breaker : std::uint8_t { none, closed, open, half_open };
    Breaker breaker = Breaker::none;
    std::uint64_t hops = 0;           ///< hops sent along this edge since the last frame
    std::uint64_t failed_hops = 0;    ///< of which failures travelling back or dead letters
    std::uint32_t waiting_calls = 0;  ///< sync: calls sent along it still waiting for an answer
    bool operator==(const EdgeFrame&) const = default;
};

/// Figures for one client over the chart window that ended at `now`.
struct ClientFrame {
    double p50_ms = 0, p95_ms = 0, p99_ms = 0;
    double availability = 1.0;  ///< over the window (1 when nothing finished)
    double ok_per_s = 0, failed_per_s = 0;
    std::uint64_t requests_total = 0;    ///< since the start of the run
    double arrival_rate_per_s = 0;       ///< the rate arrivals follow now (a spike raises it)
    double theory_availability = -1;     ///< chain availability where theory applies, else -1
    double theory_p99_bound_ms = -1;     ///< P99 bound, queueing included, where proven, else -1
    double theory_p99_work_sum_ms = -1;  ///< P99 sum of work, no queueing (not a bound), or -1
    /// Failed requests since the start, by reason (index: runtime::Reason).
    std::array<std::uint64_t, runtime::reason_count> failed_by_reason{};
    std::uint64_t failed(runtime::Reason r) const { return failed_by_reason[static_cast<int>(r)]; }
    bool operator==(const ClientFrame&) const = default;
};

/// One chart sample of a client, taken every sample interval of virtual time.
struct ClientPoint {
    double t_s = 0;
    double p50_ms = 0, p95_ms = 0, p99_ms = 0, availability = 1.0, ok_per_s = 0, failed_per_s = 0;
    bool operator==(const ClientPoint&) const = default;
};

/// One chart sample of a node: mean thread states (services) or depth (async) over the interval.
struct NodePoint {
    double t_s = 0;
    double idle = 0, working = 0, blocked = 0, backlog = 0, depth = 0;
    bool operator==(const NodePoint&) const = default;
};

/// One span of a sampled trace, as the trace view draws it (virtual seconds).
struct SpanFrame {
    std::uint32_t id = 0, parent = 0;  ///< parent 0: the root of its trace
    int node = -1;                     ///< index into Scenario::nodes
    double start_s = 0, end_s = -1;    ///< end -1: still open
    bool ok = true;
    bool orphan = false;  ///< began a new trace because the context was lost at a queue
    bool operator==(const SpanFrame&) const = default;
};

/// A sampled trace: a user's request (`orphan` false) or work that lost its context.
struct TraceFrame {
    std::uint64_t trace_id = 0;
    bool orphan = false;
    std::vector<SpanFrame> spans;  ///< in start order
    bool operator==(const TraceFrame&) const = default;
};

/// One value of a watched metric over time.
struct MetricPoint {
    double t_s = 0;
    double value = 0;
    bool operator==(const MetricPoint&) const = default;
};

struct Frame {
    kernel::SimTime now = 0;
    std::uint64_t events = 0;
    double speed = 1.0;  ///< 0 = as fast as possible
    bool running = false;
    bool finished = false;
    std::string message;           ///< e.g. "restarted: nodes were added"
    std::string error;             ///< set when the engine failed on a command; the run is paused
    std::vector<NodeFrame> nodes;  ///< in Scenario::nodes order
    std::vector<EdgeFrame> edges;  ///< in Scenario::edges order
    /// In flight at `now` (sampled), each with what it carries (Hop::subject: the request
    /// or message, its attempt, redeliveries, trace and path) for the message inspector.
    std::vector<runtime::Hop> tokens;
    std::vector<ClientFrame> clients;  ///< in Scenario::nodes order; empty entries for non-clients
    /// Chart history (sliding window of virtual time, at most a few hundred points each),
    /// in Scenario::nodes order; empty for nodes it does not apply to.
    std::vector<std::vector<ClientPoint>> client_series;
    std::vector<std::vector<NodePoint>> node_series;
    double window_s = 60.0;  ///< the charts' sliding window of virtual time

    /// The report of the run so far (`flowlab-report/1`, exactly what
    /// `flowlab-cli run --until now` prints); every metric path reads from it.
    std::shared_ptr<const boost::json::object> report;
    /// The lesson's watched metrics (Lesson::watch order, prose-only entries skipped) and
    /// their values at every chart sample, over the same sliding window as the charts.
    std::vector<std::string> watch_metrics;
    std::vector<std::vector<MetricPoint>> watch_series;
    /// The latest sampled user traces (newest last) and the orphan traces that began
    /// while they ran, for the trace view.
    std::vector<TraceFrame> traces;
    /// The document revision this frame belongs to (LiveRunner::load / apply_edit).
    std::uint64_t revision = 0;
    /// Counts the runs the runner has started (load, reset, a restart after an edit): a
    /// new value means the run began again from time 0 and forgot its armed checkpoint.
    std::uint64_t run_serial = 0;
    /// Lesson checkpoints (LiveRunner::arm_checkpoint): the armed one's id (-1: none), and
    /// the last one reached with the virtual time the run paused there (-1: none yet).
    int checkpoint_armed = -1;
    int checkpoint_reached = -1;
    double checkpoint_reached_s = 0;
    /// The report at the moment the last checkpoint was reached (what a prediction is
    /// judged against), or null.
    std::shared_ptr<const boost::json::object> checkpoint_report;

    /// The timeline (LiveRunner::seek_to). How far this run has been played: between `now`
    /// and this lies the recorded future, replayed when the run passes it.
    double recorded_until_s = 0;
    /// The scenario the run started from, with every live input of this run in its
    /// `recording` (the recorded future included): what "save with recording" writes.
    std::shared_ptr<const model::Scenario> recorded_run;
    /// The future the last fork abandoned (an input given in the past), as a scenario with
    /// its recording, played until `abandoned_until_s`; null when nothing was abandoned.
    std::shared_ptr<const model::Scenario> abandoned_run;
    double abandoned_until_s = 0;
};

}  // namespace flowlab::run
