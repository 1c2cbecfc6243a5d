#include "flowlab/runtime/simulation.hpp"

#include "runtime/async_messaging.hpp"
#include "runtime/world.hpp"

namespace flowlab::runtime {

Simulation::Simulation(const model::Scenario& scenario, const SimulationOptions& options)
    : world_(std::make_unique<World>(scenario, options)) {}

Simulation::~Simulation() = default;

void Simulation::ensure_started() {
    if (started_) return;
    started_ = true;
    world_->start();
}

void Simulation::run_to_end() {
    ensure_started();
    world_->advance(kernel::never);
}

bool Simulation::advance_to(kernel::SimTime t) {
    ensure_started();
    return world_->advance(t);
}

bool Simulation::step() {
    ensure_started();
    return world_->step();
}

bool Simulation::finished() const { return world_->finished(); }
kernel::SimTime Simulation::now() const { return world_->now(); }
kernel::SimTime Simulation::next_event_time() const { return world_->kernel.next_event_time(); }
std::uint64_t Simulation::events_processed() const { return world_->kernel.events_processed(); }
std::uint64_t Simulation::requests_in_flight() const { return world_->requests.live(); }

std::size_t Simulation::engine_bytes() const {
    const World& w = *world_;
    std::size_t backlog = 0;
    for (const auto& n : w.nodes) backlog += n.backlog.size() * sizeof(Waiting);
    return w.kernel.calendar().capacity_bytes() + w.requests.capacity_bytes() +
           w.invocations.capacity_bytes() + w.calls.capacity_bytes() + backlog;
}

boost::json::object Simulation::report() const { return world_->report(); }

std::map<std::string, ArrivalFingerprint> Simulation::arrival_fingerprints() const {
    std::map<std::string, ArrivalFingerprint> out;
    for (Id c : world_->clients) out[world_->nodes[c].cfg->id] = world_->nodes[c].arrivals;
    return out;
}

std::uint64_t Simulation::redrive_dead_letters(const std::string& dlq_id) {
    ensure_started();
    const Id dlq = world_->node_index(dlq_id);
    if (dlq == no_id) return 0;
    const std::uint64_t moved = world_->messaging->redrive(dlq);
    if (moved > 0) world_->reopen_for_drain();  // a finished run has work again
    return moved;
}
void Simulation::extend(double seconds) {
    ensure_started();
    world_->extend_arrivals(kernel::from_s(seconds));
}

void Simulation::set_observer(Observer* observer) { world_->observer = observer; }
World& Simulation::world() { return *world_; }
const World& Simulation::world() const { return *world_; }

}  // namespace flowlab::runtime
