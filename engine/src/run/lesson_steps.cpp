// Lesson steps: checkpoint conditions, the judging of predictions, and a headless walk
// through a lesson's steps (what the golden tests hold every shipped lesson to).
#include "flowlab/run/lesson_steps.hpp"

#include <algorithm>
#include <cmath>

#include "flowlab/model/schema.hpp"
#include "flowlab/run/metric_path.hpp"
#include "flowlab/runtime/simulation.hpp"

namespace flowlab::run {

namespace {

using kernel::SimTime;

/// Advances `sim` to the step's checkpoint; its time, or nullopt when the run ends first.
std::optional<double> run_to_checkpoint(runtime::Simulation& sim, const Checkpoint& checkpoint) {
    const SimTime at = checkpoint.at_s ? kernel::from_s(*checkpoint.at_s) : kernel::never;
    for (;;) {
        const SimTime now = sim.now();
        if (checkpoint.reached(kernel::to_s(now), sim.report())) return kernel::to_s(now);
        if (sim.finished()) return std::nullopt;
        sim.advance_to(checkpoint.when ? std::min(at, next_condition_check(now)) : at);
    }
}

/// The prediction's metric at its at_s, or nullopt when the run is past it or ends first.
std::optional<double> measure_prediction(runtime::Simulation& sim, const model::StepQuestion& q) {
    const SimTime at = kernel::from_s(q.at_s);
    if (sim.now() > at) return std::nullopt;
    sim.advance_to(at);
    if (sim.now() < at) return std::nullopt;
    return metric_value(sim.report(), q.metric);
}

}  // namespace

SimTime next_condition_check(SimTime t) {
    const SimTime interval = kernel::from_s(condition_check_interval_s);
    return (t / interval + 1) * interval;
}

bool condition_holds(const boost::json::object& report, const model::StepCondition& condition) {
    const auto value = metric_value(report, condition.metric);
    if (!value) return false;
    using Op = model::StepCondition::Op;
    switch (condition.op) {
        case Op::less: return *value < condition.value;
        case Op::at_most: return *value <= condition.value;
        case Op::equal: return *value == condition.value;
        case Op::at_least: return *value >= condition.value;
        case Op::greater: return *value > condition.value;
    }
    return false;
}

bool Checkpoint::reached(double now_s, const boost::json::object& report) const {
    // In engine time units, so that a run stopped at at_s counts as there.
    if (at_s && kernel::from_s(now_s) >= kernel::from_s(*at_s)) return true;
    return when && condition_holds(report, *when);
}

std::optional<PredictionVerdict> judge_prediction(const model::StepQuestion& question,
                                                  double answer,
                                                  const boost::json::object& report) {
    if (question.kind != model::StepQuestion::Kind::predict) return std::nullopt;
    const auto measured = metric_value(report, question.metric);
    if (!measured) return std::nullopt;
    PredictionVerdict verdict;
    verdict.answer = answer;
    verdict.measured = *measured;
    verdict.right = std::isfinite(answer) && std::abs(answer - *measured) <= question.tolerance;
    return verdict;
}

std::vector<StepWalk> walk_lesson(const model::Scenario& scenario) {
    std::vector<StepWalk> out;
    if (!scenario.lesson) return out;
    runtime::Simulation sim(scenario);
    sim.advance_to(0);
    bool stopped = false;  // a checkpoint was never reached: the student is stuck there
    for (const auto& step : scenario.lesson->steps) {
        StepWalk walk;
        if (!stopped && step.has_checkpoint()) {
            walk.reached_s = run_to_checkpoint(sim, Checkpoint::of(step));
            stopped = !walk.reached_s;
        }
        if (!stopped && step.ask && step.ask->kind == model::StepQuestion::Kind::predict)
            walk.measured = measure_prediction(sim, *step.ask);
        out.push_back(walk);
    }
    return out;
}

std::string describe(const model::StepCondition& condition) {
    return condition.metric + " " + model::to_string(condition.op) + " " +
           model::format_number(condition.value);
}

}  // namespace flowlab::run
