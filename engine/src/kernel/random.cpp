#include "flowlab/kernel/random.hpp"

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include <cmath>

namespace flowlab::kernel {

namespace {
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

RandomStream make_stream(std::uint64_t run_seed, std::string_view name) {
    return RandomStream(splitmix64(splitmix64(run_seed) ^ stable_hash(name)));
}

double uniform01(RandomStream& rng) { return boost::random::uniform_01<double>()(rng); }

double exponential(RandomStream& rng, double mean) {
    return boost::random::exponential_distribution<double>(1.0 / mean)(rng);
}

double uniform(RandomStream& rng, double lo, double hi) {
    // Boost's uniform_real_distribution needs lo < hi; with lo == hi it never returns.
    if (!(lo < hi)) return lo;
    return boost::random::uniform_real_distribution<double>(lo, hi)(rng);
}

double lognormal(RandomStream& rng, double median, double sigma) {
    return boost::random::lognormal_distribution<double>(std::log(median), sigma)(rng);
}

}  // namespace flowlab::kernel
