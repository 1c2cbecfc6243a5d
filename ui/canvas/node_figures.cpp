#include "canvas/node_figures.hpp"

#include <QLocale>
#include <cmath>
#include <string>

#include "flowlab/run/metric_path.hpp"

namespace flowlab::ui {

namespace {

/// Reads `<prefix>.<id>.<leaf>`; ids may not contain dots (the validator says so).
class Reader {
public:
    Reader(const boost::json::object& report, const char* prefix, const std::string& id)
        : report_(report), base_(std::string(prefix) + "." + id + ".") {}
    double number(const char* leaf, double fallback = 0) const {
        return run::metric_value(report_, base_ + leaf).value_or(fallback);
    }
    std::int64_t count(const char* leaf) const { return std::llround(number(leaf)); }

private:
    const boost::json::object& report_;
    std::string base_;
};

}  // namespace

NodeFigures readNodeFigures(const boost::json::object& report, const model::Node& node) {
    NodeFigures f;
    using model::NodeKind;
    if (node.kind == NodeKind::client) {
        const Reader r(report, "clients", node.id);
        // The report says availability 1 before anything finished; the node says nothing.
        // Mid-run, requests still on their way are in flight, not failed (the report's rule).
        f.inFlight = r.count("in_flight");
        if (r.count("requests") > f.inFlight) {
            f.availability = r.number("availability", -1);
            f.p99Ms = r.number("latency_ms.p99", -1);
        }
        f.failed = r.count("failed");
        if (node.pattern == model::ClientPattern::job) {
            f.jobPolls = r.count("job.polls");
            f.jobsDone = r.count("job.done");
            f.jobsFailed = r.count("job.failed");
            if (f.jobsDone > 0) {
                f.jobDoneP50Ms = r.number("job.done_ms.p50", -1);
                f.jobDoneP99Ms = r.number("job.done_ms.p99", -1);
            }
        }
        if (node.pattern == model::ClientPattern::write_then_read) {
            f.reads = r.count("read_your_writes.reads");
            f.readMisses = r.count("read_your_writes.misses");
        }
        return f;
    }
    const Reader r(report, "nodes", node.id);
    switch (node.kind) {
        case NodeKind::client: break;
        case NodeKind::service:
        case NodeKind::database:
        case NodeKind::read_model:
            f.received = r.count("received");
            f.failed = r.count("failed");
            f.retries = r.count("retries");
            f.degraded = r.count("degraded");
            f.timedOutCalls = r.count("timed_out_calls");
            f.wastedWorkMs = r.number("wasted_work_ms");
            f.inflight = r.count("inflight");
            f.loopBusy = r.number("loop_busy");
            f.viewLag = r.count("view.lag");
            if (r.count("view.applied") > 0)
                f.stalenessP99Ms = r.number("view.staleness_ms.p99", -1);
            break;
        case NodeKind::queue:
        case NodeKind::topic:
            f.redelivered = r.count("redelivered");
            f.orderingViolations = r.count("ordering_violations");
            f.deadLettered = r.count("dead_lettered");
            f.producerBlockedS = r.number("producer_blocked_s");
            break;
        case NodeKind::consumer:
            f.processed = r.count("processed");
            f.retries = r.count("retries");
            f.duplicatesDelivered = r.count("duplicates_delivered");
            f.duplicatesSuppressed = r.count("duplicates_suppressed");
            f.doubleSideEffects = r.count("double_side_effects");
            f.deadLettered = r.count("dead_lettered");
            f.failureEvents = std::llround(r.number("failure_events", -1));
            f.compensations = std::llround(r.number("compensations", -1));
            break;
        case NodeKind::orchestrator:
            f.received = r.count("received");
            f.failed = r.count("failed");
            f.timedOutCalls = r.count("timed_out_calls");
            f.sagasCompleted = r.count("saga.completed");
            f.sagasCompensated = r.count("saga.compensated");
            f.sagasFailedToCompensate = r.count("saga.failed_to_compensate");
            f.compensationsRun = r.count("saga.compensations_run");
            break;
        case NodeKind::dlq:
            f.dlqCount = r.count("count");
            f.maxReceives = r.count("reasons.max_receives");
            f.retriesExhausted = r.count("reasons.retries_exhausted");
            break;
        case NodeKind::cache:
            f.hits = r.count("hits");
            f.misses = r.count("misses");
            f.evictions = r.count("evictions");
            f.expirations = r.count("expirations");
            if (f.hits + f.misses > 0) f.hitRatio = r.number("hit_ratio", -1);
            break;
        case NodeKind::rate_limiter:
            f.admitted = r.count("admitted");
            f.rejected429 = r.count("rejected_429");
            break;
    }
    return f;
}

QString formatMs(double ms) {
    if (ms < 0) return QStringLiteral("–");
    if (ms < 10) return QStringLiteral("%1 ms").arg(ms, 0, 'f', 1);
    if (ms < 1000) return QStringLiteral("%1 ms").arg(ms, 0, 'f', 0);
    if (ms < 10000) return QStringLiteral("%1 s").arg(ms / 1000, 0, 'f', 1);
    return QStringLiteral("%1 s").arg(ms / 1000, 0, 'f', 0);
}

QString formatCount(std::int64_t n) {
    // The lessons' prose writes 1,201 whatever the system locale says.
    return QLocale(QLocale::English).toString(qlonglong(n));
}

}  // namespace flowlab::ui
