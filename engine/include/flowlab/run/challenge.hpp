#pragma once
/// Grading a design against a challenge (`flowlab-cli check`, the app's "Check my
/// design"): is the design a fair answer to the challenge, and does it meet the goals?
///
/// Goals are judged on the mean over R replications (seeds N..N+R-1), each reported with
/// its 95% confidence half-width. Fairness compares the solution with the challenge as
/// given: the parameters of locked nodes, every client (and its calls), every scheduled
/// fault, the run settings and seed, and the challenge block itself must be unchanged, and
/// the budget must hold. See docs/challenges.md.

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "flowlab/model/scenario.hpp"

namespace flowlab::run {

/// What a design spends, in the budget's units.
struct BudgetUse {
    std::int64_t threads = 0;             ///< every service's threads (databases not counted)
    std::int64_t consumer_instances = 0;  ///< per consumer its most instances: autoscale max
};
BudgetUse budget_use(const model::Scenario& design);

/// Each way `solution` is not a fair answer to `challenge` (which must have a challenge
/// block), as "path: what changed", e.g. "nodes.payments.threads: locked node changed";
/// empty when it is fair.
std::vector<std::string> fairness_problems(const model::Scenario& challenge,
                                           const model::Scenario& solution);

/// One goal judged over the replications' reports.
struct GoalVerdict {
    model::Goal goal;
    std::optional<double> mean;  ///< nullopt when some report lacks the metric
    std::optional<double> ci95;  ///< 95% half-width; nullopt with one replication
    bool passed = false;         ///< the mean (as shown, 6 significant digits) meets the bound
};
std::vector<GoalVerdict> judge_goals(const std::vector<model::Goal>& goals,
                                     const std::vector<boost::json::object>& reports);

struct CheckOptions {
    std::optional<std::uint64_t> seed;  ///< nullopt: the challenge's seed
    int replications = 5;
    unsigned threads = 2;
};

struct CheckResult {
    std::uint64_t seed = 0;
    int replications = 0;
    bool fair = true;
    std::vector<std::string> unfair;  ///< fairness_problems, when checked against a challenge
    std::vector<GoalVerdict> goals;
    BudgetUse used;
    model::Budget allowed;
    bool passed() const;  ///< fair, and every goal met
};

/// Runs `design` R times (seeds N..N+R-1) and judges the goals of `challenge`'s block;
/// checks that `design` is a fair answer to `challenge` first. Pass the design as its own
/// challenge to grade it by its own block: then only the budget can be unfair. Throws
/// std::invalid_argument when `challenge` has no challenge block, and what a run throws.
CheckResult check_design(const model::Scenario& design, const model::Scenario& challenge,
                         const CheckOptions& options);

/// The `flowlab-check/1` document (see docs/cli.md).
boost::json::object check_json(const CheckResult& result, const std::string& file,
                               const std::optional<std::string>& against);

}  // namespace flowlab::run
