#pragma once
// How a client learns that the asynchronous work its request caused is done: by polling
// (the job pattern's default: every poll that finds the job unfinished is wasted), or by
// a webhook: a `webhook` edge from a worker (consumer) to the client, over which the
// worker's dispatcher calls the client's endpoint when the work is done, retrying with the
// edge's backoff while the endpoint is down, up to its retries, then giving up. The
// dispatcher holds no worker instance: it is the platform's delivery service.

#include <boost/json/object.hpp>

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "flowlab/metrics/latency_histogram.hpp"
#include "flowlab/runtime/observer.hpp"
#include "runtime/entities.hpp"
#include "runtime/slot_pool.hpp"

namespace flowlab::runtime {

class World;

/// Per client: what its notifications cost and how late they came.
struct NoticeStats {
    std::uint64_t wasted_polls = 0;          ///< polls that did not bring the news
    metrics::LatencyHistogram notify_delay;  ///< work done -> the client knows
    std::uint64_t sent = 0, delivered = 0;   ///< webhook callbacks started, delivered
    std::uint64_t attempts = 0, failed_attempts = 0, given_up = 0;
    metrics::LatencyHistogram notify;  ///< webhook: submit -> callback delivered
};

/// A callback on its way to (or waiting to retry) a client's endpoint.
struct Callback {
    SimTime submitted = 0;  ///< the request's start
    SimTime done_at = 0;    ///< when the work it reports was done
    Id client = no_id;
    Id edge = no_id;
    std::uint32_t attempt = 0;  ///< 1-based
    std::uint32_t number = 0;   ///< the request's number (the live view's id)
    bool measured = false;
    bool job = false;  ///< the client uses the job pattern (its job figures count it)
    bool job_failed = false;
};

class Notifier {
public:
    explicit Notifier(World& world);

    /// Whether client `client` is called back (it has an incoming webhook edge).
    bool calls_back(Id client) const { return webhook_of_[client] != no_id; }
    /// Every asynchronous delivery request `rid` caused is done, and the client has its
    /// answer: a webhook client is called back (and the request ends), a polling one
    /// learns it at its next answered poll.
    void on_work_done(Id rid);
    /// A poll found the job unfinished (or failed, telling nothing).
    void on_wasted_poll(const Request& r);
    /// A poll brought the news that the job is done.
    void on_poll_found_done(Id rid);
    /// A request ends: forgets when its work was done.
    void forget(Id rid) { done_at_.erase(rid); }
    /// Callbacks not yet delivered or given up (the run drains them).
    std::uint64_t in_flight() const { return callbacks_.live(); }
    /// Adds "wasted_polls" and "notify_delay_ms" to a job section, and a "webhook"
    /// section for a client that is called back.
    void report_client(Id client, boost::json::object& client_section,
                       boost::json::object* job_section) const;

private:
    /// One leg of a callback's trip, for the live view (a no-op without an observer).
    void show_hop(const Callback& cb, SimTime trip, HopKind kind, bool failed);
    void attempt(Id cb);
    void arrive(Ref cb);
    void failed(Ref cb);
    void delivered(Id cb);

    World& w;
    std::vector<Id> webhook_of_;      ///< by node: the webhook edge into a client, or no_id
    std::vector<NoticeStats> stats_;  ///< by node (clients only)
    std::unordered_map<Id, SimTime> done_at_;  ///< polling requests whose work is done
    SlotPool<Callback> callbacks_;
};

}  // namespace flowlab::runtime
