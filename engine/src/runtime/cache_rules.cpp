// Cache nodes: each call asks for one key, drawn independently from the cache's
// popularity (Zipf or uniform). The lookup takes lookup_ms; a hit is answered then, a
// miss goes on to the callee behind, and its answer, if it succeeds, is stored as the
// most recently used entry (cache-aside: nothing is stored for a failure, and two
// misses of one key in flight both go to the callee).

#include "runtime/proxy_nodes.hpp"
#include "runtime/sampling.hpp"

namespace flowlab::runtime {

void ProxyNodes::cache_call(Id node, Ref call, std::uint32_t attempt) {
    NodeRt& n = w_.nodes[node];
    CacheRt& c = *caches_[node];
    const SimTime now = w_.now();
    const LruCache::Key key = c.popularity.draw(c.key_rng);
    const bool hit = c.lru.lookup(key, now);
    if (w_.measuring()) ++(hit ? c.hits : c.misses);
    n.in_system_level.add(now, +1);
    const Id inv = w_.create_invocation(node, now, call, attempt);
    if (!hit) miss_keys_[inv] = key;
    const SimTime lookup = runtime::sample(n.cfg->work, n.rng);
    w_.invocations[inv].work_ns = lookup;
    World* w = &w_;
    const Ref ref = w_.invocations.ref(inv);
    w_.kernel.after(lookup, [w, ref, hit] {
        if (!w->invocations.alive(ref)) return;
        if (hit)
            w->respond(ref.id);
        else
            w->perform_outgoing(ref.id);
    });
}

void ProxyNodes::on_invocation_complete(Id inv) {
    if (auto it = miss_keys_.find(inv); it != miss_keys_.end()) {
        const Invocation& v = w_.invocations[inv];
        // Only a real answer is worth keeping: a fallback's default value is not one.
        if (v.outcome == Outcome::ok) caches_[v.node]->lru.insert(it->second, w_.now());
        miss_keys_.erase(it);
    }
    w_.respond(inv);
}

}  // namespace flowlab::runtime
