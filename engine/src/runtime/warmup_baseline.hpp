#pragma once
// The asynchronous nodes' counters at the end of the warm-up. Per-node report figures
// count from there, like the sync nodes' (`warmup_s`: "node counters start counting at
// it"); the conservation section keeps the whole run's totals, since a message
// published during the warm-up is still somewhere at the end.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace flowlab::runtime {

struct QueueCounts {
    std::uint64_t published = 0, rejected = 0, delivered = 0, acked = 0, redelivered = 0,
                  dead_lettered = 0, ordering_violations = 0;
};

struct TopicCounts {
    std::uint64_t published = 0, rejected = 0, acked = 0, dead_lettered = 0,
                  ordering_violations = 0;
};

struct ConsumerCounts {
    std::uint64_t processed = 0, attempts = 0, retries = 0, duplicates_delivered = 0,
                  duplicates_suppressed = 0, side_effects = 0, double_side_effects = 0,
                  dead_lettered = 0;
};

struct DlqCounts {
    std::uint64_t max_receives = 0, retries_exhausted = 0;
    std::map<std::string, std::uint64_t> from;
};

/// Empty until the warm-up ends (then one entry per node of each kind, in the
/// messaging layer's order), so a run without warm-up reports raw counters.
struct WarmupBaseline {
    std::vector<QueueCounts> queues;
    std::vector<TopicCounts> topics;
    std::vector<ConsumerCounts> consumers;
    std::vector<DlqCounts> dlqs;
};

/// A counter's growth since its baseline. A queue's dead-letter count shrinks when its
/// messages are redriven, possibly below the baseline: that reads as 0, not a wrap.
inline std::uint64_t since(std::uint64_t now, std::uint64_t base) {
    return now > base ? now - base : 0;
}

}  // namespace flowlab::runtime
