// Cache and rate limiter parameters. Their meaning, and why each default, is in
// docs/scenario-format-decisions.md ("Caches and rate limiters").
#include "model/schema_proxy_tables.hpp"

#include "model/schema_builders.hpp"

namespace flowlab::model::detail {

/// The Zipf table holds one number per key, and the theory (Che's approximation) sums
/// over every key for each step of its root finder: 1e5 keys keep both well under a
/// frame of the live view.
constexpr double max_key_space = 100'000;

std::vector<NodeParam> cache_params() {
    auto capacity = integer("capacity", &Node::entries, std::int64_t{100}, between(1, 1e9),
                            "entries", "entries the cache holds; the least recently used goes");
    capacity.required = true;
    return {
        capacity,
        optional("ttl_ms", &Node::ttl_ms, above(0), "none: entries never expire", "ttl_ms",
                 "an entry expires this long after it was stored"),
        distribution("lookup_ms", &Node::work, 1.0, "work",
                     "time to look a key up: a hit is answered after it, a miss then goes on"),
        integer("keys", &Node::key_space, std::int64_t{1000}, between(1, max_key_space),
                "key_space", "distinct keys the requests ask for"),
        choice("popularity", &Node::popularity, {"zipf", "uniform"}, Popularity::zipf, "popularity",
               "zipf: the key of rank k weighs k^-zipf_s; uniform: all alike"),
        number("zipf_s", &Node::zipf_s, 1.0, between(0, 10), "zipf_s",
               "Zipf exponent: 0 is uniform, around 1 is typical of web traffic"),
    };
}

std::vector<NodeParam> rate_limiter_params() {
    auto rate = number("rate_per_s", &Node::rate_per_s, 100.0, above(0), "rate_per_s",
                       "tokens added per second: the sustained rate let through");
    rate.required = true;
    return {
        rate,
        integer("burst", &Node::burst, std::int64_t{10}, between(1, 1e6), "burst",
                "bucket size: requests let through back to back after a quiet spell"),
    };
}

}  // namespace flowlab::model::detail
