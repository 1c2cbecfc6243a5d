#pragma once
// Independent replications of a run (new seeds) and the statistics of a figure across
// them: the run-to-run spread measures the noise, including the autocorrelation of
// waiting times that a naive binomial or i.i.d. error would ignore.

#include <boost/json/object.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <functional>
#include <initializer_list>
#include <vector>

#include "flowlab/model/scenario.hpp"
#include "flowlab/runtime/simulation.hpp"
#include "scenario_builder.hpp"  // num(): a report figure by key path

namespace flowlab::testing {

struct Estimate {
    double mean = 0, standard_error = 0;
    int replications = 0;
    /// The two-sided 95% confidence interval of the mean (Student's t, n - 1 degrees).
    double ci95_half_width() const {
        boost::math::students_t t(replications - 1);
        return boost::math::quantile(t, 0.975) * standard_error;
    }
    double ci95_low() const { return mean - ci95_half_width(); }
    double ci95_high() const { return mean + ci95_half_width(); }
};

inline Estimate estimate_of(const std::vector<double>& xs) {
    double m = 0;
    for (double x : xs) m += x;
    m /= static_cast<double>(xs.size());
    double v = 0;
    for (double x : xs) v += (x - m) * (x - m);
    v /= static_cast<double>(xs.size() - 1);
    return {m, std::sqrt(v / static_cast<double>(xs.size())), static_cast<int>(xs.size())};
}

/// Runs `replications` seeds (1000, 1001, ...) of `s` and measures `figure` on each report.
inline Estimate replicate(const model::Scenario& s, int replications,
                          const std::function<double(const boost::json::object&)>& figure) {
    std::vector<double> xs;
    for (int r = 0; r < replications; ++r) {
        runtime::SimulationOptions options;
        options.seed = 1000 + static_cast<std::uint64_t>(r);
        runtime::Simulation sim(s, options);
        sim.run_to_end();
        xs.push_back(figure(sim.report()));
    }
    return estimate_of(xs);
}

}  // namespace flowlab::testing
