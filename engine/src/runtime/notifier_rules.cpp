// Notifications of finished asynchronous work: the polling figures (wasted polls, how
// long after the work was done a poll brought the news) and webhook callbacks with their
// retries. See notifier.hpp for the model.

#include "runtime/notifier.hpp"

#include "runtime/sampling.hpp"
#include "runtime/world.hpp"

namespace flowlab::runtime {

Notifier::Notifier(World& world)
    : w(world), webhook_of_(world.nodes.size(), no_id), stats_(world.nodes.size()) {
    for (std::size_t e = 0; e < w.edges.size(); ++e)
        if (w.edges[e].mode == model::EdgeMode::webhook)
            webhook_of_[w.edges[e].to] = static_cast<Id>(e);
}

void Notifier::on_work_done(Id rid) {
    const Request& r = w.requests[rid];
    if (!calls_back(r.client)) {
        done_at_[rid] = w.now();  // the client finds out at its next answered poll
        return;
    }
    const Id id = callbacks_.create();
    Callback& cb = callbacks_[id];
    cb.submitted = r.started;
    cb.done_at = w.now();
    cb.client = r.client;
    cb.edge = webhook_of_[r.client];
    cb.number = r.number;
    cb.measured = r.measured;
    cb.job = w.nodes[r.client].cfg->pattern == model::ClientPattern::job;
    cb.job_failed = r.job_failed;
    if (cb.measured) ++stats_[cb.client].sent;
    // The callback carries what it reports: the request itself is over.
    w.requests.destroy(rid);
    attempt(id);
}

void Notifier::on_wasted_poll(const Request& r) {
    if (r.measured) ++stats_[r.client].wasted_polls;
}

void Notifier::on_poll_found_done(Id rid) {
    const Request& r = w.requests[rid];
    const auto it = done_at_.find(rid);
    if (it == done_at_.end()) return;
    if (r.measured) stats_[r.client].notify_delay.record(kernel::to_ms(w.now() - it->second));
    done_at_.erase(it);
}

void Notifier::show_hop(const Callback& cb, SimTime trip, HopKind kind, bool failed) {
    if (!w.observer) return;
    HopSubject subject;
    subject.id = cb.number;
    subject.born = cb.submitted;
    subject.attempt = static_cast<std::uint16_t>(cb.attempt);
    subject.push_back(w.edges[cb.edge].from);
    w.observer->on_hop(Hop{w.now(), w.now() + trip, cb.edge, kind, failed, subject});
}

void Notifier::attempt(Id id) {
    Callback& cb = callbacks_[id];
    ++cb.attempt;
    if (cb.measured) ++stats_[cb.client].attempts;
    EdgeRt& e = w.edges[cb.edge];
    const SimTime there = sample(e.cfg->latency, e.rng);
    show_hop(cb, there, HopKind::request, false);
    Notifier* self = this;
    const Ref ref = callbacks_.ref(id);
    w.kernel.after(there, [self, ref] { self->arrive(ref); });
}

void Notifier::arrive(Ref ref) {
    if (!callbacks_.alive(ref)) return;
    Callback& cb = callbacks_[ref.id];
    EdgeRt& e = w.edges[cb.edge];
    // A down endpoint refuses the connection: the sender learns it one trip later.
    const bool refused = w.nodes[cb.client].down > 0;
    const SimTime back = sample(e.cfg->latency, e.rng);
    show_hop(cb, back, HopKind::response, refused);
    if (!refused) {
        delivered(ref.id);  // the client knows now; its 200 reaches a sender with nothing left
        return;
    }
    Notifier* self = this;
    w.kernel.after(back, [self, ref] { self->failed(ref); });
}

void Notifier::failed(Ref ref) {
    if (!callbacks_.alive(ref)) return;
    Callback& cb = callbacks_[ref.id];
    NoticeStats& s = stats_[cb.client];
    if (cb.measured) ++s.failed_attempts;
    EdgeRt& e = w.edges[cb.edge];
    const auto& retry = e.cfg->retry;
    if (!retry || cb.attempt > static_cast<std::uint32_t>(retry->max_retries)) {
        if (cb.measured) ++s.given_up;  // the client never hears of this work
        callbacks_.destroy(ref.id);
        return;
    }
    const double backoff_ms = retry_backoff_ms(*retry, cb.attempt, e.rng);
    Notifier* self = this;
    w.kernel.after(kernel::from_ms(backoff_ms), [self, ref] {
        if (self->callbacks_.alive(ref)) self->attempt(ref.id);
    });
}

void Notifier::delivered(Id id) {
    const Callback cb = callbacks_[id];
    callbacks_.destroy(id);
    if (!cb.measured) return;
    NoticeStats& s = stats_[cb.client];
    ++s.delivered;
    s.notify.record(kernel::to_ms(w.now() - cb.submitted));
    s.notify_delay.record(kernel::to_ms(w.now() - cb.done_at));
    if (!cb.job) return;
    // A job's done_ms is when its client knows: here, the callback's arrival.
    ClientStats& c = w.nodes[cb.client].client;
    if (cb.job_failed)
        ++c.jobs_failed;
    else
        ++c.jobs_done;
    c.job_done.record(kernel::to_ms(w.now() - cb.submitted));
}

void Notifier::report_client(Id client, boost::json::object& o, boost::json::object* job) const {
    const NoticeStats& s = stats_[client];
    if (job) {
        (*job)["wasted_polls"] = s.wasted_polls;
        (*job)["notify_delay_ms"] = s.notify_delay.summary();
    }
    if (!calls_back(client)) return;
    std::uint64_t pending = 0;
    callbacks_.for_each_live([&](Id, const Callback& cb) { pending += cb.client == client; });
    boost::json::object hook;
    hook["sent"] = s.sent;
    hook["delivered"] = s.delivered;
    hook["attempts"] = s.attempts;
    hook["failed_attempts"] = s.failed_attempts;
    hook["given_up"] = s.given_up;
    hook["pending"] = pending;
    hook["notify_ms"] = s.notify.summary();
    hook["notify_delay_ms"] = s.notify_delay.summary();
    o["webhook"] = std::move(hook);
}

}  // namespace flowlab::runtime
