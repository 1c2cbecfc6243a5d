#include "theory/queue_station.hpp"

#include "flowlab/theory/predict.hpp"
#include "flowlab/theory/queueing.hpp"
#include "theory/poisson_feed.hpp"

namespace flowlab::theory {

using model::Distribution;
using model::Edge;
using model::EdgeMode;
using model::Node;
using model::NodeKind;

namespace {

/// The servers behind queue q: the summed concurrency of its consumers when they all
/// are plain exponential workers of one mean; 0 otherwise.
int servers(const Topology& t, std::size_t q, double& mean_ms) {
    int c = 0;
    mean_ms = 0.0;
    for (const Edge* e : t.out[q]) {
        if (e->mode != EdgeMode::deliver) continue;
        const std::size_t k = t.at(e->to);
        const Node& n = t.node(k);
        // The worker is held for the delivery's latency too: only 0 keeps work exponential.
        const bool instant = e->latency.kind == Distribution::Kind::constant && e->latency.a == 0;
        const bool plain = n.kind == NodeKind::consumer && !t.is_faulted(k) && !t.has_out(k) &&
                           n.work.kind == Distribution::Kind::exponential && n.work.a > 0 &&
                           n.failure_rate == 0 && n.poison_rate == 0 && !n.autoscale && instant;
        if (!plain || (mean_ms > 0 && n.work.a != mean_ms)) return 0;
        mean_ms = n.work.a;
        c += n.concurrency;
    }
    return c;
}

}  // namespace

std::optional<boost::json::object> queue_station(const Topology& t, std::size_t q,
                                                 const PoissonRate& rate_of) {
    const Node& n = t.node(q);
    // Unordered: a worker takes any of the oldest messages, which leaves the number
    // waiting (and so the mean wait) as under FCFS; FIFO by key can idle free workers.
    if (n.kind != NodeKind::queue || n.capacity || t.is_faulted(q) ||
        n.delivery != model::Delivery::unordered)
        return std::nullopt;
    double mean_ms = 0.0;
    const int c = servers(t, q, mean_ms);
    if (c < 1 || n.visibility_timeout_ms < visibility_in_means * mean_ms) return std::nullopt;
    // Publishes come from services (a client cannot publish), after the publisher's own
    // wait and work: the stream is Poisson when those delays are independent draws, which
    // holds while the publisher does not wait for a thread, and only approximately else.
    PoissonFeed feed = poisson_feed(t, t.async_in[q]);
    if (!feed.exact) {
        feed.rate_per_s = 0.0;
        for (const Edge* e : t.async_in[q]) {
            const std::size_t from = t.at(e->from);
            // A sync call before the publish can fail and skip it, depending on its
            // callee's state; the publisher's own failures thin the stream at random.
            for (const Edge* before : t.out[from]) {
                if (before == e) break;
                if (before->mode != EdgeMode::async) return std::nullopt;
            }
            std::optional<double> rate = rate_of(from);
            if (!rate) return std::nullopt;
            feed.rate_per_s += *rate * (1.0 - t.node(from).failure_rate);
        }
    }
    if (!(feed.rate_per_s > 0)) return std::nullopt;

    auto r = round_significant_6;
    MmcPrediction p = mmc(feed.rate_per_s, mean_ms, c);
    boost::json::object o;
    o["model"] = "M/M/c";
    o["kind"] = "queue";  // the station is the queue and its consumers, not a service
    o["lambda_per_s"] = r(feed.rate_per_s);
    o["c"] = c;
    o["utilization"] = r(p.utilization);
    o["erlang_c"] = r(p.p_wait);
    if (p.stable) {
        o["mean_wait_ms"] = r(p.mean_wait_ms);
        o["mean_in_queue"] = r(p.mean_in_queue);
        o["mean_response_ms"] = r(p.mean_response_ms);
        o["mean_in_system"] = r(p.mean_in_system);
    }
    o["stable"] = p.stable;
    o["arrivals"] = feed.exact ? "poisson" : "poisson_approx";
    return o;
}

}  // namespace flowlab::theory
