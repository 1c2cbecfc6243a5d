// The end of the warm-up for the asynchronous nodes: remember the counters (the report
// shows what happened after it) and restart the maxima from the current state.

#include "runtime/async_messaging.hpp"

namespace flowlab::runtime {

void AsyncMessaging::on_warmup_end() {
    baseline = WarmupBaseline{};
    for (QueueRt& q : queues) {
        baseline.queues.push_back(QueueCounts{q.published, q.rejected, q.delivered, q.acked,
                                              q.redelivered, q.dead_lettered,
                                              q.ordering_violations});
        q.depth_max = q.depth();
        q.oldest_age_ms_max = 0;
    }
    for (TopicRt& t : topics) {
        baseline.topics.push_back(
            TopicCounts{t.published, t.rejected, t.acked, t.dead_lettered, t.ordering_violations});
        for (std::size_t p = 0; p < t.depth_max.size(); ++p) t.depth_max[p] = t.lag(p);
    }
    for (ConsumerRt& c : consumers) {
        baseline.consumers.push_back(ConsumerCounts{
            c.processed, c.attempts, c.retries, c.duplicates_delivered, c.duplicates_suppressed,
            c.side_effects, c.double_side_effects, c.dead_lettered});
        c.instances_max = c.instances;
    }
    for (const DlqRt& d : dlqs)
        baseline.dlqs.push_back(DlqCounts{d.max_receives, d.retries_exhausted, d.from});
}

}  // namespace flowlab::runtime
