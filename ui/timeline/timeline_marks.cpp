#include "timeline/timeline_marks.hpp"

namespace flowlab::ui {

namespace {

/// "hang on Ledger DB": the fault and its target as the canvas names it.
QString faultLabel(const model::Scenario& scenario, const model::Fault& f) {
    std::string target = f.target;
    for (const auto& node : scenario.nodes)
        if (node.id == f.target && !node.label.empty()) target = node.label;
    return QStringLiteral("%1 on %2")
        .arg(QString::fromUtf8(model::to_string(f.kind)), QString::fromStdString(target));
}

TimelineMarks::Window faultWindow(const model::Scenario& scenario, const model::Fault& f,
                                  double from, double to, bool live) {
    const bool instant = f.kind == model::FaultKind::reset;
    return {from, instant ? from : to, faultLabel(scenario, f), live, instant};
}

/// A live fault lasts its for_s, or until the recording heals it, or to the end.
double liveFaultEnd(const std::vector<model::RecordedInput>& recording, std::size_t i) {
    const model::RecordedInput& start = recording[i];
    if (start.fault.for_s) return start.at_s + *start.fault.for_s;
    for (std::size_t j = i + 1; j < recording.size(); ++j) {
        const auto& r = recording[j];
        if (r.kind == model::RecordedInput::Kind::heal && r.fault.target == start.fault.target &&
            r.fault.kind == start.fault.kind)
            return r.at_s;
    }
    return -1;
}

}  // namespace

TimelineMarks TimelineMarks::from(const model::Scenario& scenario,
                                  const std::vector<model::RecordedInput>& recording) {
    TimelineMarks marks;
    for (const auto& f : scenario.faults)
        marks.faults.push_back(
            faultWindow(scenario, f, f.at_s, f.for_s ? f.at_s + *f.for_s : -1, false));
    if (scenario.lesson)
        for (const auto& step : scenario.lesson->steps)
            if (step.at_s) {
                marks.checkpoints.push_back(*step.at_s);
                marks.checkpointTitles.push_back(QString::fromStdString(step.title));
            }
    for (std::size_t i = 0; i < recording.size(); ++i) {
        const auto& r = recording[i];
        if (r.kind == model::RecordedInput::Kind::fault)
            marks.faults.push_back(
                faultWindow(scenario, r.fault, r.at_s, liveFaultEnd(recording, i), true));
        else if (r.kind != model::RecordedInput::Kind::heal)
            marks.inputs.push_back(r.at_s);
    }
    return marks;
}

}  // namespace flowlab::ui
