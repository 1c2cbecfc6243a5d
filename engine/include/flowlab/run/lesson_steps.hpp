#pragma once
/// The logic of a guided lesson's steps, shared by the app, the CLI and the tests: when a
/// step's checkpoint is reached, and how a prediction is judged.
///
/// A checkpoint (`at_s` and/or `when`) is reached at `at_s` exactly, or at the first moment
/// its `when` condition is seen to hold, whichever comes first. The live run looks at every
/// frame it publishes and at every tick of a fixed grid of virtual time
/// (`condition_check_interval_s`), so however fast it runs it stops no later than the first
/// grid tick where the condition holds; walk_lesson() looks at the grid only, and so finds
/// the same tick or one a fraction of a second later than a paced run would.

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

#include "flowlab/kernel/sim_time.hpp"
#include "flowlab/model/scenario.hpp"

namespace flowlab::run {

/// How often (virtual seconds, from time 0) a `when` condition is looked at while running.
inline constexpr double condition_check_interval_s = 0.5;

/// The first tick of the check grid strictly after `t`.
kernel::SimTime next_condition_check(kernel::SimTime t);

/// Whether `condition` holds in `report`; false when its metric names no number there.
bool condition_holds(const boost::json::object& report, const model::StepCondition& condition);

/// Where a run pauses for a lesson: at a virtual time, when a condition first holds, or at
/// whichever of the two comes first. A step's own checkpoint, or a prediction's at_s.
struct Checkpoint {
    std::optional<double> at_s;
    std::optional<model::StepCondition> when;

    static Checkpoint of(const model::LessonStep& step) { return {step.at_s, step.when}; }
    static Checkpoint at(double at_s) { return {at_s, std::nullopt}; }
    bool empty() const { return !at_s && !when; }
    /// Whether it has been reached at virtual time `now_s`, `report` being the report of
    /// the run so far: `at_s` has come, or `when` holds. False when empty.
    bool reached(double now_s, const boost::json::object& report) const;
    bool operator==(const Checkpoint&) const = default;
};

/// A prediction held against the run: the measured metric at the question's at_s.
struct PredictionVerdict {
    double answer = 0;
    double measured = 0;
    bool right = false;  ///< |answer - measured| <= tolerance
};

/// Judges `answer` to a predict question against `report`, the report of the run at the
/// question's at_s; nullopt when the metric names no number in it (or it is no prediction).
std::optional<PredictionVerdict> judge_prediction(const model::StepQuestion& question,
                                                  double answer, const boost::json::object& report);

/// What a walk through a lesson's steps met, step by step, on one run of the scenario.
struct StepWalk {
    std::optional<double> reached_s;  ///< when its checkpoint was reached (none: not reached)
    std::optional<double> measured;   ///< a prediction's metric at its at_s (none: not reached)
};

/// Runs the scenario (its own seed) and goes through its lesson's steps as a student who
/// presses "Run to next checkpoint" at every step would: each checkpoint is looked for from
/// the moment the one before was reached, and each prediction is measured at its at_s.
/// A checkpoint the run ends before leaves that step and the rest unreached.
std::vector<StepWalk> walk_lesson(const model::Scenario& scenario);

/// A condition in words, for the app: "nodes.gateway.backlog >= 100".
std::string describe(const model::StepCondition& condition);

}  // namespace flowlab::run
