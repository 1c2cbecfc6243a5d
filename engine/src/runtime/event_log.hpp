#pragma once
// A topic's retained history (the log that a queue does not have): every message
// published to a partition, kept after consumption until retention expires it, so that a
// consumer group joining later, or one whose offsets are reset, can read it again.
// Without `retention_ms` / `retention_messages` a topic keeps none of this.

#include <cstdint>
#include <deque>
#include <vector>

#include "flowlab/kernel/sim_time.hpp"

namespace flowlab::runtime {

/// One published message as the log keeps it: what a replayed copy is made from.
struct RetainedEntry {
    kernel::SimTime at = 0;  ///< when the broker appended it (retention counts from here)
    std::uint64_t event_id = 0;
    std::uint32_t key = 0;
    std::uint32_t span = 0;
    bool poison = false;
};

/// One partition's retained log. Offsets count every message ever appended, from 0.
struct RetainedLog {
    std::deque<RetainedEntry> entries;  ///< offsets [base, end()), oldest first
    std::uint64_t base = 0;             ///< offset of entries.front(): what expired lies below
    std::vector<kernel::SimTime> expired_at;  ///< append times of the expired offsets, in order
    bool expiry_armed = false;                ///< a timer waits for the front entry's expiry
    std::uint64_t end() const { return base + entries.size(); }
    /// The first offset appended at or after `t`, expired ones included.
    std::uint64_t offset_at(kernel::SimTime t) const;
};

/// What happened to one consumer group's reading of the log (see async_counters.hpp for
/// the warm-up copy).
struct GroupLogCounters {
    std::uint64_t replayed = 0;            ///< copies read again from history (join, reset)
    std::uint64_t skipped = 0;             ///< unconsumed messages a reset jumped over
    std::uint64_t expired_unconsumed = 0;  ///< lag lost: expired before this group read it
    std::uint64_t unreplayable = 0;        ///< history a start or reset asked for, already expired
};

}  // namespace flowlab::runtime
