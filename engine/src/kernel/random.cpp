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

namespace {
std::uint64_t stream_seed(std::uint64_t run_seed, std::string_view name) {
    return splitmix64(splitmix64(run_seed) ^ stable_hash(name));
}
}  // namespace

RandomStream make_stream(std::uint64_t run_seed, std::string_view name) {
    return RandomStream(stream_seed(run_seed, name));
}

LazyStream::LazyStream(std::uint64_t run_seed, std::string_view name)
    : seed_(stream_seed(run_seed, name)) {}

LazyStream& LazyStream::operator=(const LazyStream& other) {
    if (this == &other) return *this;
    seed_ = other.seed_;
    engine_ = other.engine_ ? std::make_unique<RandomStream>(*other.engine_) : nullptr;
    return *this;
}

RandomStream& LazyStream::make() {
    engine_ = std::make_unique<RandomStream>(seed_);
    return *engine_;
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
