#include "runtime/sampling.hpp"

#include <cmath>

namespace flowlab::runtime {

namespace {
// The 0.99 quantile of the standard normal: a lognormal's P99 is median * exp(z99 * sigma).
constexpr double z99 = 2.3263478740408408;
}  // namespace

double sample_ms(const model::Distribution& d, kernel::RandomStream& rng) {
    using K = model::Distribution::Kind;
    switch (d.kind) {
        case K::constant: return d.a;
        case K::exponential: return d.a > 0 ? kernel::exponential(rng, d.a) : 0.0;
        case K::uniform: return kernel::uniform(rng, d.a, d.b);
        case K::lognormal: {
            if (d.a <= 0) return 0.0;
            double sigma = d.b > d.a ? std::log(d.b / d.a) / z99 : 0.0;
            if (sigma == 0.0) return d.a;
            return kernel::lognormal(rng, d.a, sigma);
        }
    }
    return 0.0;
}

}  // namespace flowlab::runtime
