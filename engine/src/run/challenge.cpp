// Grading a design: the goals judged on the mean over replications, with the fairness
// check (challenge_fairness.cpp) in front.

#include "flowlab/run/challenge.hpp"

#include <stdexcept>

#include "flowlab/metrics/confidence.hpp"
#include "flowlab/run/batch_runner.hpp"
#include "flowlab/run/metric_path.hpp"
#include "flowlab/theory/predict.hpp"

namespace flowlab::run {

namespace json = boost::json;

namespace {

bool meets(const model::Goal& g, double mean) {
    return (!g.min || mean >= *g.min) && (!g.max || mean <= *g.max);
}

json::value number_or_null(const std::optional<double>& x) {
    return x ? json::value(*x) : json::value(nullptr);
}

json::object goal_json(const GoalVerdict& v) {
    json::object o;
    o["metric"] = v.goal.metric;
    if (v.goal.min) o["min"] = *v.goal.min;
    if (v.goal.max) o["max"] = *v.goal.max;
    o["mean"] = number_or_null(v.mean);
    o["ci95"] = number_or_null(v.ci95);
    o["passed"] = v.passed;
    return o;
}

json::object budget_json(const BudgetUse& used, const model::Budget& allowed) {
    auto entry = [](std::int64_t u, const std::optional<std::int64_t>& a) {
        return json::object{{"used", u}, {"allowed", a ? json::value(*a) : json::value(nullptr)}};
    };
    return {{"threads", entry(used.threads, allowed.threads)},
            {"consumer_instances", entry(used.consumer_instances, allowed.consumer_instances)}};
}

}  // namespace

std::vector<GoalVerdict> judge_goals(const std::vector<model::Goal>& goals,
                                     const std::vector<json::object>& reports) {
    std::vector<GoalVerdict> out;
    for (const auto& g : goals) {
        GoalVerdict v{g, std::nullopt, std::nullopt, false};
        std::vector<double> xs;
        for (const auto& r : reports)
            if (const auto x = metric_value(r, g.metric)) xs.push_back(*x);
        // A metric the design's report lacks (its node was deleted) fails the goal.
        if (!xs.empty() && xs.size() == reports.size()) {
            const metrics::MeanCi m = metrics::mean_ci95(xs);
            // Judged as shown: a mean printed as 0.995 meets "min 0.995".
            v.mean = theory::round_significant_6(m.mean);
            if (m.half_width) v.ci95 = theory::round_significant_6(*m.half_width);
            v.passed = meets(g, *v.mean);
        }
        out.push_back(std::move(v));
    }
    return out;
}

bool CheckResult::passed() const {
    bool all = fair;
    for (const auto& g : goals) all = all && g.passed;
    return all;
}

CheckResult check_design(const model::Scenario& design, const model::Scenario& challenge,
                         const CheckOptions& options) {
    if (!challenge.challenge)
        throw std::invalid_argument("check_design: the challenge has no challenge block");
    CheckResult result;
    result.seed = options.seed.value_or(challenge.seed);
    result.replications = std::max(1, options.replications);
    result.unfair = fairness_problems(challenge, design);
    result.fair = result.unfair.empty();
    result.used = budget_use(design);
    result.allowed = challenge.challenge->budget;

    std::vector<BatchJob> jobs;
    for (int r = 0; r < result.replications; ++r)
        jobs.push_back({design, {result.seed + static_cast<std::uint64_t>(r), {}, {}}});
    const std::vector<json::object> reports = run_many(jobs, options.threads);
    result.goals = judge_goals(challenge.challenge->goals, reports);
    return result;
}

json::object check_json(const CheckResult& result, const std::string& file,
                        const std::optional<std::string>& against) {
    json::object o;
    o["format"] = "flowlab-check/1";
    o["file"] = file;
    o["against"] = against ? json::value(*against) : json::value(nullptr);
    o["seed"] = result.seed;
    o["replications"] = result.replications;
    o["passed"] = result.passed();
    o["fair"] = result.fair;
    json::array goals;
    for (const auto& g : result.goals) goals.push_back(goal_json(g));
    o["goals"] = std::move(goals);
    json::array unfair;
    for (const auto& u : result.unfair) unfair.push_back(json::value(u));
    o["unfair"] = std::move(unfair);
    o["budget"] = budget_json(result.used, result.allowed);
    return o;
}

}  // namespace flowlab::run
