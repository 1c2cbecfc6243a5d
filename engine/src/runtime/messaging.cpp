// Temporary messaging layer for the sync-only engine: publishes are refused. Replaced by
// the queue/topic/consumer implementation (issue 3).
#include "runtime/messaging.hpp"

#include "runtime/world.hpp"

namespace flowlab::runtime {

namespace {
class SyncOnlyMessaging final : public Messaging {
public:
    explicit SyncOnlyMessaging(World& w) : world_(w) {}
    void start() override {}
    void publish(Id inv, Id edge) override {
        world_.on_edge_done(inv, Outcome::failed, Reason::publish_rejected, world_.edges[edge].cfg->optional);
    }
    void on_invocation_complete(Id) override {}
    std::uint64_t in_flight() const override { return 0; }
    void report(boost::json::object& r) const override {
        boost::json::object c;
        c["messages_published"] = 0;
        c["acked"] = 0;
        c["dead_lettered"] = 0;
        c["in_flight_end"] = 0;
        c["lost"] = 0;
        r["conservation"] = std::move(c);
    }
    void apply_fault(Id, const FaultView&, bool) override {}

private:
    World& world_;
};
}  // namespace

std::unique_ptr<Messaging> make_messaging(World& world) { return std::make_unique<SyncOnlyMessaging>(world); }

}  // namespace flowlab::runtime
