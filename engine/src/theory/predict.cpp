#include "flowlab/theory/predict.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "flowlab/theory/quantile_bound.hpp"
#include "flowlab/theory/queueing.hpp"
#include "theory/client_bound.hpp"
#include "theory/poisson_feed.hpp"
#include "theory/proxy_stations.hpp"
#include "theory/queue_station.hpp"
#include "theory/read_your_writes.hpp"
#include "theory/topology.hpp"

namespace flowlab::theory {

using model::Distribution;
using model::Edge;
using model::EdgeMode;
using model::Node;
using model::NodeKind;

double round_significant_6(double x) {
    if (x == 0.0 || !std::isfinite(x)) return x;
    // glibc's printf rounds the exact binary value correctly, and strtod returns the
    // double nearest the decimal: both are exact algorithms, so every machine agrees.
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.5e", x);
    return std::strtod(buf, nullptr);
}

double round_up_significant_6(double x) {
    double r = round_significant_6(x);
    if (r >= x || !std::isfinite(x) || x <= 0) return r;
    // One unit in the 6th significant digit above: the next 6-digit number past x.
    double unit = std::pow(10.0, std::floor(std::log10(r)) - 5.0);
    return round_significant_6(r + unit);
}

namespace {

/// Offered load of a node, as far as the file determines it.
struct Load {
    bool known = false;
    double rate_per_s = 0.0;
    bool poisson = false;
};

/// What a node contributes to its callers' predictions, for one call to it.
struct Hop {
    std::optional<double> availability;     ///< success probability of the call's subtree
    std::optional<double> p99_work_sum_ms;  ///< P99s of work and network added up, no queueing
};

class Predictor {
public:
    explicit Predictor(const model::Scenario& s)
        : s_(s), t_(s), sync_in_(t_.sync_in), sync_out_(t_.sync_out), async_out_(t_.async_out) {
        loads_.resize(s.nodes.size());
        load_state_.assign(s.nodes.size(), State::unvisited);
        hops_.resize(s.nodes.size());
        hop_state_.assign(s.nodes.size(), State::unvisited);
    }

    boost::json::object run() {
        std::vector<std::size_t> clients;
        for (std::size_t i = 0; i < s_.nodes.size(); ++i)
            if (s_.nodes[i].kind == NodeKind::client) clients.push_back(i);

        boost::json::object availability, work_sum, bound, no_bound;
        for (std::size_t c : clients) {
            Hop h = client_prediction(c);
            const std::string& id = s_.nodes[c].id;
            if (h.availability) availability[id] = round_significant_6(*h.availability);
            if (h.p99_work_sum_ms) work_sum[id] = round_significant_6(*h.p99_work_sum_ms);
            ClientBound b = client_p99_bound(t_, c);
            // Rounded up: the 6-digit figure must stay a bound.
            if (b.p99_ms)
                bound[id] = round_up_significant_6(*b.p99_ms);
            else
                no_bound[id] = b.why_not;
        }

        boost::json::object out;
        auto emit = [&](const char* key, boost::json::object& per_client) {
            if (per_client.empty()) return;
            if (clients.size() == 1)
                out[key] = per_client.begin()->value();
            else
                out[key] = std::move(per_client);
        };
        emit("chain_availability", availability);
        emit("p99_work_sum_ms", work_sum);
        emit("p99_bound_ms", bound);
        emit("p99_bound_unavailable", no_bound);

        boost::json::object stations;
        for (std::size_t i = 0; i < s_.nodes.size(); ++i) {
            if (auto st = station(i)) stations[s_.nodes[i].id] = std::move(*st);
            if (auto st = queue_station(t_, i, [this](std::size_t k) { return publish_rate(k); }))
                stations[s_.nodes[i].id] = std::move(*st);
            if (auto st = cache_station(t_, i)) stations[s_.nodes[i].id] = std::move(*st);
            if (auto st = limiter_station(t_, i)) stations[s_.nodes[i].id] = std::move(*st);
        }
        if (!stations.empty()) out["stations"] = std::move(stations);

        boost::json::object ryw;
        for (std::size_t c : clients)
            if (s_.nodes[c].pattern == model::ClientPattern::write_then_read)
                ryw[s_.nodes[c].id] = read_your_writes(t_, c);
        if (!ryw.empty()) out["read_your_writes"] = std::move(ryw);
        return out;
    }

private:
    enum class State { unvisited, on_stack, done };

