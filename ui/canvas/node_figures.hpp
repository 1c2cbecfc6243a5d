#pragma once
/// The figures a node draws from the report of the run so far: counts since the start
/// of the run, read through metric paths so the canvas and `flowlab-cli run --until`
/// always agree about what a number means.

#include <boost/json/object.hpp>

#include <QString>
#include <cstdint>

#include "flowlab/model/scenario.hpp"

namespace flowlab::ui {

struct NodeFigures {
    // client (request pattern and the job pattern's 202 step)
    double availability = -1;   ///< clients.<id>.availability, -1: nothing finished yet
    double p99Ms = -1;          ///< clients.<id>.latency_ms.p99
    std::int64_t failed = 0;    ///< clients.<id>.failed without those in flight; services too
    std::int64_t inFlight = 0;  ///< clients.<id>.in_flight: sent, no answer yet
    // client, job pattern: clients.<id>.job.*
    std::int64_t jobPolls = 0, jobsDone = 0, jobsFailed = 0;
    double jobDoneP50Ms = -1, jobDoneP99Ms = -1;

    // service / database
    std::int64_t received = 0, degraded = 0, timedOutCalls = 0, retries = 0;
    double wastedWorkMs = 0;

    // queue / topic
    std::int64_t redelivered = 0, orderingViolations = 0, deadLettered = 0;
    double producerBlockedS = 0;

    // consumer
    std::int64_t processed = 0, duplicatesDelivered = 0, duplicatesSuppressed = 0,
                 doubleSideEffects = 0;

    // consumer in a choreography (-1: the report has no choreography figures)
    std::int64_t failureEvents = -1, compensations = -1;

    // orchestrator: nodes.<id>.saga.*
    std::int64_t sagasCompleted = 0, sagasCompensated = 0, sagasFailedToCompensate = 0,
                 compensationsRun = 0;

    // dlq
    std::int64_t dlqCount = 0, maxReceives = 0, retriesExhausted = 0;

    // cache: nodes.<id>.hits, misses, hit_ratio, evictions, expirations
    std::int64_t hits = 0, misses = 0, evictions = 0, expirations = 0;
    double hitRatio = -1;  ///< -1: no lookup yet
    // rate limiter: nodes.<id>.admitted, rejected_429
    std::int64_t admitted = 0, rejected429 = 0;
    // event-loop service: nodes.<id>.inflight, loop_busy
    std::int64_t inflight = 0;
    double loopBusy = 0;
    // read model: nodes.<id>.view.*
    std::int64_t viewLag = 0;
    double stalenessP99Ms = -1;
    // write_then_read client: clients.<id>.read_your_writes.*
    std::int64_t reads = 0, readMisses = 0;
};

/// Reads `node`'s figures from a report (`flowlab-report/1`); missing paths read as 0 / -1.
NodeFigures readNodeFigures(const boost::json::object& report, const model::Node& node);

/// A duration for a node's small text: "0.8 ms", "12 ms", "1.2 s", "14 s".
QString formatMs(double ms);
/// A count with thousands separators, as the lessons write them: "14,972".
QString formatCount(std::int64_t n);

}  // namespace flowlab::ui
