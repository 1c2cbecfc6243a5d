#include "flowlab/theory/predict.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "flowlab/theory/queueing.hpp"

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

namespace {

bool is_caller(NodeKind k) {
    return k == NodeKind::client || k == NodeKind::service || k == NodeKind::consumer;
}
bool is_server(NodeKind k) { return k == NodeKind::service || k == NodeKind::database; }

/// Offered load of a node, as far as the file determines it.
struct Load {
    bool known = false;
    double rate_per_s = 0.0;
    bool poisson = false;
    bool direct = false;  ///< every call comes straight from a client: no hop in between
};

/// What a node contributes to its callers' predictions, for one call to it.
struct Hop {
    std::optional<double> availability;  ///< success probability of the call's subtree
    std::optional<double> p99_bound_ms;  ///< sum-of-P99s bound of the call's subtree
};

class Predictor {
public:
    explicit Predictor(const model::Scenario& s) : s_(s) {
        for (std::size_t i = 0; i < s.nodes.size(); ++i) index_[s.nodes[i].id] = i;
        sync_in_.resize(s.nodes.size());
        sync_out_.resize(s.nodes.size());
        async_out_.resize(s.nodes.size());
        any_out_.assign(s.nodes.size(), false);
        for (const Edge& e : s.edges) {
            auto from = index_.find(e.from), to = index_.find(e.to);
            if (from == index_.end() || to == index_.end()) continue;  // invalid file: ignore
            any_out_[from->second] = true;
            const Node& caller = s.nodes[from->second];
            const Node& callee = s.nodes[to->second];
            if (e.mode == EdgeMode::sync && is_caller(caller.kind) && is_server(callee.kind)) {
                sync_out_[from->second].push_back(&e);
                sync_in_[to->second].push_back(&e);
            } else if (e.mode == EdgeMode::async) {
                async_out_[from->second].push_back(&e);
            }
        }
        for (const auto& f : s.faults) faulted_.insert(f.target);
        loads_.resize(s.nodes.size());
        load_state_.assign(s.nodes.size(), State::unvisited);
        hops_.resize(s.nodes.size());
        hop_state_.assign(s.nodes.size(), State::unvisited);
    }