    bool faulted(std::size_t i) const { return t_.is_faulted(i); }
    std::size_t at(const std::string& id) const { return t_.at(id); }

    /// The rate at which calls reach node i (see predict.hpp for when it is known).
    /// Depth-first over incoming sync edges; a node met again while on the stack is a
    /// cycle, whose load the file does not determine.
    Load load(std::size_t i) {
        if (load_state_[i] == State::done) return loads_[i];
        if (load_state_[i] == State::on_stack) return {};
        load_state_[i] = State::on_stack;
        Load total{true, 0.0, true};
        const Node& n = s_.nodes[i];
        if (faulted(i) || called_by_proxy(t_, i)) {
            total.known = false;
        } else if (n.kind == NodeKind::client) {
            // A client is the source: its own rate, unless polls (job pattern) add to it.
            total.known = n.pattern == model::ClientPattern::request;
            total.rate_per_s = n.rate_per_s;
            total.poisson = n.arrival == model::Arrival::poisson;
        } else if (!is_server(n.kind)) {
            total.known = false;  // consumers are fed asynchronously
        } else {
            for (const Edge* e : sync_in_[i]) {
                Load caller = e->retry ? Load{} : load(at(e->from));
                total.known = total.known && caller.known;
                total.poisson = total.poisson && caller.poisson;
                total.rate_per_s += caller.rate_per_s;
            }
        }
        load_state_[i] = State::done;
        loads_[i] = total;
        return total;
    }

    /// Node i as an M/M/c station: a service or database with no outgoing edge, no
    /// fault, unbounded backlog, exponential work, and a known Poisson load.
    bool is_mmc(std::size_t i) {
        const Node& n = s_.nodes[i];
        if (!is_server(n.kind) || t_.has_out(i) || faulted(i) || n.backlog) return false;
        if (n.work.kind != Distribution::Kind::exponential || !(n.work.a > 0) ||
            model::server_threads(n) < 1)
            return false;
        Load l = load(i);
        return l.known && l.poisson && l.rate_per_s > 0;
    }

    /// The rate of calls into node k, when its load is a known Poisson rate (offered load:
    /// before upstream failures thin it).
    std::optional<double> publish_rate(std::size_t k) {
        if (faulted(k) || !is_server(s_.nodes[k].kind)) return std::nullopt;
        Load l = load(k);
        if (!l.known || !l.poisson) return std::nullopt;
        return l.rate_per_s;
    }

    /// "poisson" when the calls are exactly a Poisson stream (poisson_feed.hpp);
    /// "poisson_approx" when they pass through other hops, whose queueing smooths the
    /// stream (a saturated upstream pool caps the concurrency below, and the station then
    /// waits less).
    const char* arrivals(std::size_t i) const {
        return poisson_feed(t_, sync_in_[i]).exact ? "poisson" : "poisson_approx";
    }

