#pragma once
// The simulated world: every node, edge and thing in flight, and the rules that move
// them. `Simulation` (the public face) owns one World.
//
// The rules are split by concept across files: client_rules.cpp (arrivals, requests),
// server_rules.cpp (threads, backlog, work), call_rules.cpp (sync calls: timeouts,
// retries, breakers, fallbacks), outgoing_rules.cpp (performing a node's outgoing edges),
// fault_rules.cpp, report.cpp. Async messaging is `AsyncMessaging`
// (async_messaging.hpp).

#include <boost/json/object.hpp>

#include <deque>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "flowlab/kernel/kernel.hpp"
#include "flowlab/kernel/random.hpp"
#include "flowlab/metrics/latency_histogram.hpp"
#include "flowlab/metrics/time_weighted.hpp"
#include "flowlab/model/scenario.hpp"
#include "flowlab/runtime/observer.hpp"
#include "flowlab/runtime/simulation.hpp"
#include "runtime/circuit_breaker.hpp"
#include "runtime/entities.hpp"
#include "runtime/event_id_set.hpp"
#include "runtime/trace_recorder.hpp"
#include "runtime/work_faults.hpp"

namespace flowlab::runtime {

class AsyncMessaging;
class ProxyNodes;
class Notifier;
class Sagas;

struct ServerStats {
    std::uint64_t received = 0, ok = 0, degraded = 0, failed = 0, rejected = 0, refused = 0;
    std::uint64_t timed_out_calls = 0, retries = 0;
    SimTime wasted_work_ns = 0;
    std::int64_t backlog_max = 0;
    metrics::LatencyHistogram latency;
};

/// A read model's view (read_model_rules.cpp): what was applied, how stale it was.
struct ViewStats {
    std::uint64_t applied = 0;            ///< events applied (first applications only)
    std::uint64_t reapplied = 0;          ///< redelivered events applied again (no change)
    metrics::LatencyHistogram staleness;  ///< commit (broker accepted) to visible, per event
};

struct ClientStats {
    std::uint64_t requests = 0, ok = 0, degraded = 0, failed = 0;
    std::uint64_t reasons[reason_count] = {};
    std::uint64_t retries = 0;
    metrics::LatencyHistogram latency;     ///< every answered request
    metrics::LatencyHistogram latency_ok;  ///< the successful ones (ok or degraded)
    metrics::LatencyHistogram job_accepted, job_done;
    std::uint64_t polls = 0, jobs_done = 0, jobs_failed = 0;
    // write_then_read: reads answered, of which missed the user's own write; reads failed
    std::uint64_t reads = 0, read_misses = 0, reads_failed = 0;
};

/// The live state of one node. Fields for other kinds stay unused.
struct NodeRt {
    const model::Node* cfg = nullptr;
    model::NodeKind kind{};
    kernel::LazyStream rng;
    std::vector<Id> out_edges;  ///< sync and async edges, in file order
    Id dead_letter_edge = no_id;
    Id failure_edge = no_id;  ///< consumer: the async edge of its on_failure_publish

    // Faults in force (set by fault_rules.cpp).
    int down = 0, hung = 0;            // counters: overlapping faults nest
    WorkFaults work_faults;            // slow / errors faults in force
    std::optional<double> spike_rate;  // a `spike` fault replaces rate_per_s
    struct ActiveFault {
        model::Fault fault;
        SimTime ends = kernel::never;  // when a timed fault heals
    };
    std::vector<ActiveFault> active_faults;  // what the live view shows on the node

    // Server (service / database).
    int threads = 0;
    int working = 0, blocked = 0;
    std::deque<Waiting> backlog;
    std::vector<Id> hung_work;  // invocations whose work finished while hung
    metrics::TimeWeightedLevel working_level, blocked_level;
    metrics::TimeWeightedLevel in_system_level;  // backlog + threads in use, for Little's law
    double in_system_at_warmup = 0;
    double working_at_warmup = 0, blocked_at_warmup = 0;  // integrals snapshotted at warm-up
    ServerStats server;

    // Event-loop service: `working` is the loop (0 or 1), `blocked` stays 0; admitted
    // requests (working, waiting for the loop, or waiting on calls) are `inflight`.
    bool event_loop = false;
    int inflight = 0;
    std::deque<Id> loop_queue;  // admitted invocations waiting for the loop to run their work
    metrics::TimeWeightedLevel inflight_level;
    double inflight_at_warmup = 0;
    std::int64_t inflight_max = 0;

