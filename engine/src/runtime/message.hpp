#pragma once
// A message held by a queue or a topic partition. One record per delivery stream: a
// topic with three consumer groups holds three copies, each consumed independently.
// Kept small: a backlog of a million messages is a benchmarked case.

#include <cstdint>

#include "flowlab/kernel/sim_time.hpp"
#include "runtime/slot_pool.hpp"

namespace flowlab::runtime {

struct Message {
    kernel::SimTime enqueued = 0;  ///< when the broker accepted it
    std::uint64_t event_id = 0;    ///< the idempotency key: the same for redeliveries
    Ref request;                   ///< the client request that caused it (job pattern)
    std::uint32_t key = 0;         ///< partitioning and ordering key
    std::uint32_t key_seq = 0;     ///< publication order among this stream's messages of `key`
    std::uint32_t span = 0;        ///< trace context header: the publisher's span (0: none)
    std::uint32_t receipt = 0;     ///< queue: number of receives; only the latest may ack
    Id broker = no_id;             ///< queue or topic node
    Id group = no_id;              ///< topic: the consumer node (group) of this copy
    std::uint32_t offset = 0;      ///< topic with retention: its offset in the partition's log
    std::uint16_t partition = 0;
    std::uint16_t attempts = 0;  ///< consumer attempts in the current delivery
    bool poison = false;         ///< always fails processing
    bool in_flight = false;      ///< queue: received, invisible, not acked
    bool dead = false;           ///< held by a DLQ
    bool handed_out = false;     ///< given to a consumer once (its wait is counted then)
    bool compensation = false;   ///< a choreography failure event, or published handling one
};
// The offset fits in the padding: a retained log costs no byte per message in flight.
static_assert(sizeof(Message) <= 64);

}  // namespace flowlab::runtime
