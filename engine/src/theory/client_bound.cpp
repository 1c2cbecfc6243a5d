#include "theory/client_bound.hpp"

#include <cstdio>
#include <vector>

#include "flowlab/theory/quantile_bound.hpp"
#include "theory/poisson_feed.hpp"
#include "theory/proxy_stations.hpp"

namespace flowlab::theory {

using model::Distribution;
using model::Edge;
using model::EdgeMode;
using model::Node;

namespace {

std::string erlangs(double a) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g", a);
    return buf;
}

/// The wait before a thread at server `x` fed by a Poisson stream of `lambda` calls per
/// second: nothing added (no waiting room, or no work), a term, or why none is proven.
struct WaitTerm {
    std::optional<TimeTerm> term;
    std::string why_not;
};

WaitTerm wait_term(const Node& x, double lambda) {
    const double mean = x.work.mean_ms();
    const int c = model::server_threads(x);
    // Without a backlog a call never waits for a thread; an event loop's admitted calls
    // still wait for its one thread.
    if ((x.backlog == 0 && x.threading == model::Threading::pool) || mean <= 0) return {};
    const double load = lambda * mean / 1000.0;
    if (load >= c)
        return {std::nullopt, x.id + " is overloaded: " + erlangs(load) + " Erlangs of work on " +
                                  std::to_string(c) + " threads"};
    // A bounded backlog only turns calls away: the calls it keeps wait no longer than
    // they would behind an unbounded one (a dropped call adds no work).
    if (x.work.kind == Distribution::Kind::exponential)
        return {TimeTerm::mmc_wait(lambda, mean, c), ""};
    // With c threads, every call starts no later than it would with one (FCFS, same
    // arrivals and work), so one thread's M/G/1 wait bounds the wait when it is stable.
    if (c == 1 || load < 1.0) return {TimeTerm::mg1_wait(lambda, x.work), ""};
    return {std::nullopt, x.id + " has " + std::to_string(c) +
                              " threads and non-exponential work at " + erlangs(load) +
                              " Erlangs: M/G/c waits have no closed form, and the one-thread "
                              "bound needs a load under 1 Erlang"};
}

void add_round_trip(std::vector<TimeTerm>& terms, const Edge& e) {
    terms.push_back(TimeTerm::draw(e.latency));  // the request
    terms.push_back(TimeTerm::draw(e.latency));  // the answer
}

/// The call's terms (network both ways, wait, work), or why the call has no bound.
std::string call_terms(const Topology& t, const Edge& e, std::vector<TimeTerm>& terms) {
    const std::size_t to = t.at(e.to);
    const Node& x = t.node(to);
    if (t.is_faulted(to)) return "a fault on " + e.to + " changes its work during the run";
    if (!t.sync_out[to].empty() || calls_proxy(t, to))
        return e.to + " calls other nodes: its threads are held while they answer, and those " +
               "times are not independent from call to call, so no bound is proven";
    if (t.has_out(to))
        return e.to + " holds its threads while it publishes as well: the bound covers only a " +
               "service or database that calls nothing";
    PoissonFeed feed = poisson_feed(t, t.sync_in[to]);
    if (!feed.exact) return "calls to " + e.to + " are not a Poisson stream: " + feed.why_not;
    WaitTerm wait = wait_term(x, feed.rate_per_s);
    if (!wait.why_not.empty()) return wait.why_not;
    add_round_trip(terms, e);
    if (wait.term) terms.push_back(*wait.term);
    terms.push_back(TimeTerm::draw(x.work));
    return "";
}

}  // namespace

ClientBound client_p99_bound(const Topology& t, std::size_t client) {
    const Node& c = t.node(client);
    if (c.pattern == model::ClientPattern::job)
        return {std::nullopt, c.id + " follows the job pattern: its polls are separate requests"};
    if (c.pattern == model::ClientPattern::write_then_read)
        return {std::nullopt,
                c.id + " writes, then reads: its latency is the write's, its reads are apart"};
    if (t.is_faulted(client)) return {std::nullopt, "a fault on " + c.id + " changes its rate"};
    if (c.arrival != model::Arrival::poisson)
        return {std::nullopt, c.id +
                                  "'s requests arrive evenly spaced: only Poisson arrivals "
                                  "have a proven bound here"};
    std::vector<TimeTerm> terms;
    bool called = false;
    for (const Edge* e : t.out[client]) {
        const std::size_t to = t.at(e->to);
        if (e->mode == EdgeMode::async) {
            if (!publishes_freely(t, to))
                return {std::nullopt, c.id + " publishes into " + e->to +
                                          ", which has a capacity or a fault: it can block"};
            add_round_trip(terms, *e);
            terms.push_back(TimeTerm::draw(t.node(to).ack));
            continue;
        }
        if (e->mode == EdgeMode::sync && is_proxy(t.node(to).kind))
            return {std::nullopt, c.id + " calls " + e->to +
                                      (t.node(to).kind == model::NodeKind::cache
                                           ? ", a cache: hits and misses shape its latency"
                                           : ", a rate limiter: its 429s shape the latency") +
                                      ", which no bound here covers"};
        if (e->mode == EdgeMode::sync && t.node(to).kind == model::NodeKind::orchestrator)
            return {std::nullopt, c.id + " calls " + e->to +
                                      ", an orchestrator: the calls a saga makes depend on "
                                      "which step fails, so no bound is proven"};
        if (e->mode != EdgeMode::sync || !is_server(t.node(to).kind)) continue;
        if (called)
            return {std::nullopt, c.id + " calls " + e->to +
                                      " after another call answers: those calls are not a "
                                      "Poisson stream, so no bound is proven"};
        called = true;
        std::string why = call_terms(t, *e, terms);
        if (!why.empty()) return {std::nullopt, why};
    }
    if (terms.empty()) return {std::nullopt, c.id + " calls nothing"};
    std::optional<double> bound = sum_quantile_bound_ms(terms, 0.99);
    if (!bound) return {std::nullopt, "the latency of " + c.id + " has no finite P99"};
    return {bound, ""};
}

}  // namespace flowlab::theory
