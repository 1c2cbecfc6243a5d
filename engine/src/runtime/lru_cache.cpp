#include "runtime/lru_cache.hpp"

namespace flowlab::runtime {

void LruCache::configure(std::int64_t capacity, std::optional<SimTime> ttl) {
    capacity_ = capacity < 1 ? 1 : capacity;
    ttl_ = ttl;
    if (!ttl_) stored_order_.clear();  // nothing expires: the records would only grow
    evict_to_capacity();
}

void LruCache::expire(SimTime now) {
    if (!ttl_) return;
    while (!stored_order_.empty() && stored_order_.front().second + *ttl_ <= now) {
        const auto [key, stored] = stored_order_.front();
        stored_order_.pop_front();
        auto it = entries_.find(key);
        if (it == entries_.end() || it->second.stored != stored) continue;  // stale record
        recency_.erase(it->second.at);
        entries_.erase(it);
        ++expirations_;
    }
}

bool LruCache::lookup(Key key, SimTime now) {
    expire(now);
    auto it = entries_.find(key);
    if (it == entries_.end()) return false;
    recency_.splice(recency_.begin(), recency_, it->second.at);
    return true;
}

void LruCache::insert(Key key, SimTime now) {
    expire(now);
    auto it = entries_.find(key);
    if (it != entries_.end()) {
        recency_.splice(recency_.begin(), recency_, it->second.at);
        it->second.stored = now;
    } else {
        recency_.push_front(key);
        entries_.emplace(key, Entry{recency_.begin(), now});
        evict_to_capacity();
    }
    if (ttl_) stored_order_.emplace_back(key, now);
}

void LruCache::evict_to_capacity() {
    while (static_cast<std::int64_t>(entries_.size()) > capacity_) {
        entries_.erase(recency_.back());
        recency_.pop_back();
        ++evictions_;
    }
}

void LruCache::clear() {
    recency_.clear();
    entries_.clear();
    stored_order_.clear();
}

}  // namespace flowlab::runtime
