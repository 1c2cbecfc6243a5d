#pragma once
// Live state of the asynchronous nodes: queues, topics (partition logs per consumer
// group), consumers and dead-letter queues.

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "flowlab/kernel/random.hpp"
#include "flowlab/kernel/sim_time.hpp"
#include "flowlab/metrics/latency_histogram.hpp"
#include "flowlab/metrics/time_weighted.hpp"
#include "runtime/async_counters.hpp"
#include "runtime/entities.hpp"
#include "runtime/event_id_set.hpp"
#include "runtime/event_log.hpp"
#include "runtime/work_faults.hpp"

namespace flowlab::runtime {

/// Counts processings that overtake an earlier-published message of the same key.
class OrderingTracker {
public:
    /// Records that the message `seq` of `key` was processed; true if it overtook one.
    bool processed(std::uint32_t key, std::uint32_t seq) {
        auto& k = keys_[key];
        if (seq < k.watermark || k.ahead.count(seq))
            return false;  // a duplicate, not a new overtaking
        const bool violation = seq > k.watermark;
        if (violation) {
            k.ahead.insert(seq);
        } else {
            ++k.watermark;
            while (!k.ahead.empty() && *k.ahead.begin() == k.watermark) {
                k.ahead.erase(k.ahead.begin());
                ++k.watermark;
            }
        }
        return violation;
    }
    /// A message of `key` left the stream without processing (dead-lettered): later ones
    /// are no longer behind it.
    void skipped(std::uint32_t key, std::uint32_t seq) {
        auto& k = keys_[key];
        if (seq < k.watermark) return;
        k.ahead.insert(seq);
        while (!k.ahead.empty() && *k.ahead.begin() == k.watermark) {
            k.ahead.erase(k.ahead.begin());
            ++k.watermark;
        }
    }

private:
    struct Key {
        std::uint32_t watermark = 0;    // every seq below it is processed
        std::set<std::uint32_t> ahead;  // processed seqs above the watermark
    };
    std::unordered_map<std::uint32_t, Key> keys_;
};

struct QueueRt {
    Id node = no_id;
    // Its own stream for unordered picks, apart from the node's (ack latency) stream, so
    // consumer timing never shifts what producers draw.
    kernel::RandomStream pick_rng;
    std::deque<Id> visible;
    std::unordered_set<Id> in_flight;  // received, not yet acked
    std::vector<Id> consumers;         // competing consumer nodes (deliver edges)
    std::vector<Id> deliver_edges;
    std::size_t next_consumer = 0;
    std::unordered_map<std::uint32_t, std::uint32_t> next_key_seq;
    OrderingTracker ordering;
    // FIFO: the last scan found no visible message with a free key, and nothing that
    // could change that (a message made visible, one leaving flight) happened since.
    // Spares a scan of the backlog on every dispatch while every key is busy.
    bool fifo_blocked = false;
    // FIFO: how many in-flight messages each key has (keys with none are absent), so the
    // scan asks one lookup per candidate instead of walking everything in flight.
    std::unordered_map<std::uint32_t, std::uint32_t> busy_keys;
    void took(std::uint32_t key) { ++busy_keys[key]; }
    /// A message of `key` left flight (acked, timed out, dead-lettered).
    void landed(std::uint32_t key) {
        fifo_blocked = false;
        auto it = busy_keys.find(key);
        if (it != busy_keys.end() && --it->second == 0) busy_keys.erase(it);
    }
    QueueCounters counters, warmup_counters;  // see async_counters.hpp
    metrics::LatencyHistogram wait;           // publish to first hand-out (wait_ms)
    metrics::TimeWeightedLevel depth_level;   // depth() over time (depth_mean)
    std::int64_t depth_max = 0;
    double oldest_age_ms_max = 0;
    std::int64_t depth() const {
        return static_cast<std::int64_t>(visible.size() + in_flight.size());
    }
};

/// A topic waiting producer (backpressure: its thread stays blocked).
struct BlockedPublish {
    Ref inv;
    Id edge = no_id;
    std::uint32_t key = 0;
    kernel::SimTime since = 0;
    std::uint32_t id = 0;  // to match its timeout
};

struct TopicGroup {
    Id consumer = no_id;
    Id deliver_edge = no_id;
    std::vector<std::deque<Id>> logs;  // per partition: unconsumed messages, head first
    std::vector<bool> head_busy;       // per partition: the head is being processed
    std::unordered_map<std::uint32_t, std::uint32_t> next_key_seq;
    OrderingTracker ordering;
    metrics::LatencyHistogram wait;          // publish to first hand-out (wait_ms)
    metrics::TimeWeightedLevel depth_level;  // messages in its logs over time (depth_mean)
    bool joined = true;  // false until its consumer's join_at_s: publishes make it no copy
    GroupLogCounters log_counters, warmup_log_counters;  // see event_log.hpp
};

struct TopicRt {
    Id node = no_id;
    std::vector<TopicGroup> groups;
    std::vector<std::deque<BlockedPublish>> blocked;    // per partition
    std::vector<std::int64_t> depth_max;                // per partition
    std::vector<metrics::TimeWeightedLevel> lag_level;  // per partition: lag() over time
    std::uint32_t next_block_id = 1;
    TopicCounters counters, warmup_counters;  // see async_counters.hpp
    kernel::SimTime producer_blocked_ns = 0;  // counted while measuring
    std::vector<RetainedLog> retained;        // per partition; empty: no retention
    bool retains() const { return !retained.empty(); }
    /// Unconsumed messages of a partition: the slowest group's lag.
    std::int64_t lag(std::size_t p) const {
        std::int64_t m = 0;
        for (const auto& g : groups)
            m = std::max<std::int64_t>(m, static_cast<std::int64_t>(g.logs[p].size()));
        return m;
    }
};

struct ConsumerRt {
    Id node = no_id;
    Id source = no_id;  // queue or topic node
    bool from_topic = false;
    std::size_t group = 0;  // index into the topic's groups
    int instances = 1;
    int busy = 0;
    int paused = 0, crashed = 0;
    std::uint16_t epoch = 0;   // bumps on a crash: work in progress is lost (wraps harmlessly)
    EventIdSet processed_ids;  // the idempotency-key store (and the audit): a paged bitmap
    ConsumerCounters counters, warmup_counters;  // see async_counters.hpp
    int instances_max = 0;
    WorkFaults faults;  // slow / errors faults in force
    bool available() const { return paused == 0 && crashed == 0; }
};

struct DlqRt {
    Id node = no_id;
    std::vector<Id> held;
    DlqCounters counters, warmup_counters;  // see async_counters.hpp
    std::uint64_t arrivals = 0;             // ever, for the live view's flash
};

}  // namespace flowlab::runtime