    // Read model (its set of applied events is World::applied_events).
    ViewStats view;

    // Client.
    std::uint32_t arrival_gen = 0;  // bumps to cancel the pending arrival (spike start/end)
    bool arrivals_on = false;
    ClientStats client;
    ArrivalFingerprint arrivals;  // every arrival since time 0, warm-up included
    Id read_edge = no_id;         // write_then_read: the read, kept out of out_edges

    double failure_rate() const { return work_faults.failure_rate(cfg->failure_rate); }
    double rate_per_s() const { return spike_rate ? *spike_rate : cfg->rate_per_s; }
};

struct EdgeStats {
    std::uint64_t calls = 0, attempts = 0, retries = 0, timeouts = 0, failures = 0, fallbacks = 0;
};

struct EdgeRt {
    const model::Edge* cfg = nullptr;
    Id from = no_id, to = no_id;
    model::EdgeMode mode{};
    kernel::LazyStream rng;
    SimTime timeout = kernel::never;
    std::optional<CircuitBreaker> breaker;
    EdgeStats stats;
};

class World {
public:
    World(const model::Scenario& scenario, const SimulationOptions& options);
    ~World();

    // --- run control (world.cpp) ---
    void start();
    /// Runs events up to `limit`; returns false once the run has finished.
    bool advance(SimTime limit) { return run_events(limit, UINT64_MAX); }
    /// Runs exactly one event; returns false once the run has finished.
    bool step() { return run_events(kernel::never, 1); }
    bool finished() const { return finished_; }
    void finish_now();
    /// Work was added after arrivals ended (a DLQ redrive): run on until it drains.
    void reopen_for_drain();
    /// The clients go on sending for `more` from now (the app's "Continue"): a run that
    /// ended, or is draining, takes arrivals again and then ends as any run does, after
    /// its drain. A run limited by a request count continues by time.
    void extend_arrivals(SimTime more);
    SimTime now() const { return kernel.now(); }
    bool measuring() const { return kernel.now() >= warmup_end; }
    std::uint64_t in_flight_requests() const { return requests.live(); }

    // --- clients (client_rules.cpp) ---
    void schedule_next_arrival(Id client);
    void on_arrival(Id client, std::uint32_t gen);
    void finish_request(Id request, Outcome outcome, Reason reason);
    void on_client_deadline(Id request, Ref root);
    void start_polling(Id request);
    void on_poll(Id request);
    /// A poll came back; only an answered one tells the client the job's status.
    void on_poll_answer(Id request, bool answered);
    void on_job_delivery_done(Id request, bool failed);

    // --- write then read, read models (read_model_rules.cpp) ---
    /// The write of a write_then_read request was answered well: the read follows.
    void schedule_read(Id request);
    void on_read(Id request);
    void on_read_answer(Id request, bool answered);
    /// A call reaches read model `node`: a consumer's apply (handled here: true) or a read
    /// (what it sees is noted for the reader; false: it is served as any call).
    bool on_read_model_call(Id node, Ref call, std::uint32_t attempt);
    /// Events committed towards read model `node` and not applied yet.
    std::int64_t view_lag(Id node) const;
    boost::json::object view_report(Id node) const;
    boost::json::object read_your_writes_report(const ClientStats& s) const;

    // --- event loop (event_loop_rules.cpp) ---
    /// Whether server `n` admits one more call now (a free thread, or in-flight room).
    bool has_room(const NodeRt& n) const;
    /// Runs the next waiting work on the loop if it is free.
    void run_loop(Id node);
    /// An event-loop service admitted (+1) or finished (-1) a request.
    void set_inflight(NodeRt& n, int delta);
    boost::json::object event_loop_report(const NodeRt& n, double measured_s) const;

