#pragma once
// Random topologies for the conservation property (tests/engine/conservation_test.cpp, at a
// size CI affords) and its larger run (tests/bench/engine_conservation_bench.cpp), with the
// invariants every run must keep.
//
// The generator is seeded, so a failing topology is reproduced by its number. It
// builds clients -> front services -> queues/topics -> consumers, where consumers may
// call leaf services or a database and publish further down (brokers are ordered, so
// messages never loop), with dead-letter edges, random limits and random faults.

#include <boost/json/object.hpp>
#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "scenario_builder.hpp"

namespace flowlab::testing {

using model::Distribution;
using model::FaultKind;
using model::NodeKind;

struct Gen {
    boost::random::mt19937 rng;
    explicit Gen(std::uint32_t seed) : rng(seed) {}
    int integer(int lo, int hi) {
        return boost::random::uniform_int_distribution<int>(lo, hi)(rng);
    }
    double real(double lo, double hi) {
        return boost::random::uniform_real_distribution<double>(lo, hi)(rng);
    }
    bool chance(double p) { return boost::random::bernoulli_distribution<double>(p)(rng); }
    template <class T>
    const T& pick(const std::vector<T>& v) {
        return v[static_cast<std::size_t>(integer(0, static_cast<int>(v.size()) - 1))];
    }
    Distribution work(double max_mean_ms) {
        const double m = real(0, max_mean_ms);
        switch (integer(0, 3)) {
            case 0: return Distribution::constant(m);
            case 1: return Distribution::exponential(std::max(0.01, m));
            case 2: return Distribution::uniform(0, 2 * m);
            default: return Distribution::lognormal(std::max(0.01, m / 2), std::max(0.02, m * 3));
        }
    }
};

struct Topology {
    model::Scenario s;
    bool redrive = false;  // redrive every DLQ halfway through the run
};

inline Topology random_topology(std::uint32_t seed) {
    Gen g(seed);
    ScenarioBuilder b;
    b.s.name = "random " + std::to_string(seed);
    b.s.seed = seed;
    b.s.trace.sample = g.chance(0.3) ? 0.2 : 0.0;
    b.s.trace.propagate = g.chance(0.5);

    std::vector<std::string> fronts, leaves, brokers, topics, consumers, servers;
    const int n_front = g.integer(1, 2);
    for (int i = 0; i < n_front; ++i) {
        auto& n = b.service("front" + std::to_string(i), g.integer(2, 16), g.work(5));
        if (g.chance(0.3)) n.backlog = g.integer(0, 20);
        if (g.chance(0.3)) n.failure_rate = g.real(0, 0.1);
        if (g.chance(0.3)) n.calls = model::CallOrder::parallel;
        fronts.push_back(n.id);
    }
    if (g.chance(0.6)) {
        auto& n = b.service("leaf", g.integer(2, 8), g.work(5));
        if (g.chance(0.3)) n.failure_rate = g.real(0, 0.2);
        leaves.push_back(n.id);
    }
    if (g.chance(0.5)) leaves.push_back(b.database("db", g.integer(2, 8), g.work(3)).id);
    servers = fronts;
    servers.insert(servers.end(), leaves.begin(), leaves.end());

    const int n_brokers = g.integer(1, 3);
    for (int i = 0; i < n_brokers; ++i) {
        const std::string id = "b" + std::to_string(i);
        if (g.chance(0.5)) {
            auto& q = b.queue(id);
            if (g.chance(0.4)) q.capacity = g.integer(3, 100);
            q.visibility_timeout_ms = g.chance(0.5) ? g.real(10, 200) : 30000;
            if (g.chance(0.4)) q.max_receives = g.integer(1, 5);
            if (g.chance(0.4)) q.delivery = model::Delivery::fifo;
            if (g.chance(0.3)) q.ack = g.work(3);
        } else {
            auto& t = b.topic(id, g.integer(1, 4));
            if (g.chance(0.4)) t.capacity = g.integer(2, 50);
            if (g.chance(0.5)) t.on_full = model::OnFull::reject;
            topics.push_back(id);
        }
        brokers.push_back(id);
    }

    const int n_clients = g.integer(1, 2);
    for (int i = 0; i < n_clients; ++i) {
        auto& c = b.client("web" + std::to_string(i), g.real(20, 300));
        if (g.chance(0.3)) c.arrival = model::Arrival::uniform;
        if (g.chance(0.3)) c.timeout_ms = g.real(20, 500);
        if (g.chance(0.25)) {
            c.pattern = model::ClientPattern::job;
            c.poll_interval_ms = g.real(20, 200);
        }
        b.edge(c.id, g.pick(fronts));
    }

    auto maybe_sync_policies = [&](model::Edge& e) {
        if (g.chance(0.3)) e.timeout_ms = g.real(10, 300);
        if (g.chance(0.2))
            e.retry = model::EdgeRetry{g.integer(0, 3), g.real(0, 20), 2, g.chance(0.5)};
        if (g.chance(0.1)) e.breaker = model::Breaker{g.integer(2, 10), 0.5, g.real(10, 200), 1};
        if (g.chance(0.1)) e.optional = true;
        if (g.chance(0.1)) e.latency = g.work(2);
    };
    auto publish = [&](const std::string& from, const std::string& to) {
        const bool topic = b.s.find_node(to)->kind == NodeKind::topic;
        auto& e = b.publish(from, to, topic ? g.integer(1, 8) : 1);
        if (g.chance(0.1)) e.latency = g.work(2);
    };
    // Front services publish (the first one always, so messages flow), and may call
    // the next front service or a leaf.
    for (std::size_t i = 0; i < fronts.size(); ++i) {
        for (std::size_t k = 0; k < brokers.size(); ++k)
            if ((i == 0 && k == 0) || g.chance(0.4)) publish(fronts[i], brokers[k]);
        if (i + 1 < fronts.size() && g.chance(0.3))
            maybe_sync_policies(b.edge(fronts[i], fronts[i + 1]));
        for (const auto& leaf : leaves)
            if (g.chance(0.3)) maybe_sync_policies(b.edge(fronts[i], leaf));
    }
    if (leaves.size() == 2 && g.chance(0.5)) maybe_sync_policies(b.edge("leaf", "db"));

    std::vector<std::string> dead_letter_sources;
    for (std::size_t k = 0; k < brokers.size(); ++k) {
        const int n = g.integer(1, 2);
        for (int j = 0; j < n; ++j) {
            auto& c = b.consumer(brokers[k] + "c" + std::to_string(j), g.integer(1, 4), g.work(20));
            if (g.chance(0.3)) c.failure_rate = g.real(0, 0.3);
            if (g.chance(0.5))
                c.retry = model::ConsumerRetry{g.integer(1, 4), g.real(0, 30), g.real(1, 2),
                                               g.chance(0.5)};
            c.idempotent = g.chance(0.4);
            if (g.chance(0.2))
                c.autoscale = model::Autoscale{c.concurrency + g.integer(0, 6), g.real(2, 30)};
            const std::string id = c.id;
            b.deliver(brokers[k], id);
            for (const auto& leaf : leaves)
                if (g.chance(0.25)) maybe_sync_policies(b.edge(id, leaf));
            for (std::size_t m = k + 1; m < brokers.size(); ++m)
                if (g.chance(0.3)) publish(id, brokers[m]);
            if (g.chance(0.4)) dead_letter_sources.push_back(id);
            consumers.push_back(id);
        }
        if (g.chance(0.5) && b.s.find_node(brokers[k])->kind == NodeKind::queue)
            dead_letter_sources.push_back(brokers[k]);
    }
    Topology t;
    if (!dead_letter_sources.empty()) {
        const int n_dlq = g.integer(1, 2);
        for (int i = 0; i < n_dlq; ++i) b.dlq("dlq" + std::to_string(i));
        for (const auto& from : dead_letter_sources)
            b.dead_letter(from, "dlq" + std::to_string(g.integer(0, n_dlq - 1)));
        t.redrive = g.chance(0.3);
    }

    const double duration = g.real(0.5, 3.0);
    b.duration(duration);
    b.s.run.drain_s = 5;
    if (g.chance(0.2)) b.s.run.warmup_s = g.real(0, duration / 2);

    const int n_faults = g.integer(0, 4);
    for (int i = 0; i < n_faults; ++i) {
        const double at = g.real(0, duration);
        const std::optional<double> lasting =
            g.chance(0.1) ? std::nullopt : std::optional<double>(g.real(0.02, 1.0));
        switch (g.integer(0, 5)) {
            case 0: b.fault(FaultKind::crash, g.pick(consumers), at, lasting); break;
            case 1: b.fault(FaultKind::pause, g.pick(consumers), at, lasting); break;
            case 2: b.fault(FaultKind::poison, g.pick(brokers), at).count = g.integer(1, 5); break;
            case 3: {
                const bool consumer = g.chance(0.6);
                b.fault(FaultKind::errors, consumer ? g.pick(consumers) : g.pick(servers), at,
                        lasting)
                    .failure_rate = g.real(0.2, 1.0);
                break;
            }
            case 4: {
                const bool consumer = g.chance(0.6);
                auto& f = b.fault(FaultKind::slow, consumer ? g.pick(consumers) : g.pick(servers),
                                  at, lasting);
                f.factor = g.real(2, 10);
                break;
            }
            default: {
                // A sync node down or hung for a while (hung for at most half a second).
                const bool hang = g.chance(0.5);
                b.fault(hang ? FaultKind::hang : FaultKind::down, g.pick(servers), at,
                        g.real(0.02, 0.5));
                break;
            }
        }
    }
    t.s = b.s;
    return t;
}

inline double sum_over(const boost::json::object& r, NodeKind kind, const char* key) {
    double total = 0;
    for (const auto& [id, v] : r.at("nodes").as_object())
        if (v.at("kind").as_string() == model::to_string(kind))
            total += v.at(key).to_number<double>();
    return total;
}

/// The report of a topology's run to its end (with its DLQs redriven halfway when the
/// topology asks for it); `moved` counts the messages redriven.
struct TopologyRun {
    boost::json::object report;
    bool finished = false;
    bool ended_without_events = false;  ///< no event left, rather than stopped by the drain limit
    std::uint64_t moved = 0;
    double lost_before_redrive = 0;
};

inline TopologyRun run_topology(const Topology& t) {
    TopologyRun out;
    runtime::Simulation sim(t.s);
    if (t.redrive) {
        sim.advance_to(kernel::from_s(*t.s.run.duration_s / 2));
        out.lost_before_redrive = num(sim.report(), {"conservation", "lost"});
        for (const auto& n : t.s.nodes)
            if (n.kind == NodeKind::dlq) out.moved += sim.redrive_dead_letters(n.id);
    }
    sim.run_to_end();
    out.finished = sim.finished();
    out.ended_without_events = sim.next_event_time() == kernel::never;
    out.report = sim.report();
    return out;
}

/// Every invariant a finished run must keep, as the messages of those it breaks ("" none).
/// Counts are exact, so every comparison is exact.
inline std::vector<std::string> invariant_violations(const Topology& t, const TopologyRun& run) {
    std::vector<std::string> out;
    auto expect = [&](bool holds, const std::string& what) {
        if (!holds) out.push_back(what);
    };
    auto eq = [&](double a, double b, const std::string& what) {
        expect(a == b, what + ": " + std::to_string(a) + " != " + std::to_string(b));
    };
    const auto& r = run.report;
    const bool whole_run = t.s.run.warmup_s == 0;  // node counters cover the whole run

    // Messages: every one published is acked, dead-lettered or held somewhere.
    const auto& c = r.at("conservation").as_object();
    const double published = num(c, {"messages_published"}), acked = num(c, {"acked"}),
                 dead = num(c, {"dead_lettered"}), in_flight = num(c, {"in_flight_end"});
    eq(num(c, {"lost"}), 0, "conservation.lost");
    eq(run.lost_before_redrive, 0, "conservation.lost before the redrive");
    eq(published, acked + dead + in_flight, "published = acked + dead_lettered + in_flight_end");
    eq(dead, sum_over(r, NodeKind::dlq, "count"), "dead_lettered = sum of dlq counts");

    double dead_at_brokers = 0;
    for (const auto& [id, v] : r.at("nodes").as_object()) {
        const auto& o = v.as_object();
        const std::string kind(o.at("kind").as_string()), at = std::string(id) + ": ";
        if (kind == "queue") {
            dead_at_brokers += num(o, {"dead_lettered"});
            // A queue's own sum: what it took is acked, dead-lettered or still in it.
            if (whole_run)
                eq(num(o, {"published"}),
                   num(o, {"acked"}) + num(o, {"dead_lettered"}) + num(o, {"depth_end"}),
                   at + "published = acked + dead_lettered + depth_end");
            // After a warm-up, an ack may count for a delivery made before it ended.
            if (whole_run)
                expect(num(o, {"delivered"}) >= num(o, {"acked"}), at + "delivered >= acked");
        } else if (kind == "topic") {
            dead_at_brokers += num(o, {"dead_lettered"});
        } else if (kind == "dlq") {
            // What a DLQ holds arrived for one of two reasons, from one of its sources; a
            // redrive takes messages out again, so then it holds at most that.
            const double reasons =
                num(o, {"reasons", "max_receives"}) + num(o, {"reasons", "retries_exhausted"});
            double from = 0;
            for (const auto& [source, n] : o.at("from").as_object()) from += n.to_number<double>();
            eq(reasons, from, at + "reasons sum = from sum");
            if (whole_run && run.moved == 0)
                eq(num(o, {"count"}), reasons, at + "count = reasons sum");
            expect(num(o, {"count"}) <= reasons || !whole_run, at + "count <= reasons sum");
        } else if (kind == "consumer") {
            eq(num(o, {"processed"}), num(o, {"side_effects"}) + num(o, {"duplicates_suppressed"}),
               at + "processed = side_effects + duplicates_suppressed");
            expect(num(o, {"double_side_effects"}) <= num(o, {"duplicates_delivered"}),
                   at + "double_side_effects <= duplicates_delivered");
            if (t.s.find_node(std::string(id))->idempotent)
                eq(num(o, {"double_side_effects"}), 0, at + "idempotent double_side_effects");
        } else if (kind == "service" || kind == "database") {
            const double answered = num(o, {"ok"}) + num(o, {"degraded"}) + num(o, {"failed"}) +
                                    num(o, {"rejected"}) + num(o, {"refused"});
            expect(answered <= num(o, {"received"}), at + "answered <= received");
        }
    }
    // Brokers count what they dead-lettered (minus what was redriven); the DLQs hold it.
    if (whole_run) eq(dead_at_brokers, dead, "sum of brokers' dead_lettered = dlq counts");

    // Requests: every one is answered (ok, degraded, failed) or in flight, and every
    // failure has exactly one reason.
    for (const auto& [id, v] : r.at("clients").as_object()) {
        const auto& o = v.as_object();
        const std::string at = std::string(id) + ": ";
        eq(num(o, {"requests"}),
           num(o, {"ok"}) + num(o, {"degraded"}) + num(o, {"failed"}) + num(o, {"in_flight"}),
           at + "requests = ok + degraded + failed + in_flight");
        double reasons = 0;
        for (const auto& [reason, n] : o.at("failure_reasons").as_object())
            reasons += n.to_number<double>();
        eq(reasons, num(o, {"failed"}), at + "failure reasons sum = failed");
    }

    // Percentiles are in order wherever a latency summary is reported.
    auto ordered = [&](const boost::json::object& s, const std::string& what) {
        const char* keys[] = {"p50", "p90", "p95", "p99", "p999", "max"};
        for (std::size_t k = 0; k + 1 < std::size(keys); ++k)
            expect(num(s, {keys[k]}) <= num(s, {keys[k + 1]}),
                   what + ": " + keys[k] + " <= " + keys[k + 1]);
        expect(num(s, {"mean"}) <= num(s, {"max"}) && num(s, {"mean"}) >= 0,
               what + ": 0 <= mean <= max");
    };
    for (const char* section : {"clients", "nodes"})
        for (const auto& [id, v] : r.at(section).as_object()) {
            const auto& o = v.as_object();
            if (o.contains("latency_ms")) ordered(o.at("latency_ms").as_object(), std::string(id));
            if (const auto* job = o.if_contains("job")) {
                ordered(job->at("accepted_ms").as_object(), std::string(id) + " job accepted");
                ordered(job->at("done_ms").as_object(), std::string(id) + " job done");
            }
        }
    return out;
}

}  // namespace flowlab::testing
