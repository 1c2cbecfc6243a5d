#pragma once
// The nodes that stand in front of a server on a sync edge: caches (answer hot keys at
// once, pass misses on) and rate limiters (a token bucket: pass the call on, or answer
// 429). Rules in cache_rules.cpp and rate_limiter_rules.cpp, report in proxy_report.cpp.
//
// Both pass a call on through an Invocation of their own that holds no thread: World's
// perform_outgoing / respond carry it, so traces, timeouts and the callee's answer work
// as for a service, and the node's ServerStats (received, ok, failed, latency) fill in.

#include <boost/json/object.hpp>

#include <memory>
#include <unordered_map>
#include <vector>

#include "runtime/key_popularity.hpp"
#include "runtime/lru_cache.hpp"
#include "runtime/token_bucket.hpp"
#include "runtime/world.hpp"

namespace flowlab::runtime {

/// What a cache or rate limiter holds now, for the live view.
struct ProxyView {
    double hit_ratio = -1;     ///< cache: hits / lookups so far (measured); -1 before any
    std::int64_t entries = 0;  ///< cache: held now
    double tokens = -1;        ///< rate limiter: tokens in the bucket now; -1 for a cache
};

class ProxyNodes {
public:
    explicit ProxyNodes(World& world);
    ~ProxyNodes();

    /// A call reached cache or rate limiter `node` (which is up).
    void on_call(Id node, Ref call, std::uint32_t attempt);
    /// Invocation `inv` of a cache or rate limiter has its callee's answer.
    void on_invocation_complete(Id inv);
    /// Adds the caches' and rate limiters' sections to report["nodes"].
    void report(boost::json::object& nodes_out) const;
    ProxyView view(Id node) const;
    /// Parameters changed in place in world.scenario (a live edit).
    void on_params_changed();
    void on_warmup_end();

    struct CacheRt;
    struct LimiterRt;

private:
    void cache_call(Id node, Ref call, std::uint32_t attempt);
    void limiter_call(Id node, Ref call, std::uint32_t attempt);
    boost::json::object cache_section(Id node, const CacheRt& c) const;
    boost::json::object limiter_section(Id node, const LimiterRt& l) const;

    World& w_;
    std::vector<std::unique_ptr<CacheRt>> caches_;      ///< by node index; null elsewhere
    std::vector<std::unique_ptr<LimiterRt>> limiters_;  ///< by node index; null elsewhere
    /// The key each cache miss in flight fetches, by the cache's invocation.
    std::unordered_map<Id, LruCache::Key> miss_keys_;
};

struct ProxyNodes::CacheRt {
    LruCache lru;
    KeyPopularity popularity;
    kernel::LazyStream key_rng;  ///< apart from the lookup-time draws: same keys, any lookup_ms
    std::uint64_t hits = 0, misses = 0;
    std::uint64_t evictions_at_warmup = 0, expirations_at_warmup = 0;
};

struct ProxyNodes::LimiterRt {
    TokenBucket bucket;
    std::uint64_t admitted = 0, rejected = 0;
};

}  // namespace flowlab::runtime
