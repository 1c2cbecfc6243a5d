#pragma once
/// A fixed-capacity ring of (time, value) samples for live charts.
///
/// The engine keeps the last `capacity` samples of a series (queue depth, utilization,
/// throughput); when full, a push overwrites the oldest. Memory is allocated once. A chart
/// a few hundred pixels wide asks decimate() for about two points per pixel instead of
/// drawing every sample.

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <stdexcept>
#include <utility>
#include <vector>

#include "flowlab/kernel/sim_time.hpp"

namespace flowlab::metrics {

template <class T>
class SeriesRing {
public:
    struct Sample {
        kernel::SimTime time;
        T value;
        bool operator==(const Sample&) const = default;
    };

    /// Iterates oldest to newest.
    class const_iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = Sample;
        using difference_type = std::ptrdiff_t;
        using pointer = const Sample*;
        using reference = const Sample&;

        const_iterator() = default;
        reference operator*() const { return (*ring_)[pos_]; }
        pointer operator->() const { return &(*ring_)[pos_]; }
        const_iterator& operator++() {
            ++pos_;
            return *this;
        }
        const_iterator operator++(int) {
            const_iterator old = *this;
            ++pos_;
            return old;
        }
        bool operator==(const const_iterator& o) const { return pos_ == o.pos_; }

    private:
        friend class SeriesRing;
        const_iterator(const SeriesRing* ring, std::size_t pos) : ring_(ring), pos_(pos) {}
        const SeriesRing* ring_ = nullptr;
        std::size_t pos_ = 0;
    };

    /// Throws std::invalid_argument when capacity is 0.
    explicit SeriesRing(std::size_t capacity) {
        if (capacity == 0) throw std::invalid_argument("SeriesRing: capacity must be at least 1");
        data_.resize(capacity);
    }

    /// Appends a sample; when full, the oldest is dropped. Never allocates.
    void push(kernel::SimTime time, T value) {
        data_[head_] = Sample{time, std::move(value)};
        head_ = head_ + 1 == data_.size() ? 0 : head_ + 1;
        if (size_ < data_.size()) ++size_;
        ++pushed_;
    }

    std::size_t size() const { return size_; }
    std::size_t capacity() const { return data_.size(); }
    bool empty() const { return size_ == 0; }
    /// Samples pushed since construction or clear(), dropped ones included: a reader
    /// that remembers this figure knows how many samples are new since it last looked.
    std::uint64_t pushed() const { return pushed_; }
    void clear() {
        head_ = 0;
        size_ = 0;
        pushed_ = 0;
    }

    /// The i-th sample, 0 being the oldest held. Unchecked, like std::vector.
    const Sample& operator[](std::size_t i) const {
        std::size_t first = head_ + data_.size() - size_;  // oldest slot, before wrapping
        std::size_t slot = first + i;
        while (slot >= data_.size()) slot -= data_.size();
        return data_[slot];
    }
    const Sample& oldest() const { return (*this)[0]; }
    const Sample& newest() const { return (*this)[size_ - 1]; }

    const_iterator begin() const { return const_iterator(this, 0); }
    const_iterator end() const { return const_iterator(this, size_); }

    /// At most `max_points` samples, oldest first, that keep the shape of the series.
    ///
    /// All samples when they fit. Otherwise, for an ordered T, the held samples are cut
    /// into max_points / 2 equal runs and each run gives its minimum and its maximum (in
    /// time order, once if they are the same sample): a one-sample spike, which is what
    /// a student is looking for, survives any zoom level, unlike every-k-th sampling. For
    /// a T without an order (or max_points == 1) it takes every k-th sample instead.
    std::vector<Sample> decimate(std::size_t max_points) const {
        std::vector<Sample> out;
        if (max_points == 0 || size_ == 0) return out;
        if (size_ <= max_points) {
            out.assign(begin(), end());
            return out;
        }
        if constexpr (std::totally_ordered<T>) {
            if (max_points >= 2) {
                std::size_t runs = max_points / 2;
                out.reserve(2 * runs);
                for (std::size_t r = 0; r < runs; ++r) {
                    // Integer split so the runs cover every sample and differ by at most one.
                    std::size_t lo = r * size_ / runs;
                    std::size_t hi = (r + 1) * size_ / runs;
                    std::size_t lo_at = lo, hi_at = lo;
                    for (std::size_t i = lo + 1; i < hi; ++i) {
                        if ((*this)[i].value < (*this)[lo_at].value) lo_at = i;
                        if ((*this)[hi_at].value < (*this)[i].value) hi_at = i;
                    }
                    out.push_back((*this)[std::min(lo_at, hi_at)]);
                    if (lo_at != hi_at) out.push_back((*this)[std::max(lo_at, hi_at)]);
                }
                return out;
            }
        }
        // Every k-th sample, k rounded up so that ceil(size / k) <= max_points.
        std::size_t k = (size_ + max_points - 1) / max_points;
        out.reserve(max_points);
        for (std::size_t i = 0; i < size_; i += k) out.push_back((*this)[i]);
        return out;
    }

private:
    std::vector<Sample> data_;
    std::size_t head_ = 0;  ///< the slot the next push writes
    std::size_t size_ = 0;
    std::uint64_t pushed_ = 0;
};

}  // namespace flowlab::metrics
