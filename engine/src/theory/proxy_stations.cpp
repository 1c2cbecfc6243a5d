#include "theory/proxy_stations.hpp"

#include <cmath>

#include "flowlab/theory/cache_limiter.hpp"
#include "flowlab/theory/predict.hpp"
#include "theory/poisson_feed.hpp"

namespace flowlab::theory {

using model::EdgeMode;
using model::Node;
using model::NodeKind;

bool is_proxy(NodeKind k) { return k == NodeKind::cache || k == NodeKind::rate_limiter; }

bool calls_proxy(const Topology& t, std::size_t i) {
    for (const model::Edge* e : t.out[i])
        if (e->mode == EdgeMode::sync && is_proxy(t.node(e->to).kind)) return true;
    return false;
}

bool called_by_proxy(const Topology& t, std::size_t i) {
    for (const model::Edge& e : t.s.edges)
        if (e.mode == EdgeMode::sync && e.to == t.node(i).id && t.index.count(e.from) &&
            is_proxy(t.node(e.from).kind))
            return true;
    return false;
}

namespace {

/// The sync calls into node i, in file order.
std::vector<const model::Edge*> calls_into(const Topology& t, std::size_t i) {
    std::vector<const model::Edge*> in;
    for (const model::Edge& e : t.s.edges)
        if (e.mode == EdgeMode::sync && e.to == t.node(i).id) in.push_back(&e);
    return in;
}

/// The one sync edge out of a cache or rate limiter (validation makes it exactly one).
const model::Edge* callee_edge(const Topology& t, std::size_t i) {
    for (const model::Edge* e : t.out[i])
        if (e->mode == EdgeMode::sync) return e;
    return nullptr;
}

/// Mean time of a miss after the lookup: the trip to the callee and back plus its work,
/// when the callee is a server that calls nothing and has no fault (its wait for a
/// connection is left out: give it enough connections for the misses).
std::optional<double> miss_path_ms(const Topology& t, const model::Edge& e) {
    const std::size_t to = t.at(e.to);
    if (!is_server(t.node(to).kind) || t.has_out(to) || t.is_faulted(to)) return std::nullopt;
    return 2.0 * e.latency.mean_ms() + t.node(to).work.mean_ms();
}

/// The P99 of the cache's latency when its lookup and the trip to the callee are
/// constant: a share 1 - h of calls are misses, so the P99 is the callee's work quantile
/// at 1 - 0.01 / (1 - h) plus the constants (a hit, when misses are under 1%).
std::optional<double> p99_latency_ms(const Topology& t, const Node& cache, const model::Edge& e,
                                     double hit) {
    using K = model::Distribution::Kind;
    if (cache.work.kind != K::constant || e.latency.kind != K::constant) return std::nullopt;
    const double lookup = cache.work.a;
    const double miss = 1.0 - hit;
    if (miss <= 0.01) return lookup;
    return lookup + 2.0 * e.latency.a + t.node(e.to).work.quantile_ms(1.0 - 0.01 / miss);
}

}  // namespace

std::optional<boost::json::object> cache_station(const Topology& t, std::size_t i) {
    const Node& n = t.node(i);
    if (n.kind != NodeKind::cache || t.is_faulted(i)) return std::nullopt;
    const double s = n.popularity == model::Popularity::zipf ? n.zipf_s : 0.0;
    const std::vector<double> q = zipf_popularity(n.key_space, s);
    const PoissonFeed feed = poisson_feed(t, calls_into(t, i));
    auto r = round_significant_6;
    boost::json::object o;
    double hit = 0;
    if (!n.ttl_ms) {
        const LruPrediction p = che_lru(q, static_cast<double>(n.entries));
        hit = p.hit_ratio;
        o["model"] = "LRU (Che)";
        o["hit_ratio"] = r(hit);
        if (std::isfinite(p.characteristic_requests))
            o["characteristic_requests"] = r(p.characteristic_requests);
        if (feed.exact && std::isfinite(p.characteristic_requests))
            o["characteristic_time_s"] = r(p.characteristic_requests / feed.rate_per_s);
    } else if (n.entries >= n.key_space && feed.exact) {
        hit = ttl_hit_ratio(q, feed.rate_per_s, *n.ttl_ms / 1000.0);
        o["model"] = "TTL";
        o["hit_ratio"] = r(hit);
    } else {
        o["model"] = "LRU with TTL";
        o["unavailable"] = n.entries < n.key_space
                               ? "no closed form here when both the capacity and the TTL "
                                 "remove entries"
                               : "the TTL's hit ratio needs Poisson arrivals: " + feed.why_not;
        return o;
    }
    if (feed.exact) o["lambda_per_s"] = r(feed.rate_per_s);
    if (const model::Edge* e = callee_edge(t, i))
        if (auto miss = miss_path_ms(t, *e)) {
            o["miss_path_ms"] = r(*miss);
            o["mean_latency_ms"] = r(n.work.mean_ms() + (1.0 - hit) * *miss);
            if (auto p99 = p99_latency_ms(t, n, *e, hit)) o["p99_latency_ms"] = r(*p99);
        }
    return o;
}

std::optional<boost::json::object> limiter_station(const Topology& t, std::size_t i) {
    const Node& n = t.node(i);
    if (n.kind != NodeKind::rate_limiter || t.is_faulted(i)) return std::nullopt;
    const PoissonFeed feed = poisson_feed(t, calls_into(t, i));
    if (!feed.exact) return std::nullopt;
    const TokenBucketPrediction p = token_bucket(feed.rate_per_s, n.rate_per_s, n.burst);
    auto r = round_significant_6;
    boost::json::object o;
    o["model"] = "token bucket (M/D/1/K)";
    o["lambda_per_s"] = r(feed.rate_per_s);
    o["fluid_accepted_per_s"] = r(p.fluid_accepted_per_s);
    if (p.exact) {
        o["accepted_per_s"] = r(p.accepted_per_s);
        o["rejected_ratio"] = r(p.rejected_ratio);
    }
    o["arrivals"] = "poisson";
    return o;
}

}  // namespace flowlab::theory
