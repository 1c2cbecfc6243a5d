// Clients: the arrival process, the user's request, its deadline, and the job
// pattern's polling. A client performs its outgoing sync edges like a service with no
// thread limit and no work of its own.

#include "runtime/async_messaging.hpp"
#include "runtime/notifier.hpp"
#include "runtime/world.hpp"

namespace flowlab::runtime {

void World::schedule_next_arrival(Id client) {
    NodeRt& c = nodes[client];
    double rate = c.rate_per_s();
    if (!c.arrivals_on || rate <= 0) return;
    // Poisson arrivals have exponential gaps; "uniform" arrivals are evenly spaced.
    double gap_s = c.cfg->arrival == model::Arrival::poisson
                       ? kernel::exponential(c.rng, 1.0 / rate)
                       : 1.0 / rate;
    World* w = this;
    std::uint32_t gen = c.arrival_gen;
    kernel.after(kernel::from_s(gap_s), [w, client, gen] { w->on_arrival(client, gen); });
}

void World::on_arrival(Id client, std::uint32_t gen) {
    NodeRt& c = nodes[client];
    if (gen != c.arrival_gen || !c.arrivals_on) return;
    if (request_budget >= 0 && requests_started >= request_budget) {
        on_arrivals_end();
        return;
    }
    ++requests_started;
    c.arrivals.add(now());
    schedule_next_arrival(client);

    Id rid = requests.create();
    Request& r = requests[rid];
    r.started = now();
    r.client = client;
    r.number = static_cast<std::uint32_t>(requests_started);
    r.measured = measuring();
    if (r.measured) ++c.client.requests;
    if (scenario.trace.sample > 0 && kernel::bernoulli(trace_rng, scenario.trace.sample))
        r.trace_id = traces.new_trace();

    Id inv = invocations.create();
    Invocation& root = invocations[inv];
    root.arrived = now();
    root.node = client;
    root.request = rid;
    root.state = InvState::calling;
    root.span = traces.begin(r.trace_id, 0, client, now());
    if (c.cfg->timeout_ms) {
        World* w = this;
        Ref root_ref = invocations.ref(inv);
        kernel.after(kernel::from_ms(*c.cfg->timeout_ms),
                     [w, rid, root_ref] { w->on_client_deadline(rid, root_ref); });
    }
    if (request_budget >= 0 && requests_started >= request_budget) on_arrivals_end();
    perform_outgoing(inv);
}

void World::on_client_deadline(Id rid, Ref root) {
    // The user gives up. Downstream nothing knows: the calls in flight keep their
    // threads and their results will be thrown away (counted as wasted work).
    if (!invocations.alive(root)) return;
    Invocation& inv = invocations[root.id];
    if (inv.state == InvState::done) return;
    inv.state = InvState::done;
    traces.end(inv.span, now(), false);
    finish_request(rid, Outcome::failed, Reason::timeout);
}

void World::finish_request(Id rid, Outcome outcome, Reason reason) {
    Request& r = requests[rid];
    if (r.finished) return;
    r.finished = true;
    NodeRt& c = nodes[r.client];
    const bool job = c.cfg->pattern == model::ClientPattern::job;
    double latency_ms = kernel::to_ms(now() - r.started);
    if (r.measured) {
        ClientStats& s = c.client;
        if (outcome == Outcome::ok)
            ++s.ok;
        else if (outcome == Outcome::degraded)
            ++s.degraded;
        else {
            ++s.failed;
            ++s.reasons[static_cast<int>(reason)];
        }
        s.latency.record(latency_ms);
        if (outcome != Outcome::failed) s.latency_ok.record(latency_ms);
    }
    if (observer)
        observer->on_request_end(RequestEnd{now(), r.client, latency_ms, outcome != Outcome::failed,
                                            static_cast<std::uint8_t>(reason)});
    // A webhook client hears of the work its request caused from the worker (notifier.hpp),
    // once that work is done: now, or when its last delivery is processed.
    if (notifier->calls_back(r.client) && r.caused_async) {
        if (job && outcome != Outcome::failed && r.measured)
            c.client.job_accepted.record(latency_ms);
        if (r.async_pending == 0) notifier->on_work_done(rid);
        return;
    }
    if (c.cfg->pattern == model::ClientPattern::write_then_read && outcome != Outcome::failed) {
        schedule_read(rid);  // the request lives on until its read is answered
        return;
    }
    if (job && outcome != Outcome::failed) {
        if (r.measured) c.client.job_accepted.record(latency_ms);
        if (r.async_pending > 0) {
            start_polling(rid);
            return;  // the request lives on until its asynchronous work is done
        }
        if (r.measured) {
            ++c.client.jobs_done;
            c.client.job_done.record(latency_ms);
        }
    }
    requests.destroy(rid);
    if (arrivals_done) check_done();
}

void World::start_polling(Id rid) {
    NodeRt& c = nodes[requests[rid].client];
    World* w = this;
    kernel.after(kernel::from_ms(c.cfg->poll_interval_ms), [w, rid] { w->on_poll(rid); });
}

void World::on_poll(Id rid) {
    // A poll is a real request on the entry service (it takes a thread there, for no
    // work and no outgoing calls); the job is done once a poll finds nothing pending.
    Request& r = requests[rid];
    NodeRt& c = nodes[r.client];
    ++r.polls;
    if (r.measured) ++c.client.polls;
    Id edge = no_id;
    for (Id e : c.out_edges)
        if (edges[e].mode == model::EdgeMode::sync) {
            edge = e;
            break;
        }
    if (edge == no_id) {
        on_poll_answer(rid, true);
        return;
    }
    const Id inv = create_single_call(rid);
    invocations[inv].poll = true;
    start_call(inv, edge);
}

Id World::create_single_call(Id rid) {
    const Request& r = requests[rid];
    Id inv = invocations.create();
    Invocation& v = invocations[inv];
    v.arrived = now();
    v.node = r.client;
    v.request = rid;
    v.state = InvState::calling;
    v.pending = 1;
    v.next_edge = static_cast<std::uint16_t>(nodes[r.client].out_edges.size());
    return inv;
}

void World::on_poll_answer(Id rid, bool answered) {
    Request& r = requests[rid];
    NodeRt& c = nodes[r.client];
    // A failed poll (the entry service down, a timeout) tells the client nothing: it
    // polls again, so an outage of the entry service delays when the job is known done.
    if (answered && r.async_pending == 0) {
        notifier->on_poll_found_done(rid);
        if (r.measured) {
            if (r.job_failed)
                ++c.client.jobs_failed;
            else
                ++c.client.jobs_done;
            c.client.job_done.record(kernel::to_ms(now() - r.started));
        }
        requests.destroy(rid);
        if (arrivals_done) check_done();
        return;
    }
    notifier->on_wasted_poll(r);
    start_polling(rid);
}

void World::on_job_delivery_done(Id rid, bool failed) {
    Request& r = requests[rid];
    if (failed) r.job_failed = true;
    if (r.async_pending > 0) --r.async_pending;
    if (r.async_pending == 0 && r.finished) notifier->on_work_done(rid);
}

}  // namespace flowlab::runtime
