#pragma once
/// Virtual time: integer nanoseconds, so ties and sums are exact on every machine.

#include <cmath>
#include <cstdint>
#include <limits>

namespace flowlab::kernel {

using SimTime = std::int64_t;  ///< nanoseconds of virtual time since the run started

inline constexpr SimTime never = std::numeric_limits<SimTime>::max();
inline constexpr SimTime ns_per_ms = 1'000'000;
inline constexpr SimTime ns_per_s = 1'000'000'000;

/// Rounds to the nearest integer, halves away from zero. Inline rather than std::llround
/// (a libm call): this runs several times per simulated request.
inline SimTime round_ns(double ns) { return static_cast<SimTime>(ns >= 0 ? ns + 0.5 : ns - 0.5); }

/// Milliseconds (possibly fractional) to virtual time, rounded to the nearest ns.
inline SimTime from_ms(double ms) { return round_ns(ms * 1e6); }
inline SimTime from_s(double s) { return round_ns(s * 1e9); }
inline double to_ms(SimTime t) { return static_cast<double>(t) / 1e6; }
inline double to_s(SimTime t) { return static_cast<double>(t) / 1e9; }

}  // namespace flowlab::kernel
