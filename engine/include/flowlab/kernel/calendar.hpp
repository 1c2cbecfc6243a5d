#pragma once
/// The event calendar: a binary min-heap ordered by (time, insertion sequence).
///
/// The sequence number makes ties resolve in the order they were scheduled, which is
/// what makes a run a pure function of (scenario, seed).

#include <cstdint>
#include <vector>

#include "flowlab/kernel/callback.hpp"
#include "flowlab/kernel/sim_time.hpp"

namespace flowlab::kernel {

class Calendar {
public:
    struct Event {
        SimTime time;
        std::uint64_t seq;
        Callback action;
    };

    /// Schedules `f` (see Callback::from) at `at`. The new event is built in its final
    /// slot: copying 48-byte events through temporaries costs store-forwarding stalls
    /// that showed up as the top item of the M/M/1 profile.
    template <class F>
    void schedule(SimTime at, F f) {
        std::size_t i = heap_.size();
        heap_.emplace_back();
        // A new event has the largest sequence number, so it only climbs above parents
        // that are strictly later: ties stay in scheduling order.
        while (i > 0) {
            std::size_t parent = (i - 1) / 2;
            if (!(at < heap_[parent].time)) break;
            heap_[i] = heap_[parent];
            i = parent;
        }
        Event& slot = heap_[i];
        slot.time = at;
        slot.seq = next_seq_++;
        slot.action.emplace(f);
    }

    bool empty() const { return heap_.empty(); }
    std::size_t size() const { return heap_.size(); }
    SimTime next_time() const { return heap_.empty() ? never : heap_.front().time; }

    /// Removes the earliest event and returns its time and action. Precondition: !empty().
    SimTime pop(Callback& action) {
        const SimTime time = heap_.front().time;
        action = heap_.front().action;
        const std::size_t n = heap_.size() - 1;
        if (n > 0) {
            // Sift the last event down from the root, moving children up into the hole.
            const SimTime t = heap_[n].time;
            const std::uint64_t s = heap_[n].seq;
            std::size_t i = 0;
            for (;;) {
                std::size_t child = 2 * i + 1;
                if (child >= n) break;
                if (child + 1 < n && earlier(heap_[child + 1], heap_[child])) ++child;
                const Event& c = heap_[child];
                if (!(c.time < t || (c.time == t && c.seq < s))) break;
                heap_[i] = c;
                i = child;
            }
            if (i != n) heap_[i] = heap_[n];
        }
        heap_.pop_back();
        return time;
    }

    std::size_t capacity_bytes() const { return heap_.capacity() * sizeof(Event); }
    void clear() { heap_.clear(); }

private:
    static bool earlier(const Event& a, const Event& b) {
        return a.time < b.time || (a.time == b.time && a.seq < b.seq);
    }

    std::vector<Event> heap_;
    std::uint64_t next_seq_ = 0;
};

}  // namespace flowlab::kernel
