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

    void schedule(SimTime at, Callback action) {
        heap_.push_back(Event{at, next_seq_++, action});
        sift_up(heap_.size() - 1);
    }

    bool empty() const { return heap_.empty(); }
    std::size_t size() const { return heap_.size(); }
    SimTime next_time() const { return heap_.empty() ? never : heap_.front().time; }

    /// Removes and returns the earliest event. Precondition: !empty().
    Event pop() {
        Event top = heap_.front();
        Event last = heap_.back();
        heap_.pop_back();
        if (!heap_.empty()) sift_down_from_root(last);
        return top;
    }

    std::size_t capacity_bytes() const { return heap_.capacity() * sizeof(Event); }
    void clear() { heap_.clear(); }

private:
    static bool earlier(const Event& a, const Event& b) {
        return a.time < b.time || (a.time == b.time && a.seq < b.seq);
    }

    void sift_up(std::size_t i) {
        Event moving = heap_[i];
        while (i > 0) {
            std::size_t parent = (i - 1) / 2;
            if (!earlier(moving, heap_[parent])) break;
            heap_[i] = heap_[parent];
            i = parent;
        }
        heap_[i] = moving;
    }

    void sift_down_from_root(const Event& moving) {
        std::size_t n = heap_.size();
        std::size_t i = 0;
        for (;;) {
            std::size_t child = 2 * i + 1;
            if (child >= n) break;
            if (child + 1 < n && earlier(heap_[child + 1], heap_[child])) ++child;
            if (!earlier(heap_[child], moving)) break;
            heap_[i] = heap_[child];
            i = child;
        }
        heap_[i] = moving;
    }

    std::vector<Event> heap_;
    std::uint64_t next_seq_ = 0;
};

}  // namespace flowlab::kernel
