// Set-up, live edits, the live view and the report of caches and rate limiters.

#include "runtime/proxy_nodes.hpp"

#include <algorithm>

#include "flowlab/metrics/rounding.hpp"

namespace flowlab::runtime {

namespace json = boost::json;
using metrics::round_to;

namespace {
std::optional<SimTime> ttl_of(const model::Node& n) {
    if (!n.ttl_ms) return std::nullopt;
    return kernel::from_ms(*n.ttl_ms);
}
}  // namespace

ProxyNodes::ProxyNodes(World& world) : w_(world) {
    caches_.resize(w_.nodes.size());
    limiters_.resize(w_.nodes.size());
    for (std::size_t i = 0; i < w_.nodes.size(); ++i) {
        const model::Node& cfg = *w_.nodes[i].cfg;
        if (cfg.kind == model::NodeKind::cache) {
            auto c = std::make_unique<CacheRt>();
            c->key_rng = kernel::LazyStream(w_.seed, cfg.id + "#keys");
            caches_[i] = std::move(c);
        } else if (cfg.kind == model::NodeKind::rate_limiter) {
            auto l = std::make_unique<LimiterRt>();
            l->bucket.configure(cfg.rate_per_s, static_cast<double>(cfg.burst), 0);
            l->bucket.fill(static_cast<double>(cfg.burst));
            limiters_[i] = std::move(l);
        }
    }
    on_params_changed();
}

ProxyNodes::~ProxyNodes() = default;

void ProxyNodes::on_call(Id node, Ref call, std::uint32_t attempt) {
    if (caches_[node])
        cache_call(node, call, attempt);
    else
        limiter_call(node, call, attempt);
}

void ProxyNodes::on_params_changed() {
    for (std::size_t i = 0; i < w_.nodes.size(); ++i) {
        const model::Node& cfg = *w_.nodes[i].cfg;
        if (caches_[i]) {
            caches_[i]->lru.configure(cfg.entries, ttl_of(cfg));
            caches_[i]->popularity.configure(cfg);
        }
        if (limiters_[i])
            limiters_[i]->bucket.configure(cfg.rate_per_s, static_cast<double>(cfg.burst),
                                           w_.now());
    }
}

void ProxyNodes::on_warmup_end() {
    for (auto& c : caches_)
        if (c) {
            c->evictions_at_warmup = c->lru.evictions();
            c->expirations_at_warmup = c->lru.expirations();
        }
}

ProxyView ProxyNodes::view(Id node) const {
    ProxyView v;
    if (const auto& c = caches_[node]) {
        const std::uint64_t lookups = c->hits + c->misses;
        if (lookups) v.hit_ratio = static_cast<double>(c->hits) / static_cast<double>(lookups);
        v.entries = c->lru.size();
    }
    if (const auto& l = limiters_[node]) v.tokens = l->bucket.level(w_.now());
    return v;
}

json::object ProxyNodes::cache_section(Id node, const CacheRt& c) const {
    const ServerStats& s = w_.nodes[node].server;
    const std::uint64_t lookups = c.hits + c.misses;
    json::object o;
    o["kind"] = "cache";
    o["received"] = s.received;
    o["hits"] = c.hits;
    o["misses"] = c.misses;
    o["hit_ratio"] = lookups ? round_to(static_cast<double>(c.hits) / lookups, 6) : 0.0;
    o["evictions"] = c.lru.evictions() - c.evictions_at_warmup;
    o["expirations"] = c.lru.expirations() - c.expirations_at_warmup;
    o["entries"] = c.lru.size();
    o["ok"] = s.ok;
    o["failed"] = s.failed;
    o["refused"] = s.refused;
    o["latency_ms"] = s.latency.summary();
    return o;
}

json::object ProxyNodes::limiter_section(Id node, const LimiterRt& l) const {
    const ServerStats& s = w_.nodes[node].server;
    json::object o;
    o["kind"] = "rate_limiter";
    o["received"] = s.received;
    o["admitted"] = l.admitted;
    o["rejected_429"] = l.rejected;
    // Per second of measured arrivals: the drain after them admits nothing.
    const SimTime end = std::min(w_.now(), w_.arrivals_end);
    const double arrivals_s = std::max(0.0, kernel::to_s(end - w_.warmup_end));
    o["admitted_per_s"] = arrivals_s > 0 ? round_to(l.admitted / arrivals_s, 6) : 0.0;
    o["refused"] = s.refused;
    o["tokens"] = round_to(l.bucket.level(w_.now()), 3);
    o["ok"] = s.ok;
    o["failed"] = s.failed;
    o["latency_ms"] = s.latency.summary();
    return o;
}

void ProxyNodes::report(json::object& nodes_out) const {
    for (std::size_t i = 0; i < w_.nodes.size(); ++i) {
        const std::string& id = w_.nodes[i].cfg->id;
        if (caches_[i]) nodes_out[id] = cache_section(static_cast<Id>(i), *caches_[i]);
        if (limiters_[i]) nodes_out[id] = limiter_section(static_cast<Id>(i), *limiters_[i]);
    }
}

}  // namespace flowlab::runtime
