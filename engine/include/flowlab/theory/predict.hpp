#pragma once
/// The analytic predictions that apply to a scenario: `flowlab-cli theory FILE` prints
/// them and the run report embeds them as "theory".
///
/// The synchronous part of the topology is analysed (sync edges from clients and services
/// into services and databases, followed from each client), plus queues with a consumer
/// group behind them and the publishes into unbounded brokers. A figure is emitted
/// only where its assumptions hold, and left out otherwise (never a number that does not
/// apply). Keys, in this order, each present only when something applies:
///
/// "chain_availability": probability that a client's request succeeds when every hop
///     fails independently with its failure_rate: the product over every node the
///     request reaches of (1 - failure_rate), once per call (a request that reaches B
///     through two edges multiplies B's factor twice). Applies when, on everything the
///     client reaches: no retry, no breaker, no "fallback": "default", no optional edge,
///     no fault, unbounded backlog (a full backlog rejects), no async publish into a
///     broker with a capacity, no cycle; and the client uses the request pattern.
///     Timeouts are assumed not to fire (a run whose timeouts fire measures less).
/// "p99_work_sum_ms": the client's hops' work P99s added up along its call tree, plus
///     each edge's latency P99 twice (request and response), plus for each async publish
///     its latency P99 twice and the broker's ack P99. NOT a bound: it leaves out every
///     wait for a thread, and a sum of P99s is not in general above the P99 of a sum. It
///     shows what the chain's own work would give if nothing queued. Parallel calls are
///     added too. Applies when, on everything the client reaches: no retry, no fault, no
///     async publish into a broker with a capacity, no cycle, no hop whose known load is
///     at or above its threads; and the client uses the request pattern and has no fault.
/// "p99_bound_ms": a number the P99 of the client's latency does not exceed, waiting
///     included (client_bound.cpp, docs/engine-semantics.md "Theory"): the latency is a
///     sum of independent terms (each edge's latency there and back, broker acks, the one
///     server's wait and its work), and the 0.99 quantile of that sum is bounded
///     numerically (quantile_bound.hpp) and rounded up. Applies when the client has
///     Poisson arrivals, the request pattern and no fault, and its edges, in file order,
///     are publishes into brokers with no capacity and no fault, and at most one sync call,
///     to a service or database that calls nothing, has no fault, is fed only by such
///     first sync calls of such clients (so its arrivals are exactly Poisson) with no
///     retry or breaker, and whose wait is bounded: no backlog (no wait), exponential work
///     (the M/M/c wait, Erlang C), one thread (the M/G/1 wait, Pollaczek-Khinchine), or
///     several threads at a load under one Erlang (one thread's M/G/1 wait bounds it).
/// "p99_bound_unavailable": for each request client without "p99_bound_ms", why (one
///     sentence). Never a number: where no bound is proven none is shown.
/// "stations": keyed by node id, for each service or database with no outgoing edge, no
///     fault, and a known Poisson arrival rate lambda, and for each queue served by a
///     consumer group as below. "model" names the formula:
///     - "M/M/c": unbounded backlog and exponential work, c = threads:
///       {"model","lambda_per_s","c","utilization","erlang_c","mean_wait_ms",
///        "mean_response_ms","p99_response_ms","mean_in_system","stable": true,"arrivals"};
///       when lambda >= c mu only {"model","lambda_per_s","c","utilization","erlang_c": 1,
///       "stable": false,"arrivals"}.
///     - "M/G/1": unbounded backlog, one thread, work that is not exponential:
///       {"model","lambda_per_s","c": 1,"utilization","mean_wait_ms" (Pollaczek-Khinchine:
///       lambda E[S^2] / (2 (1 - rho))),"mean_response_ms","p99_response_bound_ms" (a
///       bound, only with "poisson" arrivals),"mean_in_system","stable","arrivals"}; when
///       rho >= 1 only {"model","lambda_per_s","c","utilization","stable": false,"arrivals"}.
///     - "M/G/c/c": backlog 0 (a loss system), any work distribution (Erlang B does not
///       depend on its shape, only its mean): {"model","erlang_b","lambda_per_s","c",
///       "arrivals"}.
///     - "M/M/c" keyed by a queue's id: the queue is the waiting room, its consumers'
///       workers the c servers (queue_station.cpp): {"model","kind": "queue","lambda_per_s","c",
///       "utilization","erlang_c","mean_wait_ms" (publish to hand-out),"mean_in_queue"
///       (messages waiting, time-average),"mean_response_ms" (publish to processed),
///       "mean_in_system","stable","arrivals"}. Applies when the queue has no
///       capacity, unordered delivery and no fault; every consumer it delivers to has
///       exponential work of one common mean, no failures or poison, no outgoing edge, no
///       autoscale, no fault, a delivery edge of latency 0 and a visibility timeout of at
///       least 50 mean works; and each publisher is a service with a known Poisson load and
///       no sync call before the publish: lambda is the sum of their loads times
///       (1 - failure_rate). The publishes follow the publisher's wait and work, so
///       "arrivals" is "poisson_approx": exact while the publisher never waits for a
///       thread (its work then only delays each arrival independently).
///     - a cache (theory/proxy_stations.cpp, formulas in cache_limiter.hpp): "model" "LRU
///       (Che)" {"hit_ratio","characteristic_requests","characteristic_time_s" and
///       "lambda_per_s" (exactly Poisson calls only),"miss_path_ms","mean_latency_ms",
///       "p99_latency_ms" (constant lookup and trip to the callee)}; with a TTL and nothing
///       evicted, "TTL" {"hit_ratio",...}; with a TTL and evictions, "LRU with TTL"
///       {"unavailable": why}. No station under a fault.
///     - a rate limiter fed by exactly Poisson calls and under no fault: "model" "token
///       bucket (M/D/1/K)" {"lambda_per_s","fluid_accepted_per_s","accepted_per_s",
///       "rejected_ratio","arrivals"}.
///     A client or service that calls a cache or rate limiter gets no chain figures, and a
///     node a cache or rate limiter calls has no known load.
///     "arrivals" is "poisson" when the calls are exactly a Poisson stream (poisson_feed.hpp:
///     each comes from a Poisson client as its first sync call) and "poisson_approx"
///     otherwise: still exact while the hops in between do not queue, but when they do,
///     the station waits less than predicted (a saturated upstream thread pool caps the
///     concurrency that reaches it). Check measured figures against "poisson" stations.
///
/// One client or several: with exactly one client node the first two keys are plain
/// numbers (the spec's example); with several they are objects keyed by client id,
/// holding only the clients for which the figure applies.
///
/// Arrival rate of a node: the sum over its incoming sync edges of the caller's rate (a
/// client's rate_per_s; a service's own arrival rate), one call per request per edge:
/// the offered load, before upstream failures thin it (so utilization is an upper
/// bound when upstream hops fail). It is unknown (no station) when a caller is a
/// consumer (fed asynchronously) or a job-pattern client (polls add requests), when an
/// edge on the way retries (retries add calls), or when a fault targets any node on the
/// way (the load changes during the run). It is Poisson when every client feeding it
/// has poisson arrivals; merging independent Poisson streams is Poisson, and the hops in
/// between keep it Poisson exactly when they do not queue (M/G/inf output) or are
/// M/M/c themselves (Burke), approximately otherwise.
///
/// Every number is rounded to 6 significant digits (correctly rounded decimal, so the
/// same on every machine); bounds are rounded up, so they stay bounds.

#include <boost/json/object.hpp>

#include "flowlab/model/scenario.hpp"

namespace flowlab::theory {

/// The predictions described above; an empty object when none applies.
boost::json::object predict(const model::Scenario& s);

/// `x` rounded to 6 significant digits (0, infinities and NaN unchanged).
double round_significant_6(double x);

/// The smallest 6-significant-digit number >= x (x > 0): how a bound is rounded.
double round_up_significant_6(double x);

}  // namespace flowlab::theory
