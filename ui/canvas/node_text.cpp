#include "canvas/node_text.hpp"

#include <QCoreApplication>
#include <QStringList>
#include <algorithm>
#include <cmath>

#include "canvas/node_text_consistency.hpp"

namespace flowlab::ui {

namespace {

QString tr(const char* text, const char* disambiguation = nullptr, int n = -1) {
    return QCoreApplication::translate("NodeItem", text, disambiguation, n);
}

using Tone = NodeLine::Tone;

/// The engine's chart sample interval (run/live_runner.cpp): ClientFrame's windowed
/// figures cover the last sample. The frame does not carry it, so it is named here once.
constexpr double windowS = 0.5;

QString percent(double availability) {
    // 100 % exactly reads better without decimals; anything less keeps two, which is the
    // precision the lessons argue with (99.70 % against 99.97 %).
    if (availability >= 1.0) return QStringLiteral("100 %");
    return QStringLiteral("%1 %").arg(availability * 100.0, 0, 'f', 2);
}

Tone availabilityTone(double availability) {
    if (availability < 0.99) return Tone::alarm;
    if (availability < 0.999) return Tone::warning;
    return Tone::good;
}

QString rate(double perS) {
    return perS < 10 ? QString::number(perS, 'f', 1) : QString::number(perS, 'f', 0);
}

/// "a · b · c" of the parts that are not empty.
QString joined(const QStringList& parts) {
    QStringList kept;
    for (const QString& p : parts)
        if (!p.isEmpty()) kept << p;
    return kept.join(QStringLiteral(" · "));
}

void clientLines(std::vector<NodeLine>& out, const model::Node& node, const run::NodeFrame* state,
                 const run::ClientFrame* client, const NodeFigures& f) {
    const bool job = node.pattern == model::ClientPattern::job;
    if (!state || !client) {
        out.push_back({tr("%1 requests/s").arg(rate(node.rate_per_s))});
        if (job)
            out.push_back({tr("job: 202, then polls every %1").arg(formatMs(node.poll_interval_ms)),
                           Tone::muted});
        return;
    }
    // The rate arrivals follow now: a spike fault shows here at once.
    const bool spike = state->has_fault(model::FaultKind::spike);
    out.push_back({tr("%1/s now · %2 sent")
                       .arg(rate(client->arrival_rate_per_s), formatCount(client->requests_total)),
                   spike ? Tone::warning : Tone::normal});
    // A small table, so that the figures since the start and those of the last chart
    // sample can never be mistaken for each other.
    out.push_back({tr("\tok\tP99"), Tone::muted});
    if (f.availability >= 0)
        out.push_back({tr("since start\t%1\t%2").arg(percent(f.availability), formatMs(f.p99Ms)),
                       availabilityTone(f.availability), true});
    else
        out.push_back({tr("since start\t–\t–"), Tone::muted, true});
    if (client->ok_per_s + client->failed_per_s > 0) {
        out.push_back({tr("last %1 s\t%2\t%3")
                           .arg(windowS)
                           .arg(percent(client->availability), formatMs(client->p99_ms)),
                       Tone::muted});
    } else {
        // The engine says 100 % for a window in which nothing finished: say what happened.
        out.push_back({tr("last %1 s\tnone done").arg(windowS),
                       client->requests_total > 0 ? Tone::warning : Tone::muted, false, false,
                       tr("none done")});
    }
    // The report counts requests still on their way against the availability so far; say
    // how many there are, or a pile-up would read as failures that never happened.
    out.push_back(
        {joined({tr("failed: %1").arg(formatCount(f.failed)),
                 f.inFlight > 0 ? tr("in flight: %1").arg(formatCount(f.inFlight)) : QString()}),
         f.failed > 0 ? Tone::alarm : Tone::muted, false, true,
         tr("failed %1").arg(formatCount(f.failed))});
    if (job) {
        out.push_back(
            {tr("jobs done: %1 · polls: %2").arg(formatCount(f.jobsDone), formatCount(f.jobPolls)),
             Tone::normal, false, true, tr("polls %1").arg(formatCount(f.jobPolls))});
        out.push_back(
            {f.jobsDone > 0 ? tr("to done: P50 %1 · P99 %2")
                                  .arg(formatMs(f.jobDoneP50Ms), formatMs(f.jobDoneP99Ms))
                            : tr("to done: no job done yet"),
             Tone::normal, false, true,
             f.jobsDone > 0 ? tr("done P50 %1").arg(formatMs(f.jobDoneP50Ms)) : tr("no job done")});
    }
}

void threadLines(std::vector<NodeLine>& out, const model::Node& node, const run::NodeFrame* state,
                 const NodeFigures& f) {
    const bool database = node.kind != model::NodeKind::service;  // connections, not threads
    if (!state) {
        out.push_back({database ? tr("%1 connections").arg(node.threads)
                                : tr("%1 threads").arg(node.threads)});
        out.push_back(
            {node.backlog ? tr("backlog limit %1").arg(*node.backlog) : tr("backlog unbounded"),
             Tone::muted});
        out.push_back({tr("work: mean %1").arg(formatMs(node.work.mean_ms())), Tone::muted});
        return;
    }
    const int idle = std::max(0, state->threads - state->working - state->blocked);
    if (state->has_fault(model::FaultKind::hang) && state->working > 0) {
        // Under a hang nothing that took a thread will answer before it heals, even work
        // that has not reached its end yet: every working thread is hung.
        out.push_back({tr("%1 HUNG · %2 blocked").arg(state->working).arg(state->blocked),
                       Tone::alarm, false, false, tr("%1 HUNG").arg(state->working)});
    } else if (state->working + state->blocked == 0) {
        out.push_back({database ? tr("all %1 connections idle").arg(state->threads)
                                : tr("all %1 threads idle").arg(state->threads),
                       Tone::muted, false, false, tr("%1 idle").arg(state->threads)});
    } else {
        out.push_back({tr("%1 working · %2 blocked").arg(state->working).arg(state->blocked),
                       idle == 0 ? Tone::warning : Tone::normal, false, false,
                       state->blocked > 0 ? tr("%1 blocked").arg(state->blocked)
                                          : tr("%1 working").arg(state->working)});
    }
    if (node.backlog) {
        const bool full = *node.backlog > 0 && state->backlog >= *node.backlog;
        out.push_back({tr("backlog: %1 of %2").arg(state->backlog).arg(*node.backlog),
                       full                 ? Tone::alarm
                       : state->backlog > 0 ? Tone::warning
                                            : Tone::muted,
                       false, false, tr("backlog %1").arg(formatCount(state->backlog))});
    } else {
        out.push_back({tr("backlog: %1").arg(formatCount(state->backlog)),
                       state->backlog > 0 ? Tone::warning : Tone::muted, false, false,
                       tr("backlog %1").arg(formatCount(state->backlog))});
    }
    QStringList trouble;
    if (f.timedOutCalls > 0) trouble << tr("timeouts %1").arg(formatCount(f.timedOutCalls));
    if (f.retries > 0) trouble << tr("retries %1").arg(formatCount(f.retries));
    if (f.wastedWorkMs > 0) trouble << tr("wasted %1").arg(formatMs(f.wastedWorkMs));
    if (f.degraded > 0) trouble << tr("degraded %1").arg(formatCount(f.degraded));
    if (!trouble.isEmpty())
        out.push_back({trouble.join(QStringLiteral(" · ")),
                       f.timedOutCalls > 0 || f.wastedWorkMs > 0 ? Tone::alarm : Tone::warning,
                       false, false, trouble.front()});
    else
        out.push_back({tr("failed %1 of %2").arg(formatCount(f.failed), formatCount(f.received)),
                       f.failed > 0 ? Tone::warning : Tone::muted, false, false,
                       tr("failed %1").arg(formatCount(f.failed))});
}

void queueLines(std::vector<NodeLine>& out, const model::Node& node, const run::NodeFrame* state,
                const NodeFigures& f) {
    const QString ordering = node.delivery == model::Delivery::fifo ? tr("FIFO") : tr("unordered");
    if (!state) {
        out.push_back({node.capacity ? tr("capacity %1").arg(*node.capacity) : tr("no limit")});
        out.push_back(
            {tr("visibility timeout %1").arg(formatMs(node.visibility_timeout_ms)), Tone::muted});
        out.push_back({ordering, Tone::muted});
        return;
    }
    const bool full = node.capacity && state->depth >= *node.capacity;
    out.push_back(
        {node.capacity
             ? tr("depth %1 of %2").arg(formatCount(state->depth), formatCount(*node.capacity))
             : tr("depth %1").arg(formatCount(state->depth)),
         full ? Tone::alarm : Tone::normal, true, false,
         tr("depth %1").arg(formatCount(state->depth))});
    out.push_back({joined({tr("redelivered: %1").arg(formatCount(f.redelivered)),
                           f.deadLettered > 0 ? tr("to DLQ %1").arg(formatCount(f.deadLettered))
                                              : QString()}),
                   f.redelivered > 0 || f.deadLettered > 0 ? Tone::warning : Tone::muted, false,
                   false,
                   f.redelivered > 0 || f.deadLettered == 0
                       ? tr("redelivered %1").arg(formatCount(f.redelivered))
                       : tr("to DLQ %1").arg(formatCount(f.deadLettered))});
    out.push_back({tr("%1: %2 out of order").arg(ordering, formatCount(f.orderingViolations)),
                   f.orderingViolations > 0 ? Tone::warning : Tone::muted, false, false,
                   tr("reordered %1").arg(formatCount(f.orderingViolations))});
}

void topicLines(std::vector<NodeLine>& out, const model::Node& node, const run::NodeFrame* state,
                const NodeFigures& f, qint64 scale) {
    const QString bar = node.capacity ? tr("full bar: capacity %1").arg(scale)
                                      : tr("full bar: %1 (no limit)").arg(scale);
    if (!state) {
        out.push_back({tr("%n partition(s)", nullptr, node.partitions)});
        out.push_back({bar, Tone::muted});
        return;
    }
    out.push_back({tr("lag: %1 · out of order: %2")
                       .arg(formatCount(state->depth), formatCount(f.orderingViolations)),
                   f.orderingViolations > 0 ? Tone::warning : Tone::normal, false, false,
                   f.orderingViolations > 0
                       ? tr("reordered %1").arg(formatCount(f.orderingViolations))
                       : tr("lag %1").arg(formatCount(state->depth))});
    out.push_back({bar, Tone::muted});
    if (f.producerBlockedS > 0)
        out.push_back({tr("producers blocked %1").arg(formatMs(f.producerBlockedS * 1000)),
                       Tone::alarm, false, false,
                       tr("blocked %1").arg(formatMs(f.producerBlockedS * 1000))});
    else if (f.deadLettered > 0)
        out.push_back({tr("to DLQ %1").arg(formatCount(f.deadLettered)), Tone::warning});
}

/// An orchestrator: where its sagas are now (the saga's state lives here) and how they
/// ended; the counts are the report's (nodes.<id>.saga).
void sagaLines(std::vector<NodeLine>& out, const model::Node& node, const run::NodeFrame* state,
               const NodeFigures& f) {
    if (!state) {
        out.push_back({tr("%1 threads · saga steps in order").arg(node.threads)});
        out.push_back({tr("work: mean %1").arg(formatMs(node.work.mean_ms())), Tone::muted});
        return;
    }
    const auto& saga = state->saga;
    // Counts only: the node is narrow, and the step names are the edges' ends (the
    // message inspector names a call's step).
    QStringList at;
    for (int n : saga.at_step) at << QString::number(n);
    out.push_back(
        {tr("steps 1-%1: %2").arg(saga.at_step.size()).arg(at.join(QStringLiteral(" · "))),
         Tone::normal, false, true});
    out.push_back({saga.compensating > 0 ? tr("COMPENSATING %1").arg(saga.compensating)
                                         : tr("compensating 0"),
                   saga.compensating > 0 ? Tone::alarm : Tone::muted, true, false,
                   tr("undoing %1").arg(saga.compensating)});
    out.push_back({tr("done %1 · compensated %2")
                       .arg(formatCount(f.sagasCompleted), formatCount(f.sagasCompensated)),
                   f.sagasCompensated > 0 ? Tone::warning : Tone::good, false, true,
                   tr("undone %1").arg(formatCount(f.sagasCompensated))});
    out.push_back({joined({tr("undos run %1").arg(formatCount(f.compensationsRun)),
                           f.sagasFailedToCompensate > 0
                               ? tr("NOT undone %1").arg(formatCount(f.sagasFailedToCompensate))
                               : QString()}),
                   f.sagasFailedToCompensate > 0 ? Tone::alarm : Tone::muted});
}

void consumerLines(std::vector<NodeLine>& out, const model::Node& node, const run::NodeFrame* state,
                   const NodeFigures& f) {
    if (!state) {
        out.push_back({node.autoscale ? tr("%1 instances, autoscale to %2")
                                            .arg(node.concurrency)
                                            .arg(node.autoscale->max)
                                      : tr("%1 instances").arg(node.concurrency)});
        out.push_back({tr("work: mean %1").arg(formatMs(node.work.mean_ms())), Tone::muted});
        out.push_back({node.idempotent ? tr("idempotent") : tr("not idempotent"), Tone::muted});
        return;
    }
    const int running = state->crashed ? 0 : state->instances;
    if (state->crashed)
        out.push_back({tr("crashed: 0 of %1 running").arg(state->instances), Tone::alarm, true,
                       false, tr("CRASHED")});
    else if (state->has_fault(model::FaultKind::pause))
        out.push_back({tr("PAUSED: takes no messages"), Tone::warning, true, false, tr("PAUSED")});
    else if (node.autoscale)
        out.push_back(
            {tr("%1 of %2 busy (max %3)").arg(state->busy).arg(running).arg(node.autoscale->max),
             Tone::normal, true, false, tr("%1/%2 busy").arg(state->busy).arg(running)});
    else
        out.push_back({tr("%1 of %2 busy").arg(state->busy).arg(running), Tone::normal, true, false,
                       tr("%1/%2 busy").arg(state->busy).arg(running)});
    // Dead letters show on the DLQ node and its edge; here the work and its repeats.
    out.push_back(
        {joined({tr("processed %1").arg(formatCount(f.processed)),
                 f.retries > 0 ? tr("retries %1").arg(formatCount(f.retries)) : QString()}),
         f.retries > 0 ? Tone::warning : Tone::normal, false, false,
         f.retries > 0 ? tr("retries %1").arg(formatCount(f.retries))
                       : tr("done %1").arg(formatCount(f.processed))});
    if (f.failureEvents >= 0) {
        // In a choreography the lesson is the failure events (the consumer that tells) and
        // the compensations (the ones that undo): one short figure, the node is narrow.
        const bool tells = !node.on_failure_publish.empty();
        const std::int64_t n = tells ? f.failureEvents : f.compensations;
        out.push_back(
            {tells ? tr("failure events %1").arg(formatCount(n))
                   : tr("compensations %1").arg(formatCount(n)),
             n == 0  ? Tone::muted
             : tells ? Tone::alarm
                     : Tone::warning,
             n > 0, false,
             tells ? tr("failed %1").arg(formatCount(n)) : tr("undos %1").arg(formatCount(n))});
        return;
    }
    out.push_back(
        {tr("duplicates %1 · suppressed %2")
             .arg(formatCount(f.duplicatesDelivered), formatCount(f.duplicatesSuppressed)),
         f.duplicatesDelivered > f.duplicatesSuppressed ? Tone::warning
         : f.duplicatesDelivered > 0                    ? Tone::good
                                                        : Tone::muted,
         false, false, tr("duplicates %1").arg(formatCount(f.duplicatesDelivered))});
    // Large whenever duplicates arrive: then the count of double side effects is the lesson
    // (red when users were hit twice, green when idempotency absorbed every duplicate).
    const bool matters = f.duplicatesDelivered > 0 || f.doubleSideEffects > 0;
    out.push_back({tr("double side effects: %1").arg(formatCount(f.doubleSideEffects)),
                   f.doubleSideEffects > 0 ? Tone::alarm
                   : matters               ? Tone::good
                                           : Tone::muted,
                   matters, false, tr("doubled %1").arg(formatCount(f.doubleSideEffects))});
}

void dlqLines(std::vector<NodeLine>& out, const run::NodeFrame* state, const NodeFigures& f) {
    out.push_back({tr("dead letters"), Tone::muted});
    if (!state) return;
    QStringList reasons;
    if (f.retriesExhausted > 0)
        reasons << tr("retries exhausted %1").arg(formatCount(f.retriesExhausted));
    if (f.maxReceives > 0) reasons << tr("max receives %1").arg(formatCount(f.maxReceives));
    if (!reasons.isEmpty())
        out.push_back({reasons.join(QStringLiteral(" · ")), Tone::alarm, false, false,
                       f.retriesExhausted > 0
                           ? tr("exhausted %1").arg(formatCount(f.retriesExhausted))
                           : tr("max recv. %1").arg(formatCount(f.maxReceives))});
}

void cacheLines(std::vector<NodeLine>& out, const model::Node& node, const run::NodeFrame* state,
                const NodeFigures& f) {
    const QString keys =
        node.popularity == model::Popularity::zipf
            ? tr("Zipf s=%1 over %2 keys").arg(node.zipf_s).arg(formatCount(node.key_space))
            : tr("uniform over %1 keys").arg(formatCount(node.key_space));
    if (!state) {
        out.push_back({tr("LRU, %1 entries").arg(formatCount(node.entries))});
        out.push_back({keys, Tone::muted});
        out.push_back(
            {node.ttl_ms ? tr("TTL %1").arg(formatMs(*node.ttl_ms)) : tr("no TTL"), Tone::muted});
        return;
    }
    // The hit ratio is the lesson: large, from the report so it matches the watch panel.
    out.push_back({f.hitRatio >= 0 ? tr("hit ratio %1 %").arg(f.hitRatio * 100, 0, 'f', 1)
                                   : tr("hit ratio –"),
                   Tone::good, true});
    out.push_back({tr("hits %1 · misses %2").arg(formatCount(f.hits), formatCount(f.misses))});
    out.push_back(
        {joined({tr("%1 of %2 entries").arg(formatCount(state->entries), formatCount(node.entries)),
                 f.expirations > 0 ? tr("expired %1").arg(formatCount(f.expirations)) : QString()}),
         Tone::muted});
}

void limiterLines(std::vector<NodeLine>& out, const model::Node& node, const run::NodeFrame* state,
                  const NodeFigures& f) {
    if (!state) {
        out.push_back({tr("%1 tokens/s").arg(rate(node.rate_per_s))});
        out.push_back({tr("burst %1").arg(formatCount(node.burst)), Tone::muted});
        out.push_back({tr("no token: 429 at once"), Tone::muted});
        return;
    }
    const bool empty = state->tokens < 1;
    out.push_back({tr("tokens %1 of %2")
                       .arg(std::max(0.0, state->tokens), 0, 'f', 1)
                       .arg(formatCount(node.burst)),
                   empty ? Tone::warning : Tone::normal, true, false,
                   tr("tokens %1").arg(std::max(0.0, state->tokens), 0, 'f', 1)});
    out.push_back({tr("admitted %1").arg(formatCount(f.admitted))});
    out.push_back({tr("429s %1").arg(formatCount(f.rejected429)),
                   f.rejected429 > 0 ? Tone::alarm : Tone::muted});
}

}  // namespace

qint64 topicBarScale(const model::Node& node) {
    // Bars go to a partition's capacity; unbounded ones to a fixed 100, so that equal lags
    // look equal in every lesson and a runaway partition visibly overflows.
    return node.capacity ? std::max<qint64>(1, *node.capacity) : 100;
}

double partitionBarShare(qint64 lag, qint64 scale) {
    return std::clamp(double(lag) / double(std::max<qint64>(1, scale)), 0.0, 1.0);
}

NodeLineBudget nodeLineBudget(const model::Node& node) {
    switch (node.kind) {
        case model::NodeKind::client:
            return node.pattern == model::ClientPattern::job               ? NodeLineBudget{7, 1}
                   : node.pattern == model::ClientPattern::write_then_read ? NodeLineBudget{6, 1}
                                                                           : NodeLineBudget{5, 1};
        case model::NodeKind::service:
            return node.threading == model::Threading::event_loop ? NodeLineBudget{3, 1}
                                                                  : NodeLineBudget{3, 0};
        case model::NodeKind::database: return {3, 0};
        case model::NodeKind::read_model: return {4, 0};
        case model::NodeKind::queue: return {3, 1};
        case model::NodeKind::topic: return {3, 0};
        case model::NodeKind::consumer: return {4, 2};
        case model::NodeKind::dlq: return {2, 0};
        case model::NodeKind::cache:
        case model::NodeKind::rate_limiter: return {3, 1};
        case model::NodeKind::orchestrator: return {4, 1};
    }
    return {};
}

std::vector<NodeLine> nodeLines(const model::Node& node, const run::NodeFrame* state,
                                const run::ClientFrame* client, const NodeFigures& figures) {
    std::vector<NodeLine> out;
    switch (node.kind) {
        case model::NodeKind::client:
            clientLines(out, node, state, client, figures);
            if (node.pattern == model::ClientPattern::write_then_read)
                detail::readYourWritesLines(out, node, state, figures);
            break;
        case model::NodeKind::service:
            if (node.threading == model::Threading::event_loop)
                detail::eventLoopLines(out, node, state, figures);
            else
                threadLines(out, node, state, figures);
            break;
        case model::NodeKind::database: threadLines(out, node, state, figures); break;
        case model::NodeKind::read_model:
            threadLines(out, node, state, figures);
            detail::viewLines(out, state, figures);
            break;
        case model::NodeKind::queue: queueLines(out, node, state, figures); break;
        case model::NodeKind::topic:
            topicLines(out, node, state, figures, topicBarScale(node));
            break;
        case model::NodeKind::consumer: consumerLines(out, node, state, figures); break;
        case model::NodeKind::dlq: dlqLines(out, state, figures); break;
        case model::NodeKind::cache: cacheLines(out, node, state, figures); break;
        case model::NodeKind::rate_limiter: limiterLines(out, node, state, figures); break;
        case model::NodeKind::orchestrator: sagaLines(out, node, state, figures); break;
    }
    return out;
}

QString faultBannerBrief(const run::NodeFrame& state, double now_s) {
    QStringList faults;
    double endsS = -1;
    for (const auto& f : state.faults) {
        faults << QString::fromLatin1(model::to_string(f.kind)).toUpper();
        if (f.ends_s >= 0 && (endsS < 0 || f.ends_s < endsS)) endsS = f.ends_s;
    }
    QString text = faults.join(QLatin1Char('+'));
    if (endsS >= 0 && now_s >= 0)
        text += tr(" %1 s").arg(std::ceil(std::max(0.0, endsS - now_s)), 0, 'f', 0);
    return text;
}

QString faultBannerText(const run::NodeFrame& state, double now_s) {
    QStringList faults;
    for (const auto& f : state.faults) {
        QString text = QString::fromLatin1(model::to_string(f.kind)).toUpper();
        if (!f.detail.empty()) text += QLatin1Char(' ') + QString::fromStdString(f.detail);
        if (f.ends_s >= 0 && now_s >= 0)
            text += tr(" · %1 s left").arg(std::ceil(std::max(0.0, f.ends_s - now_s)), 0, 'f', 0);
        else if (f.kind != model::FaultKind::poison)
            text += tr(" · until healed");
        faults << text;
    }
    return faults.join(QStringLiteral(" | "));
}

}  // namespace flowlab::ui