    std::optional<boost::json::object> station(std::size_t i) {
        const Node& n = s_.nodes[i];
        if (is_mmc(i)) return mmc_station(i);
        if (is_mg1(i)) return mg1_station(i);
        // Loss system (M/G/c/c): Erlang B holds for any work distribution with that mean.
        // (Not an event loop: its one thread queues what it admits, which is no loss system.)
        if (is_server(n.kind) && n.threading == model::Threading::pool && !t_.has_out(i) &&
            !faulted(i) && n.backlog == 0 && model::server_threads(n) >= 1 &&
            n.work.mean_ms() > 0) {
            Load l = load(i);
            if (!l.known || !l.poisson || !(l.rate_per_s > 0)) return std::nullopt;
            auto r = round_significant_6;
            boost::json::object o;
            o["model"] = "M/G/c/c";
            o["erlang_b"] =
                r(erlang_b(model::server_threads(n), l.rate_per_s * n.work.mean_ms() / 1000.0));
            o["lambda_per_s"] = r(l.rate_per_s);
            o["c"] = model::server_threads(n);
            o["arrivals"] = arrivals(i);
            return o;
        }
        return std::nullopt;
    }

    boost::json::object mmc_station(std::size_t i) {
        const Node& n = s_.nodes[i];
        auto r = round_significant_6;
        double lambda = load(i).rate_per_s;
        MmcPrediction p = mmc(lambda, n.work.a, model::server_threads(n));
        boost::json::object o;
        o["model"] = "M/M/c";
        o["lambda_per_s"] = r(lambda);
        o["c"] = model::server_threads(n);
        o["utilization"] = r(p.utilization);
        o["erlang_c"] = r(p.p_wait);
        if (p.stable) {
            o["mean_wait_ms"] = r(p.mean_wait_ms);
            o["mean_response_ms"] = r(p.mean_response_ms);
            o["p99_response_ms"] =
                r(mmc_response_quantile_ms(lambda, n.work.a, model::server_threads(n), 0.99));
            o["mean_in_system"] = r(p.mean_in_system);
        }
        o["stable"] = p.stable;
        o["arrivals"] = arrivals(i);
        return o;
    }

    /// Node i as an M/G/1 station: like M/M/c, but one thread and any other work.
    bool is_mg1(std::size_t i) {
        const Node& n = s_.nodes[i];
        if (!is_server(n.kind) || t_.has_out(i) || faulted(i) || n.backlog ||
            model::server_threads(n) != 1)
            return false;
        if (n.work.kind == Distribution::Kind::exponential || !(n.work.mean_ms() > 0)) return false;
        Load l = load(i);
        return l.known && l.poisson && l.rate_per_s > 0;
    }

    /// Pollaczek-Khinchine: the mean wait needs only the work's first two moments.
    boost::json::object mg1_station(std::size_t i) {
        const Node& n = s_.nodes[i];
        auto r = round_significant_6;
        const double lambda = load(i).rate_per_s;
        const double rho = lambda * n.work.mean_ms() / 1000.0;
        boost::json::object o;
        o["model"] = "M/G/1";
        o["lambda_per_s"] = r(lambda);
        o["c"] = 1;
        o["utilization"] = r(rho);
        const bool stable = rho < 1.0;
        if (stable) {
            const double wait = mg1_mean_wait_ms(lambda, n.work);
            o["mean_wait_ms"] = r(wait);
            o["mean_response_ms"] = r(wait + n.work.mean_ms());
            // The P99 bound assumes the exact Poisson stream; with approximate arrivals
            // it is left out rather than given as a bound it might not be.
            if (poisson_feed(t_, sync_in_[i]).exact) {
                auto p99 = sum_quantile_bound_ms(
                    {TimeTerm::mg1_wait(lambda, n.work), TimeTerm::draw(n.work)}, 0.99);
                if (p99) o["p99_response_bound_ms"] = round_up_significant_6(*p99);
            }
            o["mean_in_system"] = r(littles_law_L(lambda, wait + n.work.mean_ms()));
        }
        o["stable"] = stable;
        o["arrivals"] = arrivals(i);
        return o;
    }

    /// A publish into a broker with a capacity can fail (reject) or block without bound.
    bool publishes_bounded(std::size_t i) const {
        for (const Edge* e : async_out_[i]) {
            if (s_.nodes[at(e->to)].capacity) return true;
        }
        return false;
    }

