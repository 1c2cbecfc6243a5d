#pragma once
// The things that are in flight: a client's request, one node's invocation (the work a
// node does for one incoming call), and a caller's call on a sync edge (which spans
// its retries). Kept small: memory per request in flight is a benchmarked target.

#include <cstdint>

#include "flowlab/kernel/sim_time.hpp"
#include "flowlab/runtime/reason.hpp"
#include "runtime/slot_pool.hpp"

namespace flowlab::runtime {

using kernel::SimTime;

/// How a call or a request ended; a failure carries its Reason (flowlab/runtime/reason.hpp).
enum class Outcome : std::uint8_t { ok, degraded, failed };

struct Request {
    SimTime started = 0;
    std::uint64_t trace_id = 0;  ///< 0: not sampled
    Id client = no_id;
    // job pattern (202 Accepted): what the client waits for after the entry service answered
    std::uint32_t async_pending = 0;  ///< deliveries this request caused not yet processed
    std::uint32_t polls = 0;
    std::uint32_t number = 0;  ///< 1 = the first request any client sent (the live view's id)
    bool measured = false;     ///< started after warm-up
    bool finished = false;     ///< the user has their answer (or gave up)
    bool job_failed = false;
    bool caused_async = false;  ///< it published something (a webhook client is called back)
    // write_then_read: the write's event is visible in the view this client reads; and
    // what the read found when it reached the read model
    bool view_applied = false;
    bool read_saw_write = false;
};

/// A call waiting in a server's backlog for a thread. Only when it gets one does it
/// become an Invocation: a long backlog is the common overload picture, and this keeps
/// it at 24 bytes a request.
struct Waiting {
    SimTime arrived = 0;
    Ref call;
    std::uint32_t attempt = 0;
};

enum class InvState : std::uint8_t { queued, working, calling, hung, done };

/// One node doing the work of one call (or a client performing one request).
struct Invocation {
    SimTime arrived = 0;
    SimTime work_ns = 0;  ///< own work done, for wasted-work accounting
    Id node = no_id;
    Id request = no_id;
    /// The caller's Call this invocation answers. None for a client's root and for a
    /// consumer's invocation, which no Call waits on (its message and crash epoch are
    /// kept beside it: AsyncMessaging::attempt_of).
    Ref call;
    std::uint32_t span = 0;          ///< trace span id (0: not traced)
    std::uint16_t call_attempt = 0;  ///< the attempt of `call` this answers
    std::uint16_t next_edge = 0;     ///< sequential: index of the next outgoing edge
    std::uint16_t pending = 0;       ///< outstanding calls (parallel) or 1 (sequential)
    InvState state = InvState::queued;
    Outcome outcome = Outcome::ok;
    Reason reason = Reason::none;
    bool holds_thread = false;
    bool poll = false;  ///< a job-status poll: cheap, performs no outgoing edges
    bool read = false;  ///< write_then_read: the read of the read model after the write
};

enum class CallState : std::uint8_t { waiting, backoff, done };

/// A caller's call on one sync edge, across its attempts.
struct Call {
    Id edge = no_id;
    Ref caller;                 ///< the Invocation that waits
    std::uint32_t attempt = 0;  ///< 1-based; an answer for an older attempt is stale
    CallState state = CallState::waiting;
    bool probe = false;  ///< this attempt is a half-open breaker probe
    bool poll = false;   ///< a job-status poll (the callee skips its outgoing edges)
};

}  // namespace flowlab::runtime
