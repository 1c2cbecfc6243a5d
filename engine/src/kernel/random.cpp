#include "flowlab/kernel/random.hpp"

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include <cmath>

namespace flowlab::kernel {

namespace {
// The 0.99 quantile of the standard normal: a lognormal's P99 is median * exp(z99 * sigma).
constexpr double z99 = 2.3263478740408408;

std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}
}  // namespace

std::uint64_t stable_hash(std::string_view name) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : name) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

Engine make_stream(std::uint64_t run_seed, std::string_view name) {
    return Engine(splitmix64(splitmix64(run_seed) ^ stable_hash(name)));
}

double uniform01(Engine& rng) { return boost::random::uniform_01<double>()(rng); }

double exponential(Engine& rng, double mean) {
    return boost::random::exponential_distribution<double>(1.0 / mean)(rng);
}

double sample_ms(const model::Distribution& d, Engine& rng) {
    using K = model::Distribution::Kind;
    switch (d.kind) {
        case K::constant:
            return d.a;
        case K::exponential:
            return d.a > 0 ? exponential(rng, d.a) : 0.0;
        case K::uniform:
            return boost::random::uniform_real_distribution<double>(d.a, d.b)(rng);
        case K::lognormal: {
            if (d.a <= 0) return 0.0;
            double sigma = d.b > d.a ? std::log(d.b / d.a) / z99 : 0.0;
            if (sigma == 0.0) return d.a;
            return boost::random::lognormal_distribution<double>(std::log(d.a), sigma)(rng);
        }
    }
    return 0.0;
}

}  // namespace flowlab::kernel
