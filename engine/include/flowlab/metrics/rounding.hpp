#pragma once
/// Rounding report figures: one rule for every number a report prints.
///
/// Half away from zero (std::round) at a fixed number of decimals, so the report is the
/// same on every machine and a figure reads the same in the table, the JSON and the app.

#include <cmath>

namespace flowlab::metrics {

/// `x` rounded to `decimals` (0 to 9) decimal places.
inline double round_to(double x, int decimals) {
    // Exact powers of ten: the same scale whichever libm the build uses.
    static constexpr double scale[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    const double s = scale[decimals < 0 ? 0 : (decimals > 9 ? 9 : decimals)];
    return std::round(x * s) / s;
}

}  // namespace flowlab::metrics
