#pragma once
/// The analytic predictions that apply to a scenario: `flowlab-cli theory FILE` prints
/// them and the run report embeds them as "theory".
///
/// Only the synchronous part of the topology is analysed: sync edges from clients and
/// services into services and databases, followed from each client. A figure is emitted
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
/// "p99_sum_bound_ms": the client's hops' own P99s added up along its call tree, plus
///     each edge's latency P99 twice (request and response), plus for each async publish
///     its latency P99 twice and the broker's ack P99. A hop's own P99 is the exact M/M/c
///     response-time P99 where the hop is an M/M/c station (see "stations"), else its
///     work distribution's P99 (so queueing at other hops is not in it). Parallel calls
///     are added too (their max is below their sum). Applies when, on everything the
///     client reaches: no retry, no fault, no async publish into a broker with a
///     capacity (backpressure can block without bound), no cycle, no hop whose known
///     load is at or above its threads (no finite P99); and the client uses the request
///     pattern and has no fault.
/// "stations": keyed by node id, for each service or database with no outgoing edge, no
///     fault, and a known Poisson arrival rate lambda:
///     - unbounded backlog and exponential work: M/M/c with c = threads:
///       {"lambda_per_s","c","utilization","erlang_c","mean_wait_ms","mean_response_ms",
///        "p99_response_ms","mean_in_system","stable": true,"arrivals"}; when
///       lambda >= c mu only {"lambda_per_s","c","utilization","erlang_c": 1,
///       "stable": false,"arrivals"}.
///     - backlog 0 (a loss system), any work distribution (Erlang B does not depend on
///       its shape, only its mean): {"erlang_b","lambda_per_s","c","arrivals"}.
///     "arrivals" is "poisson" when every call comes straight from a client (the
///     prediction is exact) and "poisson_approx" when calls pass through other hops:
///     still exact while those hops do not queue, but when they do, the station waits
///     less than predicted (a saturated upstream thread pool caps the concurrency that
///     reaches it). Check measured figures against "poisson" stations.
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
/// same on every machine).

#include <boost/json/object.hpp>

#include "flowlab/model/scenario.hpp"

namespace flowlab::theory {

/// The predictions described above; an empty object when none applies.
boost::json::object predict(const model::Scenario& s);

/// `x` rounded to 6 significant digits (0, infinities and NaN unchanged).
double round_significant_6(double x);

}  // namespace flowlab::theory
