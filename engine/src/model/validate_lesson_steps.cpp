// Semantic checks of `lesson.steps`: text, times, the nodes actions name, the faults they
// inject or clear, and the questions' answers. Whether metric paths name report figures is
// checked where reports exist (run::check_metric_paths).
#include <cmath>

#include "model/parse_context.hpp"
#include "model/validate_checker.hpp"

namespace flowlab::model::detail {

namespace {

void check_node_id(Checker& c, const std::string& path, const std::string& id) {
    if (!c.trusted(path) || !c.ids_known || c.node_index(id) >= 0) return;
    c.error(path, "no node with id '" + id + "'" + c.id_hint(id));
}

void check_time(Checker& c, const std::string& path, double at_s) {
    if (c.trusted(path) && (!std::isfinite(at_s) || at_s < 0))
        c.error(path, "must be a number of virtual seconds >= 0, got " + format_number(at_s));
}

void check_action(Checker& c, const StepAction& a, const std::string& path) {
    const std::string child = path + "." + to_string(a.kind);
    switch (a.kind) {
        case StepAction::Kind::highlight:
            if (a.nodes.empty()) c.error(child, "must name at least one node");
            for (std::size_t i = 0; i < a.nodes.size(); ++i)
                check_node_id(c, json::path_index(child, i), a.nodes[i]);
            break;
        case StepAction::Kind::speed:
            // The run controls' range: 0.1 to 1000 virtual seconds per wall second, or 0.
            if (!(a.speed == 0 || (a.speed >= 0.1 && a.speed <= 1000)))
                c.error(child, "must be 0 (as fast as possible) or between 0.1 and 1000, got " +
                                   format_number(a.speed));
            break;
        case StepAction::Kind::chart: check_node_id(c, child, a.node); break;
        case StepAction::Kind::inject: check_fault(c, a.fault, child, true); break;
        case StepAction::Kind::clear: check_fault(c, a.fault, child, false); break;
    }
}

void check_question(Checker& c, const StepQuestion& q, const std::string& path) {
    c.text(path + ".question", q.question);
    c.text(path + ".why", q.why);
    if (c.trusted(path + ".question") && q.question.empty())
        c.error(path + ".question", "must not be empty");
    if (c.trusted(path + ".why") && q.why.empty())
        c.error(path + ".why", "must not be empty: it is shown once the student has answered");
    if (q.kind == StepQuestion::Kind::choice) {
        const std::string options = path + ".options";
        if (!c.trusted(options)) return;
        if (q.options.size() < 2) c.error(options, "must offer at least two options");
        for (std::size_t i = 0; i < q.options.size(); ++i) {
            c.line(json::path_index(options, i), q.options[i]);
            if (q.options[i].empty()) c.error(json::path_index(options, i), "must not be empty");
        }
        if (c.trusted(path + ".answer") && q.options.size() >= 2 &&
            q.answer >= static_cast<int>(q.options.size()))
            c.error(path + ".answer", "must be the index of an option (0 to " +
                                          std::to_string(q.options.size() - 1) + "), got " +
                                          std::to_string(q.answer));
        return;
    }
    check_time(c, path + ".at_s", q.at_s);
    if (c.trusted(path + ".tolerance") && (!std::isfinite(q.tolerance) || q.tolerance < 0))
        c.error(path + ".tolerance", "must be a finite number >= 0");
}

/// The run only goes forward: a time a step names before an earlier step's would be
/// passed before the student got there.
void check_order(Checker& c, const std::string& path, double at_s, double& latest,
                 std::string& latest_path) {
    if (!c.trusted(path) || !std::isfinite(at_s) || at_s < 0) return;  // reported already
    if (!latest_path.empty() && at_s < latest)
        c.error(path, "must not come before " + latest_path + " (" + format_number(latest) +
                          " s): the steps follow the run forward");
    if (at_s >= latest) {
        latest = at_s;
        latest_path = path;
    }
}

}  // namespace

void check_lesson_steps(Checker& c) {
    if (!c.s.lesson) return;
    const auto& steps = c.s.lesson->steps;
    double latest = 0;
    std::string latest_path;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const LessonStep& step = steps[i];
        const std::string path = json::path_index("lesson.steps", i);
        if (!c.trusted(path)) continue;
        c.line(path + ".title", step.title);
        c.text(path + ".text", step.text);
        if (c.trusted(path + ".title") && step.title.empty())
            c.error(path + ".title", "must not be empty");
        if (step.at_s) {
            check_time(c, path + ".at_s", *step.at_s);
            check_order(c, path + ".at_s", *step.at_s, latest, latest_path);
        }
        if (step.when && c.trusted(path + ".when.value") && !std::isfinite(step.when->value))
            c.error(path + ".when.value", "must be a finite number");
        for (std::size_t a = 0; a < step.actions.size(); ++a) {
            const std::string action = json::path_index(path + ".do", a);
            if (c.trusted(action)) check_action(c, step.actions[a], action);
        }
        if (step.ask && c.trusted(path + ".ask")) {
            check_question(c, *step.ask, path + ".ask");
            if (step.ask->kind == StepQuestion::Kind::predict)
                check_order(c, path + ".ask.at_s", step.ask->at_s, latest, latest_path);
        }
    }
}

}  // namespace flowlab::model::detail
