#include "runtime/key_popularity.hpp"

#include <algorithm>
#include <cmath>

namespace flowlab::runtime {

void KeyPopularity::configure(const model::Node& cache) {
    const bool zipf = cache.popularity == model::Popularity::zipf && cache.zipf_s != 0;
    if (cache.key_space == keys_ && cache.popularity == popularity_ &&
        (!zipf || cache.zipf_s == s_))
        return;  // unchanged: keep the table
    keys_ = std::max<std::int64_t>(1, cache.key_space);
    popularity_ = cache.popularity;
    s_ = cache.zipf_s;
    cdf_.clear();
    if (!zipf) return;  // Zipf with s = 0 is uniform: no table needed
    cdf_.resize(static_cast<std::size_t>(keys_));
    double sum = 0;
    for (std::int64_t k = 0; k < keys_; ++k) {
        sum += std::pow(static_cast<double>(k + 1), -s_);
        cdf_[static_cast<std::size_t>(k)] = sum;
    }
    for (double& c : cdf_) c /= sum;
    cdf_.back() = 1.0;  // no draw falls past the last key through rounding
}

std::uint32_t KeyPopularity::draw(kernel::RandomStream& rng) const {
    const double u = kernel::uniform01(rng);
    if (cdf_.empty())
        return static_cast<std::uint32_t>(
            std::min<std::int64_t>(keys_ - 1, static_cast<std::int64_t>(u * keys_)));
    return static_cast<std::uint32_t>(std::upper_bound(cdf_.begin(), cdf_.end(), u) - cdf_.begin());
}

}  // namespace flowlab::runtime
