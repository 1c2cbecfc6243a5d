#pragma once
// The counters of each asynchronous node kind, in one struct per kind. Each node keeps
// two copies: the live counters, and a plain copy taken when the warm-up ends. Report
// figures are `since(counters, warmup_counters)`, so per-node figures count from the end
// of the warm-up, like the sync nodes' (`warmup_s`: "node counters start counting at
// it"); the conservation section keeps the whole run's totals, since a message published
// during the warm-up is still somewhere at the end. Without a warm-up the copy stays
// zero and the report shows the raw counters.

#include <boost/pfr/core.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <type_traits>
#include <utility>

namespace flowlab::runtime {

struct QueueCounters {
    std::uint64_t published = 0, rejected = 0, delivered = 0, acked = 0, redelivered = 0,
                  dead_lettered = 0, ordering_violations = 0;
};

struct TopicCounters {
    std::uint64_t published = 0, rejected = 0, acked = 0, dead_lettered = 0,
                  ordering_violations = 0;
    std::uint64_t expired = 0;  ///< retained messages that left the log (retention)
};

struct ConsumerCounters {
    std::uint64_t processed = 0, attempts = 0, retries = 0, duplicates_delivered = 0,
                  duplicates_suppressed = 0, side_effects = 0, double_side_effects = 0,
                  dead_lettered = 0;
    std::uint64_t failure_events = 0, compensations = 0;  ///< choreography
};

struct DlqCounters {
    std::uint64_t max_receives = 0, retries_exhausted = 0;
    std::map<std::string, std::uint64_t> from;  ///< dead letters by the node that sent them
};

/// A counter's growth since its baseline. A queue's dead-letter count shrinks when its
/// messages are redriven, possibly below the baseline: that reads as 0, not a wrap.
inline std::uint64_t since(std::uint64_t now, std::uint64_t base) {
    return now > base ? now - base : 0;
}

/// Per-key growth, for every key counted now (a key absent from the baseline counts from 0).
inline std::map<std::string, std::uint64_t> since(
    const std::map<std::string, std::uint64_t>& now,
    const std::map<std::string, std::uint64_t>& base) {
    std::map<std::string, std::uint64_t> out;
    for (const auto& [key, n] : now) {
        const auto before = base.find(key);
        out[key] = since(n, before == base.end() ? 0 : before->second);
    }
    return out;
}

/// The one subtraction: every field of a counters struct, each since its baseline
/// (Boost.PFR walks the fields, so a counter added to a struct is covered here too).
template <class Counters>
requires std::is_aggregate_v<Counters> Counters since(const Counters& now, const Counters& base) {
    Counters out;
    auto grown = boost::pfr::structure_tie(out);
    const auto n = boost::pfr::structure_tie(now);
    const auto b = boost::pfr::structure_tie(base);
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        ((std::get<I>(grown) = since(std::get<I>(n), std::get<I>(b))), ...);
    }
    (std::make_index_sequence<boost::pfr::tuple_size_v<Counters>>{});
    return out;
}

}  // namespace flowlab::runtime
