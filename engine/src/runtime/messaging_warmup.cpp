// The end of the warm-up for the asynchronous nodes: copy the counters (the report shows
// what happened after it, see async_counters.hpp) and restart the maxima from the
// current state.

#include "runtime/async_messaging.hpp"

namespace flowlab::runtime {

void AsyncMessaging::on_warmup_end() {
    for (QueueRt& q : queues) {
        q.warmup_counters = q.counters;
        q.depth_max = q.depth();
        q.oldest_age_ms_max = 0;
        q.depth_level.reset(w.now());
    }
    for (TopicRt& t : topics) {
        t.warmup_counters = t.counters;
        for (std::size_t p = 0; p < t.depth_max.size(); ++p) t.depth_max[p] = t.lag(p);
        for (auto& level : t.lag_level) level.reset(w.now());
        for (TopicGroup& g : t.groups) {
            g.depth_level.reset(w.now());
            g.warmup_log_counters = g.log_counters;
        }
    }
    for (ConsumerRt& c : consumers) {
        c.warmup_counters = c.counters;
        c.instances_max = c.instances;
    }
    for (DlqRt& d : dlqs) d.warmup_counters = d.counters;
}

}  // namespace flowlab::runtime
