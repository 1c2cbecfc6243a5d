#pragma once
/// Faults in words, for the app's banners, menus and fault list.

#include <string>

#include "flowlab/model/scenario.hpp"

namespace flowlab::model {

/// How strong a fault is, in a few words: "x3 +200 ms", "50% errors", "150/s",
/// "10 messages"; "" for kinds without a strength (down, hang, crash, pause).
std::string fault_strength(const Fault& fault);
/// Whether a kind has a strength to choose (slow, errors, spike, poison) or only a
/// duration (down, hang, crash, pause).
bool fault_has_strength(FaultKind kind);

}  // namespace flowlab::model
