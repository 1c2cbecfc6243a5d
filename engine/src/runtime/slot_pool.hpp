#pragma once
// A pool of reusable slots addressed by 32-bit index, with a generation per slot.
//
// Requests, invocations and calls are created and freed millions of times a second;
// a free list over one vector avoids allocation, and indices keep event captures
// small (a pointer and two ints fit an inline Callback). The generation lets an
// event that outlived its target (a timeout after the reply) notice and do nothing.

#include <cstdint>
#include <vector>

namespace flowlab::runtime {

using Id = std::uint32_t;
inline constexpr Id no_id = UINT32_MAX;

/// A reference that can tell whether its slot was freed (and maybe reused) since.
struct Ref {
    Id id = no_id;
    std::uint32_t gen = 0;
};

template <class T>
class SlotPool {
public:
    Id create() {
        Id id;
        if (free_head_ != no_id) {
            id = free_head_;
            free_head_ = next_free_[id];
        } else {
            id = static_cast<Id>(items_.size());
            items_.emplace_back();
            gens_.push_back(0);
            next_free_.push_back(no_id);
            in_use_.push_back(0);
        }
        items_[id] = T{};
        in_use_[id] = 1;
        ++live_;
        return id;
    }
    void destroy(Id id) {
        ++gens_[id];
        in_use_[id] = 0;
        next_free_[id] = free_head_;
        free_head_ = id;
        --live_;
    }
    T& operator[](Id id) { return items_[id]; }
    const T& operator[](Id id) const { return items_[id]; }
    Ref ref(Id id) const { return Ref{id, gens_[id]}; }
    bool alive(Ref r) const { return r.id != no_id && r.id < gens_.size() && gens_[r.id] == r.gen; }
    bool in_use(Id id) const { return id < in_use_.size() && in_use_[id]; }
    std::size_t live() const { return live_; }
    /// Calls f(id, item) for every slot in use (for the live view's per-edge counts).
    template <class F>
    void for_each_live(F&& f) const {
        for (std::size_t i = 0; i < items_.size(); ++i)
            if (in_use_[i]) f(static_cast<Id>(i), items_[i]);
    }
    /// Bytes held by the pool (for the memory-per-request benchmark).
    std::size_t capacity_bytes() const {
        return items_.capacity() * sizeof(T) + gens_.capacity() * 4 + next_free_.capacity() * 4 +
               in_use_.capacity();
    }

private:
    std::vector<T> items_;
    std::vector<std::uint32_t> gens_;
    std::vector<Id> next_free_;
    std::vector<std::uint8_t> in_use_;
    Id free_head_ = no_id;
    std::size_t live_ = 0;
};

}  // namespace flowlab::runtime
