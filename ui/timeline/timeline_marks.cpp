#include "timeline/timeline_marks.hpp"

namespace flowlab::ui {

namespace {

QString faultLabel(const model::Fault& f) {
    return QStringLiteral("%1 on %2")
        .arg(QString::fromUtf8(model::to_string(f.kind)), QString::fromStdString(f.target));
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
        marks.faults.push_back({f.at_s, f.for_s ? f.at_s + *f.for_s : -1, faultLabel(f), false});
    if (scenario.lesson)
        for (const auto& step : scenario.lesson->steps)
            if (step.at_s) marks.checkpoints.push_back(*step.at_s);
    for (std::size_t i = 0; i < recording.size(); ++i) {
        const auto& r = recording[i];
        if (r.kind == model::RecordedInput::Kind::fault)
            marks.faults.push_back({r.at_s, liveFaultEnd(recording, i), faultLabel(r.fault), true});
        else if (r.kind != model::RecordedInput::Kind::heal)
            marks.inputs.push_back(r.at_s);
    }
    return marks;
}

}  // namespace flowlab::ui
