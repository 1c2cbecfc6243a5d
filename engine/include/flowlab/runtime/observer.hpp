#pragma once
/// Hooks through which a live view watches the engine: things that move (token hops)
/// and requests that end. Batch runs install no observer and pay nothing.

#include <cstdint>

#include "flowlab/kernel/sim_time.hpp"

namespace flowlab::runtime {

enum class HopKind : std::uint8_t { request, response, publish, delivery, dead_letter };

/// Something travelling along an edge from `sent` to `arrives` (virtual time).
struct Hop {
    kernel::SimTime sent = 0;
    kernel::SimTime arrives = 0;
    std::uint32_t edge = 0;  ///< index into Scenario::edges
    HopKind kind = HopKind::request;
    bool failed = false;  ///< a failure travelling back, or a dead letter
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
