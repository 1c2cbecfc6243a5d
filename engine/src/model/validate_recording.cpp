// Semantic checks of `recording`: times in order, the nodes each input names, and the
// values it sets (parse_recording.cpp has checked the shapes).
#include <cmath>

#include "flowlab/model/param_path.hpp"
#include "model/parse_context.hpp"
#include "model/validate_checker.hpp"

namespace flowlab::model::detail {

namespace {

void check_set(Checker& c, const RecordedInput& input, const std::string& path) {
    for (const auto& [key, value] : input.set) {
        const std::string child = json::path_key(path, key);
        std::string why;
        const auto param = find_param(c.s, key, &why);
        if (!param) {
            c.error(child, "not a parameter of this scenario: " + why);
            continue;
        }
        if (param->info().type == ParamType::group) {
            if (value != ParamValue(false)) c.error(child, "a group is only removed (false) here");
            continue;
        }
        for (const auto& problem : check_param(param->info(), value))
            c.error(child + problem.subpath, problem.message);
    }
}

void check_redrive(Checker& c, const std::string& dlq, const std::string& path) {
    const int i = c.node_index(dlq);
    if (!c.ids_known) return;
    if (i < 0)
        c.error(path, "no node with id '" + dlq + "'" + c.id_hint(dlq));
    else if (c.kind_known(i) && c.s.nodes[static_cast<std::size_t>(i)].kind != NodeKind::dlq)
        c.error(path, "'" + dlq + "' is not a dlq node: only a DLQ's dead letters are redriven");
}

}  // namespace

void check_recording(Checker& c) {
    double previous = 0;
    for (std::size_t i = 0; i < c.s.recording.size(); ++i) {
        const RecordedInput& input = c.s.recording[i];
        const std::string path = json::path_index("recording", i);
        if (!c.trusted(path)) continue;
        const std::string at = json::path_key(path, "at_s");
        if (c.trusted(at)) {
            if (!std::isfinite(input.at_s) || input.at_s < 0)
                c.error(at, "must be a number of virtual seconds >= 0, got " +
                                format_number(input.at_s));
            else if (input.at_s < previous)
                c.error(at, "must not be earlier than the entry before (" +
                                format_number(previous) + " s): a recording is in time order");
            else
                previous = input.at_s;
        }
        const std::string child = json::path_key(path, to_string(input.kind));
        switch (input.kind) {
            case RecordedInput::Kind::fault: check_fault(c, input.fault, child, true); break;
            case RecordedInput::Kind::heal: check_fault(c, input.fault, child, false); break;
            case RecordedInput::Kind::set: check_set(c, input, child); break;
            case RecordedInput::Kind::redrive: check_redrive(c, input.dlq, child); break;
            case RecordedInput::Kind::extend:
                if (c.trusted(child) && !(std::isfinite(input.seconds) && input.seconds > 0))
                    c.error(child, "must be a number of virtual seconds > 0, got " +
                                       format_number(input.seconds));
                break;
        }
    }
}

}  // namespace flowlab::model::detail
