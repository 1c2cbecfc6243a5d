#pragma once
// A least-recently-used cache of integer keys with an optional time to live, as the
// cache node keeps it. It holds keys only: the simulation needs to know whether an
// answer is there, not what it says.

#include <cstdint>
#include <deque>
#include <list>
#include <optional>
#include <unordered_map>

#include "flowlab/kernel/sim_time.hpp"

namespace flowlab::runtime {

class LruCache {
public:
    using Key = std::uint32_t;
    using SimTime = kernel::SimTime;

    /// Looks `key` up at `now`: true (and the key becomes the most recently used) when it
    /// is held and fresh. Entries whose time to live has passed are dropped first.
    bool lookup(Key key, SimTime now);
    /// Stores `key` at `now` (or refreshes it when held): it becomes the most recently
    /// used and its time to live starts again; the least recently used entries go while
    /// more than `capacity` are held.
    void insert(Key key, SimTime now);
    /// Drops every entry (a flush).
    void clear();

    /// Capacity and time to live (nullopt: never expires); a smaller capacity evicts now.
    void configure(std::int64_t capacity, std::optional<SimTime> ttl);
    std::int64_t size() const { return static_cast<std::int64_t>(entries_.size()); }
    std::uint64_t evictions() const { return evictions_; }
    std::uint64_t expirations() const { return expirations_; }

private:
    struct Entry {
        std::list<Key>::iterator at;  ///< its place in recency_
        SimTime stored = 0;
    };
    void expire(SimTime now);
    void evict_to_capacity();

    std::int64_t capacity_ = 1;
    std::optional<SimTime> ttl_;
    std::list<Key> recency_;  ///< most recently used first
    std::unordered_map<Key, Entry> entries_;
    /// Keys in the order they were stored, with when: a fixed TTL makes this the order in
    /// which they expire. A key stored again leaves a stale record behind, skipped later.
    std::deque<std::pair<Key, SimTime>> stored_order_;
    std::uint64_t evictions_ = 0, expirations_ = 0;
};

}  // namespace flowlab::runtime
