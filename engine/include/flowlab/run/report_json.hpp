#pragma once
/// Writing reports as JSON text that people read too.
///
/// Boost.JSON 1.81 prints doubles as `9.97003E-1`; reports are read by students and by
/// scripts, so numbers are written in their shortest round-trip form (`0.997003`,
/// `60`), which std::to_chars guarantees to be the same on every machine. Keys keep the
/// report's insertion order.

#include <boost/json/value.hpp>

#include <string>

namespace flowlab::run {

/// Compact JSON (one line) when `indent` is 0, else pretty-printed with that many spaces.
std::string to_json_text(const boost::json::value& value, int indent = 0);

}  // namespace flowlab::run
