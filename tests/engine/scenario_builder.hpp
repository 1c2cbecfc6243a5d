#pragma once
// Small helpers to build scenarios in code for engine tests.

#include <string>

#include "flowlab/model/scenario.hpp"

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
    model::Edge& edge(const std::string& from, const std::string& to, model::EdgeMode mode = model::EdgeMode::sync) {
        model::Edge e;
        e.from = from;
        e.to = to;
        e.mode = mode;
        s.edges.push_back(e);
        return s.edges.back();
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

}  // namespace flowlab::testing
