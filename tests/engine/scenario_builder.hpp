#pragma once
// Small helpers to build scenarios in code for engine tests.

#include <boost/json/object.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "flowlab/model/parse.hpp"
#include "flowlab/model/scenario.hpp"
#include "flowlab/runtime/simulation.hpp"

namespace flowlab::testing {

struct ScenarioBuilder {
    model::Scenario s;

    ScenarioBuilder() {
        s.name = "test";
        s.seed = 1;
        s.trace.sample = 0.0;
        s.run.drain_s = 600;
    }
    model::Node& add(model::NodeKind kind, const std::string& id) {
        s.nodes.push_back(model::make_node(kind, id));
        return s.nodes.back();
    }
    model::Node& client(const std::string& id, double rate) {
        auto& n = add(model::NodeKind::client, id);
        n.rate_per_s = rate;
        return n;
    }
    model::Node& service(const std::string& id, int threads, model::Distribution work) {
        auto& n = add(model::NodeKind::service, id);
        n.threads = threads;
        n.work = work;
        return n;
    }
    model::Edge& edge(const std::string& from, const std::string& to,
                      model::EdgeMode mode = model::EdgeMode::sync) {
        model::Edge e;
        e.from = from;
        e.to = to;
        e.mode = mode;
        s.edges.push_back(e);
        return s.edges.back();
    }
    model::Node& database(const std::string& id, int connections, model::Distribution query) {
        auto& n = add(model::NodeKind::database, id);
        n.threads = connections;
        n.work = query;
        return n;
    }
    // --- asynchronous nodes and edges ---
    model::Node& queue(const std::string& id, std::optional<std::int64_t> capacity = std::nullopt) {
        auto& n = add(model::NodeKind::queue, id);
        n.capacity = capacity;
        return n;
    }
    model::Node& topic(const std::string& id, int partitions,
                       std::optional<std::int64_t> capacity = std::nullopt) {
        auto& n = add(model::NodeKind::topic, id);
        n.partitions = partitions;
        n.capacity = capacity;
        return n;
    }
    model::Node& consumer(const std::string& id, int concurrency, model::Distribution work) {
        auto& n = add(model::NodeKind::consumer, id);
        n.concurrency = concurrency;
        n.work = work;
        return n;
    }
    model::Node& dlq(const std::string& id) { return add(model::NodeKind::dlq, id); }
    /// An async publish edge (service or consumer -> queue or topic) with `keys` distinct keys.
    model::Edge& publish(const std::string& from, const std::string& to, int keys = 1) {
        auto& e = edge(from, to, model::EdgeMode::async);
        e.keys = keys;
        return e;
    }
    model::Edge& deliver(const std::string& from, const std::string& to) {
        return edge(from, to, model::EdgeMode::deliver);
    }
    model::Edge& dead_letter(const std::string& from, const std::string& to) {
        return edge(from, to, model::EdgeMode::dead_letter);
    }
    model::Fault& fault(model::FaultKind kind, const std::string& target, double at_s,
                        std::optional<double> for_s = std::nullopt) {
        model::Fault f;
        f.kind = kind;
        f.target = target;
        f.at_s = at_s;
        f.for_s = for_s;
        s.faults.push_back(f);
        return s.faults.back();
    }
    ScenarioBuilder& requests(std::int64_t n) {
        s.run.requests = n;
        s.run.duration_s.reset();
        return *this;
    }
    ScenarioBuilder& duration(double secs) {
        s.run.duration_s = secs;
        s.run.requests.reset();
        return *this;
    }
};

/// A number in a report by key path, e.g. num(r, {"clients", "web", "latency_ms", "p99"}).
inline double num(const boost::json::object& o, std::initializer_list<const char*> path) {
    const boost::json::value* v = nullptr;
    const boost::json::object* cur = &o;
    for (const char* key : path) {
        v = &cur->at(key);
        if (v->is_object()) cur = &v->as_object();
    }
    return v->to_number<double>();
}

/// Every validation problem of `s`, one per line ("" when the scenario is valid).
inline std::string problems(const model::Scenario& s) {
    std::string out;
    for (const auto& d : model::validate(s)) out += d.path + ": " + d.message + "\n";
    return out;
}

/// Keeps every hop and every finished request, in the order the engine reports them.
struct Recorder : runtime::Observer {
    std::vector<runtime::Hop> hops;
    std::vector<runtime::RequestEnd> ends;
    void on_hop(const runtime::Hop& h) override { hops.push_back(h); }
    void on_request_end(const runtime::RequestEnd& e) override { ends.push_back(e); }
    /// When the request behind `e` started, in ms of virtual time.
    static double started_ms(const runtime::RequestEnd& e) {
        return kernel::to_ms(e.at) - e.latency_ms;
    }
};

/// Runs a scenario to the end and returns its report.
inline boost::json::object run_report(const model::Scenario& s,
                                      runtime::SimulationOptions options = {}) {
    runtime::Simulation sim(s, options);
    sim.run_to_end();
    return sim.report();
}

}  // namespace flowlab::testing