    boost::json::object run() {
        std::vector<std::size_t> clients;
        for (std::size_t i = 0; i < s_.nodes.size(); ++i)
            if (s_.nodes[i].kind == NodeKind::client) clients.push_back(i);

        boost::json::object availability, bound;
        for (std::size_t c : clients) {
            Hop h = client_prediction(c);
            const std::string& id = s_.nodes[c].id;
            if (h.availability) availability[id] = round_significant_6(*h.availability);
            if (h.p99_bound_ms) bound[id] = round_significant_6(*h.p99_bound_ms);
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
        emit("p99_sum_bound_ms", bound);

        boost::json::object stations;
        for (std::size_t i = 0; i < s_.nodes.size(); ++i)
            if (auto st = station(i)) stations[s_.nodes[i].id] = std::move(*st);
        if (!stations.empty()) out["stations"] = std::move(stations);
        return out;
    }

private:
    enum class State { unvisited, on_stack, done };

    bool faulted(std::size_t i) const { return faulted_.count(s_.nodes[i].id) != 0; }
    std::size_t at(const std::string& id) const { return index_.at(id); }

    /// The rate at which calls reach node i (see predict.hpp for when it is known).
    /// Depth-first over incoming sync edges; a node met again while on the stack is a
    /// cycle, whose load the file does not determine.
    Load load(std::size_t i) {
        if (load_state_[i] == State::done) return loads_[i];
        if (load_state_[i] == State::on_stack) return {};
        load_state_[i] = State::on_stack;
        Load total{true, 0.0, true, true};
        const Node& n = s_.nodes[i];
        if (faulted(i)) {
            total.known = false;
        } else if (n.kind == NodeKind::client) {
            // A client is the source: its own rate, unless polls (job pattern) add to it.
            total.known = n.pattern == model::ClientPattern::request;
            total.rate_per_s = n.rate_per_s;
            total.poisson = n.arrival == model::Arrival::poisson;
        } else if (n.kind != NodeKind::service && n.kind != NodeKind::database) {
            total.known = false;  // consumers are fed asynchronously
        } else {
            for (const Edge* e : sync_in_[i]) {
                Load caller = e->retry ? Load{} : load(at(e->from));
                total.known = total.known && caller.known;
                total.poisson = total.poisson && caller.poisson;
                total.rate_per_s += caller.rate_per_s;
                total.direct = total.direct && s_.find_node(e->from)->kind == NodeKind::client;
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
        if (!is_server(n.kind) || any_out_[i] || faulted(i) || n.backlog) return false;
        if (n.work.kind != Distribution::Kind::exponential || !(n.work.a > 0) || n.threads < 1)
            return false;
        Load l = load(i);
        return l.known && l.poisson && l.rate_per_s > 0;
    }

    /// "poisson" when the clients call the station directly (exact); "poisson_approx" when
    /// calls pass through other hops, whose queueing smooths the stream (a saturated
    /// upstream pool caps the concurrency below, and the station then waits less).
    static const char* arrivals(const Load& l) { return l.direct ? "poisson" : "poisson_approx"; }

    std::optional<boost::json::object> station(std::size_t i) {
        const Node& n = s_.nodes[i];
        auto r = round_significant_6;
        if (is_mmc(i)) {
            double lambda = load(i).rate_per_s;
            MmcPrediction p = mmc(lambda, n.work.a, n.threads);
            boost::json::object o;
            o["lambda_per_s"] = r(lambda);
            o["c"] = n.threads;
            o["utilization"] = r(p.utilization);
            o["erlang_c"] = r(p.p_wait);
            if (p.stable) {
                o["mean_wait_ms"] = r(p.mean_wait_ms);
                o["mean_response_ms"] = r(p.mean_response_ms);
                o["p99_response_ms"] =
                    r(mmc_response_quantile_ms(lambda, n.work.a, n.threads, 0.99));
                o["mean_in_system"] = r(p.mean_in_system);
            }
            o["stable"] = p.stable;
            o["arrivals"] = arrivals(load(i));
            return o;
        }
        // Loss system (M/G/c/c): Erlang B holds for any work distribution with that mean.
        if (is_server(n.kind) && !any_out_[i] && !faulted(i) && n.backlog == 0 && n.threads >= 1 &&
            n.work.mean_ms() > 0) {
            Load l = load(i);
            if (!l.known || !l.poisson || !(l.rate_per_s > 0)) return std::nullopt;
            boost::json::object o;
            o["erlang_b"] = r(erlang_b(n.threads, l.rate_per_s * n.work.mean_ms() / 1000.0));
            o["lambda_per_s"] = r(l.rate_per_s);
            o["c"] = n.threads;
            o["arrivals"] = arrivals(l);
            return o;
        }
        return std::nullopt;
    }

    /// A publish into a broker with a capacity can fail (reject) or block without bound.
    bool publishes_bounded(std::size_t i) const {
        for (const Edge* e : async_out_[i]) {
            auto to = index_.find(e->to);
            if (to != index_.end() && s_.nodes[to->second].capacity) return true;
        }
        return false;
    }

    /// Node i's own P99 (no downstream calls), or nullopt when it has no finite one.
    std::optional<double> own_p99_ms(std::size_t i) {
        const Node& n = s_.nodes[i];
        if (is_mmc(i)) {
            double q = mmc_response_quantile_ms(load(i).rate_per_s, n.work.a, n.threads, 0.99);
            return std::isfinite(q) ? std::optional<double>(q) : std::nullopt;
        }
        // With an unbounded backlog, offered load at or above the threads queues without
        // bound. (A bounded backlog rejects instead, and rejections are fast.)
        Load l = load(i);
        if (!n.backlog && l.known && l.rate_per_s * n.work.mean_ms() / 1000.0 >= n.threads)
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
        bool avail_ok = !faulted(i) && !n.backlog && !publishes_bounded(i);
        bool bound_ok = !faulted(i) && !publishes_bounded(i);
        double availability = 1.0 - n.failure_rate;
        double bound = 0.0;
        if (bound_ok) {
            auto own = own_p99_ms(i);
            bound_ok = own.has_value();
            if (own) bound = *own;
        }
        calls(sync_out_[i], avail_ok, availability, bound_ok, bound);
        for (const Edge* e : async_out_[i]) {
            auto to = index_.find(e->to);
            bound +=
                2.0 * e->latency.quantile_ms(0.99) + s_.nodes[to->second].ack.quantile_ms(0.99);
        }

        Hop h;
        if (avail_ok) h.availability = availability;
        if (bound_ok) h.p99_bound_ms = bound;
        hop_state_[i] = State::done;
        hops_[i] = h;
        return h;
    }

    /// Folds the sync calls `edges` into a caller's availability product and P99 sum.
    void calls(const std::vector<const Edge*>& edges, bool& avail_ok, double& availability,
               bool& bound_ok, double& bound) {
        for (const Edge* e : edges) {
            Hop callee = hop(at(e->to));
            // Retries, breakers, fallbacks and optional calls all change which failures
            // reach the caller, so the plain product no longer describes the request.
            bool plain =
                !e->retry && !e->breaker && e->fallback == model::Fallback::fail && !e->optional;
            avail_ok = avail_ok && plain && callee.availability.has_value();
            if (avail_ok) availability *= *callee.availability;
            // Retries repeat the call after a backoff: a sum of single-call P99s is no bound.
            bound_ok = bound_ok && !e->retry && callee.p99_bound_ms.has_value();
            if (bound_ok) bound += 2.0 * e->latency.quantile_ms(0.99) + *callee.p99_bound_ms;
        }
    }

    Hop client_prediction(std::size_t c) {
        const Node& n = s_.nodes[c];
        if (n.pattern != model::ClientPattern::request || sync_out_[c].empty()) return {};
        bool avail_ok = true, bound_ok = !faulted(c);
        double availability = 1.0, bound = 0.0;
        calls(sync_out_[c], avail_ok, availability, bound_ok, bound);
        Hop h;
        if (avail_ok) h.availability = availability;
        if (bound_ok) h.p99_bound_ms = bound;
        return h;
    }

    const model::Scenario& s_;
    std::map<std::string, std::size_t> index_;
    std::vector<std::vector<const Edge*>> sync_in_, sync_out_, async_out_;
    std::vector<bool> any_out_;
    std::set<std::string> faulted_;
    std::vector<Load> loads_;
    std::vector<State> load_state_;
    std::vector<Hop> hops_;
    std::vector<State> hop_state_;
};

}  // namespace

boost::json::object predict(const model::Scenario& s) { return Predictor(s).run(); }

}  // namespace flowlab::theory
