#include "theory/read_your_writes.hpp"

#include <cmath>
#include <optional>
#include <string>

#include "flowlab/theory/predict.hpp"
#include "flowlab/theory/queueing.hpp"
#include "theory/queue_station.hpp"

namespace flowlab::theory {

using model::Distribution;
using model::Edge;
using model::EdgeMode;
using model::Node;
using model::NodeKind;

namespace {

// The write service must never make a write wait for a thread (then it delays each
// write by its own work only, an M/G/infinity station, whose departures are Poisson):
// its Erlang C waiting probability must be below this.
constexpr double negligible_wait = 1e-6;

bool is_constant(const Distribution& d) { return d.kind == Distribution::Kind::constant; }
bool is_zero(const Distribution& d) { return is_constant(d) && d.a == 0; }

/// A sync edge that calls once and waits as long as it takes, with a constant latency.
bool plain_constant(const Edge& e) {
    return !e.retry && !e.breaker && !e.timeout_ms && !e.optional && is_constant(e.latency);
}

/// The path of one write's event: client -> write service -> broker -> projector -> view.
struct Path {
    const Node* client = nullptr;
    const Edge* write = nullptr;
    const Edge* read = nullptr;
    std::size_t service = 0;
    const Edge* publish = nullptr;
    std::size_t broker = 0;
    const Edge* deliver = nullptr;
    std::size_t projector = 0;
    const Edge* apply = nullptr;
};

/// Fills `p` from the client's edges onwards; returns why the path is not the model's.
std::string trace_path(const Topology& t, std::size_t c, Path& p) {
    p.client = &t.node(c);
    for (const Edge* e : t.out[c]) {
        if (e->mode != EdgeMode::sync) return "the client's edges are not all sync calls";
        const bool read = t.node(e->to).kind == NodeKind::read_model;
        const Edge*& slot = read ? p.read : p.write;
        if (slot) return "the client writes through more than one service";
        slot = e;
    }
    if (!p.write || !p.read) return "the client has no write or no read edge";
    p.service = t.at(p.write->to);
    const Node& s = t.node(p.service);
    if (s.kind != NodeKind::service) return "the client does not write through a service";
    if (t.sync_in[p.service].size() != 1 || t.async_in[p.service].size() != 0)
        return "the write service " + s.id + " has callers other than this client";
    if (t.out[p.service].size() != 1 || t.out[p.service][0]->mode != EdgeMode::async)
        return "the write service " + s.id + " does more than publish one event";
    p.publish = t.out[p.service][0];
    p.broker = t.at(p.publish->to);
    const Node& b = t.node(p.broker);
    if (t.async_in[p.broker].size() != 1) return "the broker " + b.id + " has other publishers";
    const bool fifo = (b.kind == NodeKind::queue && b.delivery == model::Delivery::fifo) ||
                      (b.kind == NodeKind::topic && b.partitions == 1);
    if (!fifo)
        return "the broker " + b.id +
               " does not hand out in publication order (a fifo queue or a one-partition "
               "topic does)";
    const std::string view = t.node(p.read->to).id;
    for (const Edge* e : t.out[p.broker]) {
        if (e->mode != EdgeMode::deliver) continue;
        const std::size_t k = t.at(e->to);
        for (const Edge* a : t.out[k])
            if (a->to == view) {
                p.deliver = e;
                p.projector = k;
                p.apply = a;
            }
    }
    if (!p.apply) return "no consumer of " + b.id + " applies its events to " + view;
    if (t.out[p.projector].size() != 1)
        return "the projector " + t.node(p.projector).id + " does more than apply the event";
    return "";
}

/// Why the legs are not constants and the projector not an M/M/1 server, or "".
std::string check_legs(const Topology& t, const Path& p) {
    const Node& client = *p.client;
    if (client.arrival != model::Arrival::poisson) return "the client's arrivals are not Poisson";
    if (client.timeout_ms) return "the client gives up after timeout_ms";
    if (!plain_constant(*p.write) || !plain_constant(*p.read) || !plain_constant(*p.publish))
        return "an edge of the write or the read has a random latency, a timeout, a retry, a "
               "breaker or is optional";
    const Node& s = t.node(p.service);
    const Node& b = t.node(p.broker);
    const Node& w = t.node(p.projector);
    if (s.failure_rate > 0 || s.backlog || s.threading != model::Threading::pool)
        return "the write service " + s.id +
               " fails some writes, bounds its backlog or is an event loop";
    const double lambda = client.rate_per_s;
    if (erlang_c(s.threads, lambda * s.work.mean_ms() / 1000.0) >= negligible_wait)
        return "writes may wait for a thread of " + s.id +
               " (Erlang C at least 1e-6), so its events do not leave as a Poisson stream";
    if (b.capacity || !is_constant(b.ack)) return "the broker has a capacity or a random ack";
    if (!is_zero(p.deliver->latency) || !is_zero(p.apply->latency))
        return "the delivery to the projector or its apply takes time: its service time is "
               "then not exponential";
    if (w.work.kind != Distribution::Kind::exponential || !(w.work.a > 0))
        return "the projector's work_ms is not exponential";
    if (w.failure_rate > 0 || w.poison_rate > 0 || w.autoscale ||
        (b.kind == NodeKind::queue && w.concurrency != 1))
        return "the projector fails, autoscales or works on more than one event at a time";
    if (b.kind == NodeKind::queue && b.visibility_timeout_ms < visibility_in_means * w.work.a)
        return "the queue's visibility timeout is short enough to redeliver events";
    if (lambda * w.work.a / 1000.0 >= 1.0) return "the projector is overloaded: its lag grows";
    return "";
}

/// Whether a scheduled fault touches the path: the prediction is then the steady state
/// outside the faults (while one is in force, and until its effect drains, the run
/// departs from it).
bool path_faulted(const Topology& t, std::size_t c, const Path& p) {
    for (std::size_t i : {c, p.service, p.broker, p.projector, t.at(p.read->to)})
        if (t.is_faulted(i)) return true;
    return false;
}

/// E[exp(-theta (c + D))] for the read delay D, or nullopt (no closed form).
std::optional<double> miss_probability(double theta, double c_ms, const Distribution& d) {
    const double base = std::exp(-theta * c_ms);
    switch (d.kind) {
        case Distribution::Kind::constant: return base * std::exp(-theta * d.a);
        case Distribution::Kind::exponential: return base / (1.0 + theta * d.a);
        case Distribution::Kind::uniform:
            if (d.b <= d.a) return base * std::exp(-theta * d.a);
            return base * (std::exp(-theta * d.a) - std::exp(-theta * d.b)) / (theta * (d.b - d.a));
        case Distribution::Kind::lognormal: return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace

boost::json::object read_your_writes(const Topology& t, std::size_t c) {
    boost::json::object o;
    Path p;
    std::string why = trace_path(t, c, p);
    if (why.empty()) why = check_legs(t, p);
    const Node& client = t.node(c);
    // theta: the rate of the M/M/1 sojourn's exponential law, per ms.
    const double mean_work = why.empty() ? t.node(p.projector).work.a : 0.0;
    const double theta = why.empty() ? 1.0 / mean_work - client.rate_per_s / 1000.0 : 0.0;
    std::optional<double> miss;
    double head_start_ms = 0;
    if (why.empty()) {
        // From the event's commit, the client learns of the write after the publish's ack
        // trip and the answer's trip; its read then needs the delay and one more trip.
        head_start_ms =
            p.publish->latency.a + t.node(p.broker).ack.a + p.write->latency.a + p.read->latency.a;
        miss = miss_probability(theta, head_start_ms, client.read_delay);
        if (!miss) why = "the read delay is lognormal: no closed form";
    }
    if (!why.empty()) {
        o["unavailable"] = why;
        return o;
    }
    auto r = round_significant_6;
    o["model"] = "M/M/1 projector";
    o["lambda_per_s"] = r(client.rate_per_s);
    o["utilization"] = r(client.rate_per_s * mean_work / 1000.0);
    o["staleness_mean_ms"] = r(1.0 / theta);
    o["staleness_p99_ms"] = r(std::log(100.0) / theta);
    o["head_start_ms"] = r(head_start_ms);
    o["miss_probability"] = r(*miss);
    if (path_faulted(t, c, p)) o["outside_faults"] = true;
    return o;
}

}  // namespace flowlab::theory
