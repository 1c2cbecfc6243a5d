#pragma once
// A consumer's idempotency-key store: the set of event ids it has processed.
//
// Event ids are handed out in sequence by the messaging layer, so the store is a bitmap
// over them, allocated in pages of 65,536 ids (8 KiB) on first touch: one bit per id in
// the range a consumer sees, instead of a node of a hash set (~40 bytes) per processed
// message. Lookups and inserts are O(1), deterministic, and never rehash.

#include <cstdint>
#include <memory>
#include <vector>

namespace flowlab::runtime {

class EventIdSet {
public:
    /// Adds `id`; true if it was not in the set yet.
    bool insert(std::uint64_t id) {
        const std::uint64_t page = id >> page_shift;
        if (page >= pages_.size()) pages_.resize(page + 1);
        std::unique_ptr<std::uint64_t[]>& p = pages_[page];
        if (!p) p = std::make_unique<std::uint64_t[]>(words_per_page);  // zeroed
        const std::uint64_t bit = id & (page_ids - 1);
        std::uint64_t& word = p[bit >> 6];
        const std::uint64_t mask = std::uint64_t{1} << (bit & 63);
        if (word & mask) return false;
        word |= mask;
        ++size_;
        return true;
    }
    bool contains(std::uint64_t id) const {
        const std::uint64_t page = id >> page_shift;
        if (page >= pages_.size() || !pages_[page]) return false;
        const std::uint64_t bit = id & (page_ids - 1);
        return (pages_[page][bit >> 6] >> (bit & 63)) & 1U;
    }
    std::uint64_t size() const { return size_; }

private:
    static constexpr unsigned page_shift = 16;
    static constexpr std::uint64_t page_ids = std::uint64_t{1} << page_shift;
    static constexpr std::size_t words_per_page = page_ids / 64;
    std::vector<std::unique_ptr<std::uint64_t[]>> pages_;
    std::uint64_t size_ = 0;
};

}  // namespace flowlab::runtime
