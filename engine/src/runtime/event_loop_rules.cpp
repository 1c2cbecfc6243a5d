// Event-loop services ("threading": "event_loop"): one thread runs every request's own
// work, one at a time in arrival order; a request waiting on its downstream calls holds
// no thread, only a place among the `max_inflight` it admits. Calls beyond that wait in
// the backlog (FIFO, bounded by `backlog` like a thread pool's, rejected past it). The
// continuation that sends the answer once the calls return is taken to cost no CPU.

#include "flowlab/metrics/rounding.hpp"
#include "runtime/sampling.hpp"
#include "runtime/world.hpp"

namespace flowlab::runtime {

bool World::has_room(const NodeRt& n) const {
    if (n.event_loop) return n.inflight < n.cfg->max_inflight;
    return n.working + n.blocked < n.threads;
}

void World::set_inflight(NodeRt& n, int delta) {
    n.inflight += delta;
    n.inflight_level.set(now(), n.inflight);
    if (measuring() && n.inflight > n.inflight_max) n.inflight_max = n.inflight;
}

void World::run_loop(Id node) {
    NodeRt& n = nodes[node];
    if (n.working > 0 || n.loop_queue.empty()) return;
    const Id next = n.loop_queue.front();
    n.loop_queue.pop_front();
    begin_work(next);
}

boost::json::object World::event_loop_report(const NodeRt& n, double measured_s) const {
    using metrics::round_to;
    boost::json::object o;
    const double working = n.working_level.integral(now()) - n.working_at_warmup;
    const double inflight = n.inflight_level.integral(now()) - n.inflight_at_warmup;
    o["threading"] = "event_loop";
    o["max_inflight"] = n.cfg->max_inflight;
    o["loop_busy"] = measured_s > 0 ? round_to(working / measured_s, 6) : 0.0;
    o["inflight"] = n.inflight;
    o["inflight_max"] = n.inflight_max;
    o["inflight_mean"] = measured_s > 0 ? round_to(inflight / measured_s, 6) : 0.0;
    o["loop_queue"] = static_cast<std::int64_t>(n.loop_queue.size());
    return o;
}

}  // namespace flowlab::runtime
