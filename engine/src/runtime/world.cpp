#include "runtime/world.hpp"

#include <algorithm>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

#include "runtime/async_messaging.hpp"
#include "runtime/notifier.hpp"
#include "runtime/proxy_nodes.hpp"
#include "runtime/saga_rules.hpp"

namespace flowlab::runtime {

const char* to_string(Reason r) {
    switch (r) {
        case Reason::none: return "none";
        case Reason::error: return "error";
        case Reason::timeout: return "timeout";
        case Reason::rejected: return "rejected";
        case Reason::refused: return "refused";
        case Reason::breaker_open: return "breaker_open";
        case Reason::publish_rejected: return "publish_rejected";
        case Reason::unfinished: return "unfinished";
        case Reason::rate_limited: return "rate_limited";
    }
    return "?";
}

World::World(const model::Scenario& s, const SimulationOptions& options) : scenario(s) {
    seed = options.seed ? *options.seed : scenario.seed;
    if (options.duration_s) {
        scenario.run.duration_s = options.duration_s;
        scenario.run.requests.reset();
    }
    if (options.requests) {
        scenario.run.requests = options.requests;
        scenario.run.duration_s.reset();
    }
    trace_rng = kernel::make_stream(seed, "#trace");

    nodes.resize(scenario.nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        NodeRt& n = nodes[i];
        n.cfg = &scenario.nodes[i];
        n.kind = n.cfg->kind;
        n.rng = kernel::LazyStream(seed, n.cfg->id);
        n.threads = model::server_threads(*n.cfg);
        n.event_loop =
            n.kind == model::NodeKind::service && n.cfg->threading == model::Threading::event_loop;
        if (n.kind == model::NodeKind::client) clients.push_back(static_cast<Id>(i));
    }
    // An index, not a search per edge: files with many edges load in linear time.
    for (std::size_t i = 0; i < scenario.nodes.size(); ++i)
        node_ids.emplace(scenario.nodes[i].id, static_cast<Id>(i));
    auto index_of = [&](const std::string& id) {
        const Id at = node_index(id);
        // The model validates files; this guards what reaches the engine another way
        // (a live edit) from indexing past the node table.
        if (at == no_id)
            throw std::invalid_argument("an edge names node '" + id + "', which does not exist");
        return at;
    };
    edges.resize(scenario.edges.size());
    for (std::size_t i = 0; i < edges.size(); ++i) {
        EdgeRt& e = edges[i];
        e.cfg = &scenario.edges[i];
        e.from = index_of(e.cfg->from);
        e.to = index_of(e.cfg->to);
        e.mode = e.cfg->mode;
        e.rng = kernel::LazyStream(seed, e.cfg->from + "->" + e.cfg->to);
        if (e.cfg->timeout_ms) e.timeout = kernel::from_ms(*e.cfg->timeout_ms);
        if (e.cfg->breaker) e.breaker.emplace(*e.cfg->breaker);
        NodeRt& from = nodes[e.from];
        // A write_then_read client's read waits for its write: it is not an outgoing edge
        // of the request's first part.
        const bool read = from.kind == model::NodeKind::client &&
                          from.cfg->pattern == model::ClientPattern::write_then_read &&
                          nodes[e.to].kind == model::NodeKind::read_model;
        if (read) from.read_edge = static_cast<Id>(i);
        // A consumer's failure event is published only when a message finally fails.
        else if (e.mode == model::EdgeMode::async && e.cfg->to == from.cfg->on_failure_publish)
            from.failure_edge = static_cast<Id>(i);
        else if (e.mode == model::EdgeMode::sync || e.mode == model::EdgeMode::async)
            from.out_edges.push_back(static_cast<Id>(i));
        if (e.mode == model::EdgeMode::dead_letter)
            nodes[e.from].dead_letter_edge = static_cast<Id>(i);
    }
    messaging = std::make_unique<AsyncMessaging>(*this);
    proxies = std::make_unique<ProxyNodes>(*this);
    notifier = std::make_unique<Notifier>(*this);
    sagas = std::make_unique<Sagas>(*this);
}

World::~World() = default;

void World::start() {
    const auto& run = scenario.run;
    warmup_end = kernel::from_s(run.warmup_s);
    if (run.duration_s) arrivals_end = kernel::from_s(*run.duration_s);
    if (run.requests) request_budget = *run.requests;
    for (NodeRt& n : nodes) {
        n.working_level.set(0, 0);
        n.blocked_level.set(0, 0);
        n.in_system_level.set(0, 0);
        n.inflight_level.set(0, 0);
    }
    schedule_faults();
    if (warmup_end > 0) {
        World* w = this;
        kernel.at(warmup_end, [w] {
            for (NodeRt& n : w->nodes) {
                n.working_at_warmup = n.working_level.integral(w->now());
                n.blocked_at_warmup = n.blocked_level.integral(w->now());
                n.in_system_at_warmup = n.in_system_level.integral(w->now());
                n.server.backlog_max = static_cast<std::int64_t>(n.backlog.size());
                n.inflight_at_warmup = n.inflight_level.integral(w->now());
                n.inflight_max = n.inflight;
            }
            w->messaging->on_warmup_end();
            w->proxies->on_warmup_end();
            w->sagas->on_warmup_end();
        });
    }
    if (arrivals_end != kernel::never) schedule_arrivals_end();
    for (Id c : clients) {
        nodes[c].arrivals_on = true;
        schedule_next_arrival(c);
    }
    if (clients.empty()) on_arrivals_end();
}

void World::on_arrivals_end() {
    if (arrivals_done) return;
    arrivals_done = true;
    for (Id c : clients) {
        nodes[c].arrivals_on = false;
        ++nodes[c].arrival_gen;  // cancels the pending arrival
    }
    drain_limit = now() + kernel::from_s(scenario.run.drain_s);
    check_done();
}

void World::check_done() {
    // Work whose caller gave up still runs to its end (it holds threads and counts as
    // wasted), so the run waits for every invocation too, within the drain limit.
    if (arrivals_done && requests.live() == 0 && invocations.live() == 0 &&
        messaging->in_flight() == 0 && notifier->in_flight() == 0)
        finished_ = true;
}

bool World::run_events(SimTime limit, std::uint64_t max_events) {
    for (std::uint64_t n = 0; n < max_events && !finished_; ++n) {
        const SimTime next = kernel.next_event_time();  // `never` when nothing is pending
        if (next > limit) {
            // When no event can ever run again (the next one is past the drain limit, or
            // there is none once arrivals are over), the run is over now, at its last
            // event: moving the clock on to `limit` first would make the end time (and
            // every thread-time integral) depend on how the caller sliced time, so the
            // live view's final report would differ from the CLI's.
            if (limit >= drain_limit || next > drain_limit)
                finish_now();
            else
                kernel.advance_clock(limit);
            break;
        }
        if (next > drain_limit || next == kernel::never) {
            finish_now();
            break;
        }
        kernel.step();
        if (arrivals_done) check_done();
    }
    return !finished_;
}

void World::reopen_for_drain() {
    if (!arrivals_done) return;
    finished_ = false;
    drain_limit = std::max(drain_limit, now() + kernel::from_s(scenario.run.drain_s));
    check_done();
}

void World::finish_now() { finished_ = true; }

void World::schedule_arrivals_end() {
    World* w = this;
    // Continuing moves arrivals_end later: an end scheduled before that is stale.
    kernel.at(arrivals_end, [w] {
        if (w->now() >= w->arrivals_end) w->on_arrivals_end();
    });
}

void World::extend_arrivals(SimTime more) {
    arrivals_end = now() + std::max<SimTime>(0, more);
    request_budget = -1;
    schedule_arrivals_end();
    drain_limit = kernel::never;
    finished_ = false;
    if (!arrivals_done) return;
    arrivals_done = false;
    for (Id c : clients) {
        nodes[c].arrivals_on = true;
        ++nodes[c].arrival_gen;  // whatever was pending belongs to the ended run
        schedule_next_arrival(c);
    }
}

}  // namespace flowlab::runtime
