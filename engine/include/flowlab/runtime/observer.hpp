#pragma once
/// Hooks through which a live view watches the engine: things that move (token hops)
/// and requests that end. Batch runs install no observer and pay nothing.

#include <array>
#include <cstddef>
#include <cstdint>

#include "flowlab/kernel/sim_time.hpp"

namespace flowlab::runtime {

enum class HopKind : std::uint8_t { request, response, publish, delivery, dead_letter };

/// What a hop carries, for the app's "inspect a message": the request or message, how
/// often it was tried, and the nodes it passed. Filled by the engine from what it holds
/// anyway (a few loads per hop, and only when a live view is installed).
struct HopSubject {
    static constexpr std::uint32_t none = UINT32_MAX;
    static constexpr std::size_t path_cap = 8;
    /// Request hops (request, response): the request's number (1 = the first a client
    /// sent). Message hops (publish, delivery, dead_letter): the message's event id
    /// (1 = the first published; a publish not yet accepted by its broker has none, 0),
    /// and `request` the client request it belongs to (job pattern), else 0.
    std::uint64_t id = 0;
    std::uint64_t request = 0;
    std::uint64_t trace_id = 0;  ///< 0: not sampled (or, for a message, no context)
    kernel::SimTime born = 0;    ///< when the request started / the broker accepted the message
    /// Sync hops: the attempt of this call (1 = the first, retries after). Deliveries: the
    /// consumer's attempt this delivery starts (1 = the first of this receive).
    std::uint16_t attempt = 0;
    /// Messages: how often it was received before this delivery (queue redeliveries
    /// after a visibility timeout or a crash; 0 = the first receive).
    std::uint16_t redeliveries = 0;
    /// Nodes passed so far (Scenario::nodes indices), oldest first, ending at the hop's
    /// sender; when longer than path_cap only the last path_cap are kept (`path_cut`).
    std::array<std::uint32_t, path_cap> path{};
    std::uint8_t path_len = 0;
    bool path_cut = false;
    /// Prepends `node` unless the path is full (then it is marked cut).
    void push_front(std::uint32_t node) {
        if (path_len == path_cap) {
            path_cut = true;
            return;
        }
        for (std::size_t i = path_len; i > 0; --i) path[i] = path[i - 1];
        path[0] = node;
        ++path_len;
    }
    void push_back(std::uint32_t node) {
        if (path_len == path_cap) {
            for (std::size_t i = 1; i < path_cap; ++i) path[i - 1] = path[i];
            path[path_cap - 1] = node;
            path_cut = true;
            return;
        }
        path[path_len++] = node;
    }
    bool operator==(const HopSubject&) const = default;
};

/// Something travelling along an edge from `sent` to `arrives` (virtual time).
struct Hop {
    kernel::SimTime sent = 0;
    kernel::SimTime arrives = 0;
    std::uint32_t edge = 0;  ///< index into Scenario::edges
    HopKind kind = HopKind::request;
    bool failed = false;  ///< a failure travelling back, or a dead letter
    HopSubject subject;   ///< what it carries
    bool operator==(const Hop&) const = default;
};

struct RequestEnd {
    kernel::SimTime at = 0;
    std::uint32_t client = 0;  ///< index into Scenario::nodes
    double latency_ms = 0;
    bool success = false;     ///< ok or degraded
    std::uint8_t reason = 0;  ///< runtime::Reason when it failed
};

class Observer {
public:
    virtual ~Observer() = default;
    virtual void on_hop(const Hop& hop) = 0;
    virtual void on_request_end(const RequestEnd& end) = 0;
};

}  // namespace flowlab::runtime
