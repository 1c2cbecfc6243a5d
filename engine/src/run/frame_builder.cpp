#include "run/frame_builder.hpp"

#include "flowlab/model/fault_text.hpp"
#include "flowlab/theory/predict.hpp"
#include "runtime/async_messaging.hpp"
#include "runtime/proxy_nodes.hpp"
#include "runtime/saga_rules.hpp"

namespace flowlab::run {

namespace {
// theory::predict gives a plain number with one client, an object keyed by id with several.
double theory_for(const boost::json::object& t, const char* key, const std::string& client,
                  bool single) {
    auto it = t.find(key);
    if (it == t.end()) return -1;
    if (single && it->value().is_number()) return it->value().to_number<double>();
    if (!it->value().is_object()) return -1;
    const auto& per = it->value().as_object();
    auto c = per.find(client);
    return c == per.end() ? -1 : c->value().to_number<double>();
}
void copy_log_view(const runtime::AsyncNodeView& v, const runtime::World& world, NodeFrame& nf) {
    nf.retains = v.retains;
    nf.log_start = v.log_start;
    nf.log_end = v.log_end;
    nf.log_groups.clear();
    for (std::size_t g = 0; g < v.group_consumers.size(); ++g)
        nf.log_groups.push_back(NodeFrame::LogGroup{world.nodes[v.group_consumers[g]].cfg->id,
                                                    v.group_offsets[g], v.group_joined[g] != 0});
}

void copy_async_view(runtime::AsyncNodeView v, NodeFrame& nf) {
    nf.depth = v.depth;
    nf.partition_lag = std::move(v.partition_lag);
    nf.instances = v.instances;
    nf.busy = v.busy;
    nf.crashed = v.crashed;
    nf.dead_letters = v.dead_letters;
    nf.dead_letter_arrivals = v.dead_letter_arrivals;
}

}  // namespace

void FrameBuilder::add_faults(const runtime::World& world, runtime::Id node, NodeFrame& nf) {
    for (const auto& a : world.nodes[node].active_faults) {
        NodeFrame::Fault f{a.fault.kind, model::fault_strength(a.fault), -1};
        if (a.ends != kernel::never) f.ends_s = kernel::to_s(a.ends);
        if (a.fault.kind == model::FaultKind::poison) {
            // A poison fault is a burst of pills, not a state: it is in force while they last.
            const auto left = world.messaging->poison_held(node);
            if (left == 0) continue;
            f.detail = std::to_string(left) + (left == 1 ? " pill left" : " pills left");
        }
        nf.faults.push_back(std::move(f));
    }
}

FrameBuilder::FrameBuilder(const model::Scenario& scenario)
    : theory_availability_(scenario.nodes.size(), -1),
      theory_p99_bound_(scenario.nodes.size(), -1),
      theory_p99_work_sum_(scenario.nodes.size(), -1) {
    const boost::json::object t = theory::predict(scenario);
    int clients = 0;
    for (const auto& n : scenario.nodes) clients += n.kind == model::NodeKind::client;
    for (std::size_t i = 0; i < scenario.nodes.size(); ++i) {
        const auto& n = scenario.nodes[i];
        if (n.kind != model::NodeKind::client) continue;
        theory_availability_[i] = theory_for(t, "chain_availability", n.id, clients == 1);
        theory_p99_bound_[i] = theory_for(t, "p99_bound_ms", n.id, clients == 1);
        theory_p99_work_sum_[i] = theory_for(t, "p99_work_sum_ms", n.id, clients == 1);
    }
}

void FrameBuilder::build(const runtime::World& world, const LiveObserver& observer,
                         Frame& frame) const {
    frame.now = world.now();
    frame.events = world.kernel.events_processed();
    frame.finished = world.finished();
    frame.nodes.resize(world.nodes.size());
    frame.clients.resize(world.nodes.size());
    for (std::size_t i = 0; i < world.nodes.size(); ++i) {
        const runtime::NodeRt& n = world.nodes[i];
        NodeFrame& nf = frame.nodes[i];
        nf.threads = n.threads;
        nf.working = n.working;
        nf.blocked = n.blocked;
        nf.backlog = static_cast<std::int64_t>(n.backlog.size());
        runtime::AsyncNodeView view = world.messaging->view(static_cast<runtime::Id>(i));
        if (view.retains) copy_log_view(view, world, nf);
        copy_async_view(std::move(view), nf);
        if (n.kind == model::NodeKind::cache || n.kind == model::NodeKind::rate_limiter) {
            const runtime::ProxyView pv = world.proxies->view(static_cast<runtime::Id>(i));
            nf.hit_ratio = pv.hit_ratio;
            nf.entries = pv.entries;
            nf.tokens = pv.tokens;
        }
        add_faults(world, static_cast<runtime::Id>(i), nf);
        if (world.sagas->drives(static_cast<runtime::Id>(i))) {
            const runtime::SagaView saga = world.sagas->view(static_cast<runtime::Id>(i));
            nf.saga = {saga.steps,     saga.at_step,     saga.compensating,
                       saga.completed, saga.compensated, saga.compensations_run};
        }
        if (n.kind == model::NodeKind::dlq) {
            if (dlq_arrivals_seen_.size() < world.nodes.size())
                dlq_arrivals_seen_.resize(world.nodes.size(), 0);
            nf.dead_letter_arrived = nf.dead_letter_arrivals > dlq_arrivals_seen_[i];
            dlq_arrivals_seen_[i] = nf.dead_letter_arrivals;
        }
        if (n.kind == model::NodeKind::client) {
            ClientFrame& cf = frame.clients[i];
            cf.requests_total = n.client.requests;
            cf.arrival_rate_per_s = n.arrivals_on ? n.rate_per_s() : 0.0;
            for (int r = 0; r < runtime::reason_count; ++r)
                cf.failed_by_reason[r] = n.client.reasons[r];
            cf.theory_availability = theory_availability_[i];
            cf.theory_p99_bound_ms = theory_p99_bound_[i];
            cf.theory_p99_work_sum_ms = theory_p99_work_sum_[i];
        }
    }
    frame.edges.resize(world.edges.size());
    for (std::size_t e = 0; e < world.edges.size(); ++e) {
        EdgeFrame& ef = frame.edges[e];
        const auto& b = world.edges[e].breaker;
        if (b) {
            switch (b->state(world.now())) {
                case runtime::CircuitBreaker::State::closed:
                    ef.breaker = EdgeFrame::Breaker::closed;
                    break;
                case runtime::CircuitBreaker::State::open:
                    ef.breaker = EdgeFrame::Breaker::open;
                    break;
                case runtime::CircuitBreaker::State::half_open:
                    ef.breaker = EdgeFrame::Breaker::half_open;
                    break;
            }
        }
        ef.hops = observer.hops_per_edge[e];
        ef.failed_hops = observer.failed_per_edge[e];
    }
    world.calls.for_each_live([&](runtime::Id, const runtime::Call& call) {
        if (call.state == runtime::CallState::waiting && call.edge < frame.edges.size())
            ++frame.edges[call.edge].waiting_calls;
    });
    frame.tokens = observer.tokens;
}

}  // namespace flowlab::run
