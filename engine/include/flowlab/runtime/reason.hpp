#pragma once
/// Why a request or a call failed: the root cause carried up the chain, so the user sees
/// that the database hung, not merely "500 from checkout". Public because the report and
/// the live view (the app's failure table) name failures by it.

#include <cstdint>

namespace flowlab::runtime {

enum class Reason : std::uint8_t {
    none,
    error,             ///< a node failed the work (failure_rate or an errors fault)
    timeout,           ///< a caller's timeout fired first
    rejected,          ///< the backlog was full
    refused,           ///< the node was down
    breaker_open,      ///< short-circuited by a circuit breaker
    publish_rejected,  ///< a queue or topic was full (reject policy)
    unfinished,        ///< never answered by the end of the run (its drain limit)
    rate_limited,      ///< a rate limiter had no token: answered 429 at once
};
inline constexpr int reason_count = 9;

/// The report's name for a reason: "error", "timeout", ..., "unfinished".
const char* to_string(Reason r);

}  // namespace flowlab::runtime
