#pragma once
// What the LiveRunner tests share: a sync that cannot hang the whole suite, the chain most
// of them run, and the fault most of them inject.

#include <chrono>
#include <future>
#include <string>

#include "flowlab/model/scenario.hpp"
#include "flowlab/run/live_runner.hpp"
#include "scenario_builder.hpp"

namespace flowlab::testing {

/// runner.sync() on another thread, so that a hang fails the test instead of the whole
/// suite. The limit is generous: under ThreadSanitizer a long replay is many times slower.
inline bool syncs(run::LiveRunner& runner) {
    auto done = std::async(std::launch::async, [&runner] { runner.sync(); });
    return done.wait_for(std::chrono::seconds(300)) == std::future_status::ready;
}

/// The smallest live run: client "web" sending `rate` requests per second to service
/// "api" (`threads` threads, exponential work of mean `mean_ms`) for `duration_s`.
inline model::Scenario web_api_chain(double rate, int threads, double mean_ms, double duration_s) {
    ScenarioBuilder b;
    b.client("web", rate);
    b.service("api", threads, model::Distribution::exponential(mean_ms));
    b.edge("web", "api");
    b.duration(duration_s);
    return b.s;
}

/// Half of `target`'s calls fail from the moment the fault is given.
inline model::Fault half_failing(const std::string& target) {
    model::Fault f;
    f.target = target;
    f.kind = model::FaultKind::errors;
    f.failure_rate = 0.5;
    return f;
}

}  // namespace flowlab::testing
