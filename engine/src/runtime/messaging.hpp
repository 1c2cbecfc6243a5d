#pragma once
// The asynchronous half of the world: queues, topics, consumers and DLQs.
//
// The sync rules reach it through this narrow interface: a node's outgoing async edge
// becomes `publish`, and the run asks it whether anything is still in flight.

#include <boost/json/object.hpp>

#include <cstdint>
#include <memory>

#include <vector>

#include "flowlab/model/scenario.hpp"
#include "runtime/slot_pool.hpp"

namespace flowlab::runtime {

class World;

/// What an async node holds right now, for the live view (the run layer copies it into
/// its frames; the runtime knows nothing of frames).
struct AsyncNodeView {
    std::int64_t depth = 0;                   ///< queue: visible + in flight; topic: total lag
    std::vector<std::int64_t> partition_lag;  ///< topic: per partition, max over groups
    int instances = 0, busy = 0;              ///< consumer: configured, and busy now
    bool crashed = false;                     ///< consumer: a crash fault holds it down
    std::int64_t dead_letters = 0;            ///< dlq: held now
    std::uint64_t dead_letter_arrivals = 0;   ///< dlq: arrivals since the run started
};

class Messaging {
public:
    virtual ~Messaging() = default;
    /// Called once the world's nodes and edges exist, before the first event.
    virtual void start() = 0;
    /// Invocation `inv` publishes on async edge `edge`; when the broker acks (or
    /// refuses) the messaging layer calls World::on_edge_done for `inv`.
    virtual void publish(Id inv, Id edge) = 0;
    /// A consumer's invocation finished its outgoing edges (its outcome is set).
    virtual void on_invocation_complete(Id inv) = 0;
    /// Messages not yet acked or dead-lettered (drain waits for these).
    virtual std::uint64_t in_flight() const = 0;
    /// Adds the async nodes' sections to report["nodes"] and fills
    /// report["conservation"].
    virtual void report(boost::json::object& report) const = 0;
    /// A fault on an async node (crash, pause, slow, errors, poison) starts or ends.
    virtual void apply_fault(Id node, const model::Fault& fault, bool on) = 0;
    /// What async node `node` holds now (depth, lag, instances, dead letters).
    virtual AsyncNodeView view(Id node) const {
        (void)node;
        return {};
    }
    /// Poison messages the queue or topic `node` still holds (the live view's banner).
    virtual std::uint64_t poison_held(Id node) const {
        (void)node;
        return 0;
    }
    /// Parameters of async nodes changed in place in world.scenario (a live edit).
    virtual void on_params_changed() {}
    /// Moves every message held by DLQ `dlq_node` back to where it came from; returns
    /// how many moved.
    virtual std::uint64_t redrive(Id dlq_node) {
        (void)dlq_node;
        return 0;
    }
    /// Drops the warm-up period's figures when measuring starts.
    virtual void on_warmup_end() {}
};

/// Makes the messaging layer for `world` (messaging.cpp).
std::unique_ptr<Messaging> make_messaging(World& world);

}  // namespace flowlab::runtime
