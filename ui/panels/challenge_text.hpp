#pragma once
/// How a challenge's goals, budget and verdict read on screen (the challenge panel's words,
/// kept apart from its widgets so that they are the same in the live view and the verdict).

#include <QString>

#include "flowlab/model/scenario.hpp"
#include "flowlab/run/challenge.hpp"

namespace flowlab::ui {

/// A goal's metric in a few words: "web availability", "web latency p99",
/// "payment-events partition 2 lag end", "traces orphan spans".
QString goalName(const std::string& metric);
/// The goal's bound as a relation: "≥ 99.50 %", "≤ 300 ms" (both, joined, if both are set).
QString goalBound(const model::Goal& goal);
/// "service threads 80 of 80 · consumer instances 4 of 12"; a kind without a limit is
/// shown only when the design has some of it ("consumer instances 3, no limit").
QString budgetText(const run::BudgetUse& used, const model::Budget& allowed);
/// True when the design spends more than the budget allows.
bool overBudget(const run::BudgetUse& used, const model::Budget& allowed);
/// The verdict of "Check my design" as rich text: passed or not, each goal's mean ± 95%
/// half-width against its bound, and every way the design is not a fair answer.
QString verdictHtml(const run::CheckResult& result);

}  // namespace flowlab::ui