    // --- servers (server_rules.cpp) ---
    void on_call_arrives(Id node, Ref call, std::uint32_t attempt);
    /// Answers a call at once, without an invocation (refused, rejected, rate limited; a
    /// read model's apply): the caller learns after one network trip back.
    void answer_at_once(Id node, Ref call, std::uint32_t attempt, Outcome outcome, Reason why);
    /// The invocation of node `node` that serves `call`, holding no thread yet.
    Id create_invocation(Id node, SimTime arrived, Ref call, std::uint32_t attempt);
    /// An invocation at request `rid`'s client that makes one call (a poll or a read):
    /// when it returns there is no further edge to perform. Mark it, then start_call.
    Id create_single_call(Id rid);
    /// Starts the work of a call that got a thread (arrived at `arrived`).
    void start_invocation(Id node, SimTime arrived, Ref call, std::uint32_t attempt);
    void take_thread(Id inv);
    /// The invocation starts its own work on its thread (or the event loop).
    void begin_work(Id inv);
    void on_work_done(Id inv);
    void resume_after_work(Id inv);
    void respond(Id inv);
    void release_thread(Id node);
    void set_thread_counts(NodeRt& n, int working_delta, int blocked_delta);

    // --- outgoing edges (outgoing_rules.cpp) ---
    void perform_outgoing(Id inv);
    void on_edge_done(Id inv, Outcome outcome, Reason reason, bool optional_edge);
    void complete_invocation(Id inv);

    // --- sync calls (call_rules.cpp) ---
    void start_call(Id inv, Id edge);
    void start_attempt(Id call);
    void on_attempt_timeout(Ref call, std::uint32_t attempt);
    void on_answer(Ref call, std::uint32_t attempt, Outcome outcome, Reason reason);
    void on_answer_failed(Id call, Reason reason);
    void end_call(Id call, Outcome outcome, Reason reason);

    // --- faults (fault_rules.cpp) ---
    void schedule_faults();
    void apply_fault(const model::Fault& f, bool on);
    /// A fault started or healed by hand while running (the app's fault menu); one with
    /// `for_s` heals itself that long after now.
    void inject_fault(const model::Fault& f, bool on);

    // --- the live view's hop subjects (hop_subject.cpp) ---
    /// The request a call of invocation `caller` serves, and the nodes from its client
    /// down to the caller (a hop from the caller ends the path there).
    HopSubject call_subject(Ref caller, std::uint32_t attempt) const;

    // --- report (report.cpp) ---
    boost::json::object report() const;
    boost::json::object clients_report() const;
    boost::json::object servers_report(double measured_s) const;
    boost::json::object littles_law_report(double measured_s) const;

    // The scenario is copied: nodes and edges point into it.
    model::Scenario scenario;
    kernel::Kernel kernel;
    std::vector<NodeRt> nodes;
    std::vector<EdgeRt> edges;
    std::vector<Id> clients;
    /// Node index by id (the scenario's ids are unique in a valid file).
    std::unordered_map<std::string, Id> node_ids;  // owns its keys: live edits reassign ids
    Id node_index(const std::string& id) const {
        auto it = node_ids.find(id);
        return it == node_ids.end() ? no_id : it->second;
    }
    SlotPool<Request> requests;
    SlotPool<Invocation> invocations;
    SlotPool<Call> calls;
    std::unique_ptr<AsyncMessaging> messaging;
    std::unique_ptr<ProxyNodes> proxies;  ///< caches and rate limiters
    std::unique_ptr<Notifier> notifier;   ///< polling figures and webhook callbacks
    std::unique_ptr<Sagas> sagas;         ///< orchestrators' sagas (saga_rules.hpp)
    TraceRecorder traces;
    /// Read models' events already visible, by node: a redelivery changes nothing.
    std::unordered_map<Id, EventIdSet> applied_events;
    std::deque<model::Fault> injected_faults;  // stable addresses for their heal events
    Observer* observer = nullptr;              ///< live view hooks (LiveRunner); null in batch runs

    std::uint64_t seed = 0;
    SimTime warmup_end = 0;
    SimTime arrivals_end = kernel::never;  ///< by duration
    std::int64_t request_budget = -1;      ///< by count; -1: unlimited
    std::int64_t requests_started = 0;
    SimTime drain_limit = kernel::never;
    bool arrivals_done = false;
    bool finished_ = false;
    kernel::RandomStream trace_rng;

private:
    /// The event loop, the only one: runs events due at or before `limit`, at most
    /// `max_events` of them, and decides when the run is over.
    bool run_events(SimTime limit, std::uint64_t max_events);
    void check_done();
    void on_arrivals_end();
    void schedule_arrivals_end();
};

}  // namespace flowlab::runtime
