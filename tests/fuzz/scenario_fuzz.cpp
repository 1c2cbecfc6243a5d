// libFuzzer target: any bytes through everything a user's file reaches. A crash, a
// sanitizer report, a hang (libFuzzer's -timeout) or a broken invariant is a finding.
//
// Invariants: a file that parses saves to text that parses to the same scenario and saves
// to the same bytes; a bounded run of it never loses a message.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "flowlab/model/save.hpp"
#include "flowlab/run/metric_path.hpp"
#include "flowlab/runtime/simulation.hpp"

namespace {

// Enough events to reach every kind of rule in a small scenario, few enough that each
// input stays in the millisecond range.
constexpr int max_events = 20000;

[[noreturn]] void finding(const char* what) {
    std::fprintf(stderr, "scenario_fuzz: %s\n", what);
    std::abort();
}

void bounded_run(const flowlab::model::Scenario& scenario) {
    flowlab::runtime::Simulation sim(scenario);
    for (int i = 0; i < max_events && sim.step(); ++i) {
    }
    const auto report = sim.report();
    const auto lost = flowlab::run::metric_value(report, "conservation.lost");
    if (lost && *lost != 0) finding("a bounded run lost messages");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = flowlab::run::parse_scenario_checked(text, "fuzz.json");
    if (!parsed.ok()) return 0;
    const std::string saved = flowlab::model::to_json_text(*parsed.scenario);
    auto again = flowlab::run::parse_scenario_checked(saved, "saved.json");
    if (!again.ok()) finding("a saved scenario does not load again");
    if (!(*again.scenario == *parsed.scenario)) finding("save and load changed the scenario");
    if (flowlab::model::to_json_text(*again.scenario) != saved)
        finding("saving twice gave other bytes");
    bounded_run(*parsed.scenario);
    return 0;
}
