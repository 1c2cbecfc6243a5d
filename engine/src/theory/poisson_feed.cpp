#include "theory/poisson_feed.hpp"

namespace flowlab::theory {

using model::Edge;
using model::EdgeMode;
using model::Node;
using model::NodeKind;

bool publishes_freely(const Topology& t, std::size_t broker) {
    return !t.node(broker).capacity && !t.is_faulted(broker);
}

namespace {

/// Why the calls over `e` are not part of a Poisson stream, or "" when they are.
std::string why_not_poisson(const Topology& t, const Edge& e) {
    const std::size_t from = t.at(e.from);
    const Node& caller = t.node(from);
    const std::string link = e.from + "->" + e.to;
    if (caller.kind != NodeKind::client)
        return e.from + " calls " + e.to + " after its own queueing and work, so the calls " +
               "do not form a Poisson stream";
    if (caller.pattern == model::ClientPattern::job)
        return e.from + " follows the job pattern: its polls add calls";
    if (caller.pattern == model::ClientPattern::write_then_read)
        return e.from + " writes, then reads: only writes answered well are followed by a read";
    if (caller.arrival != model::Arrival::poisson)
        return e.from + "'s requests arrive evenly spaced, not as a Poisson process";
    if (t.is_faulted(from)) return "a fault on " + e.from + " changes its rate during the run";
    if (e.retry) return "retries on " + link + " add calls";
    if (e.breaker) return "the breaker on " + link + " passes calls depending on past answers";
    for (const Edge* before : t.out[from]) {
        if (before == &e) break;
        if (before->mode != EdgeMode::async || !publishes_freely(t, t.at(before->to)))
            return e.from + " reaches " + e.to + " only after its call to " + before->to +
                   " answers, whose waits delay requests unevenly";
    }
    return "";
}

}  // namespace

PoissonFeed poisson_feed(const Topology& t, const std::vector<const Edge*>& edges) {
    PoissonFeed feed;
    if (edges.empty()) {
        feed.why_not = "nothing calls it";
        return feed;
    }
    for (const Edge* e : edges) {
        std::string why = why_not_poisson(t, *e);
        if (!why.empty()) {
            feed.why_not = std::move(why);
            feed.rate_per_s = 0.0;
            return feed;
        }
        feed.rate_per_s += t.node(e->from).rate_per_s;
    }
    feed.exact = true;
    return feed;
}

}  // namespace flowlab::theory