    /// Node i's own work P99, or nullopt when its queue grows without bound.
    std::optional<double> own_p99_ms(std::size_t i) {
        const Node& n = s_.nodes[i];
        // With an unbounded backlog, offered load at or above the threads queues without
        // bound. (A bounded backlog rejects instead, and rejections are fast.)
        Load l = load(i);
        if (!n.backlog && l.known &&
            l.rate_per_s * n.work.mean_ms() / 1000.0 >= model::server_threads(n))
            return std::nullopt;
        return n.work.quantile_ms(0.99);
    }

    /// One call to node i and everything it calls, memoized: the subtree below a node
    /// does not depend on who calls it, and a shared node is still counted per call.
    Hop hop(std::size_t i) {
        if (hop_state_[i] == State::done) return hops_[i];
        if (hop_state_[i] == State::on_stack) return {};  // a cycle: calls never end
        hop_state_[i] = State::on_stack;

        const Node& n = s_.nodes[i];
        // Behind a cache or rate limiter, hits and 429s decide what comes back.
        const bool plain_calls = !calls_proxy(t_, i);
        bool avail_ok = !faulted(i) && !n.backlog && !publishes_bounded(i) && plain_calls;
        bool sum_ok = !faulted(i) && !publishes_bounded(i) && plain_calls;
        double availability = 1.0 - n.failure_rate;
        double work_sum = 0.0;
        if (sum_ok) {
            auto own = own_p99_ms(i);
            sum_ok = own.has_value();
            if (own) work_sum = *own;
        }
        calls(sync_out_[i], avail_ok, availability, sum_ok, work_sum);
        for (const Edge* e : async_out_[i])
            work_sum += 2.0 * e->latency.quantile_ms(0.99) + t_.node(e->to).ack.quantile_ms(0.99);

        Hop h;
        if (avail_ok) h.availability = availability;
        if (sum_ok) h.p99_work_sum_ms = work_sum;
        hop_state_[i] = State::done;
        hops_[i] = h;
        return h;
    }

    /// Folds the sync calls `edges` into a caller's availability product and P99 sum.
    void calls(const std::vector<const Edge*>& edges, bool& avail_ok, double& availability,
               bool& sum_ok, double& work_sum) {
        for (const Edge* e : edges) {
            Hop callee = hop(at(e->to));
            // Retries, breakers, fallbacks and optional calls all change which failures
            // reach the caller, so the plain product no longer describes the request.
            bool plain =
                !e->retry && !e->breaker && e->fallback == model::Fallback::fail && !e->optional;
            avail_ok = avail_ok && plain && callee.availability.has_value();
            if (avail_ok) availability *= *callee.availability;
            // Retries repeat the call after a backoff, which one call's P99 leaves out.
            sum_ok = sum_ok && !e->retry && callee.p99_work_sum_ms.has_value();
            if (sum_ok) work_sum += 2.0 * e->latency.quantile_ms(0.99) + *callee.p99_work_sum_ms;
        }
    }

    Hop client_prediction(std::size_t c) {
        const Node& n = s_.nodes[c];
        if (n.pattern != model::ClientPattern::request || sync_out_[c].empty()) return {};
        if (calls_proxy(t_, c)) return {};  // hits and 429s decide what comes back
        bool avail_ok = true, sum_ok = !faulted(c);
        double availability = 1.0, work_sum = 0.0;
        calls(sync_out_[c], avail_ok, availability, sum_ok, work_sum);
        Hop h;
        if (avail_ok) h.availability = availability;
        if (sum_ok) h.p99_work_sum_ms = work_sum;
        return h;
    }

    const model::Scenario& s_;
    Topology t_;
    const std::vector<std::vector<const Edge*>>&sync_in_, &sync_out_, &async_out_;
    std::vector<Load> loads_;
    std::vector<State> load_state_;
    std::vector<Hop> hops_;
    std::vector<State> hop_state_;
};

}  // namespace

boost::json::object predict(const model::Scenario& s) { return Predictor(s).run(); }

}  // namespace flowlab::theory
