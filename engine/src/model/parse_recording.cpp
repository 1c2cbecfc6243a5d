// Reading `recording`: the live inputs of a run (faults started and healed, parameters
// set, dead letters redriven, the run continued), each at its virtual time. Cross-checks
// (node kinds, fault targets, order in time) are in validate_recording.cpp.
#include "flowlab/model/param_path.hpp"
#include "model/parse_context.hpp"

namespace flowlab::model::detail {

namespace {

const std::vector<std::string>& input_keys() {
    static const std::vector<std::string> keys{"fault", "heal", "set", "redrive", "continue"};
    return keys;
}

/// `"set": {"nodes.api.threads": 32, ...}`: each path must name a parameter of this
/// scenario, and each value must suit it (a group only takes false: remove it).
void read_set(ParseContext& ctx, const json::Value& v, const std::string& path,
              const Scenario& scenario, RecordedInput& out) {
    if (!ctx.expect(v, json::Type::object, path,
                    "an object of parameter paths and values, e.g. {\"nodes.api.threads\": 32}")) {
        ctx.untrust(path);
        return;
    }
    if (v.members.empty()) ctx.error(v.pos, path, "must set at least one parameter");
    for (const auto& m : v.members) {
        const std::string child = json::path_key(path, m.key);
        std::string why;
        const auto param = find_param(scenario, m.key, &why);
        if (!param) {
            ctx.error(m.key_pos, child, "not a parameter of this scenario: " + why);
            ctx.untrust(path);
            continue;
        }
        if (param->info().type == ParamType::group) {
            if (m.value.type == json::Type::boolean && !m.value.boolean) {
                out.set.emplace_back(m.key, false);
                continue;
            }
            ctx.error(m.value.pos, child,
                      "a group is removed with false, or set field by field (\"" + m.key +
                          ".<field>\"), got " + describe_json(m.value));
            ctx.untrust(path);
            continue;
        }
        if (auto value = ctx.read_value(param->info(), m.value, child))
            out.set.emplace_back(m.key, std::move(*value));
        else
            ctx.untrust(path);
    }
}

void read_entry(ParseContext& ctx, const json::Value& v, const std::string& path,
                const Scenario& scenario, RecordedInput& out) {
    const std::string shape =
        "an object {\"at_s\": ..., and one of \"fault\", \"heal\", \"set\", \"redrive\", "
        "\"continue\"}";
    if (!ctx.expect(v, json::Type::object, path, shape)) {
        ctx.untrust(path);
        return;
    }
    if (const auto* at = ctx.require(v, path, "at_s", "(the virtual time it was applied)"))
        read_number(ctx, *at, json::path_key(path, "at_s"), out.at_s);
    int inputs = 0;
    for (const auto& m : v.members) {
        if (m.key == "at_s") continue;
        const std::string child = json::path_key(path, m.key);
        const auto& keys = input_keys();
        const auto it = std::find(keys.begin(), keys.end(), m.key);
        if (it == keys.end()) {
            auto allowed = keys;
            allowed.insert(allowed.begin(), "at_s");
            ctx.unknown_key(m, path, allowed, "a recording entry");
            continue;
        }
        if (++inputs > 1) {
            ctx.error(m.key_pos, child,
                      "one input per entry: give another entry with the same at_s");
            continue;
        }
        out.kind = static_cast<RecordedInput::Kind>(it - keys.begin());
        switch (out.kind) {
            case RecordedInput::Kind::fault:
                parse_fault(ctx, m.value, child, out.fault, FaultUse::injected);
                break;
            case RecordedInput::Kind::heal:
                parse_fault(ctx, m.value, child, out.fault, FaultUse::cleared);
                break;
            case RecordedInput::Kind::set: read_set(ctx, m.value, child, scenario, out); break;
            case RecordedInput::Kind::redrive: read_string(ctx, m.value, child, out.dlq); break;
            case RecordedInput::Kind::extend: read_number(ctx, m.value, child, out.seconds); break;
        }
    }
    if (inputs == 0) {
        ctx.error(v.pos, path,
                  "must hold one input: \"fault\", \"heal\", \"set\", \"redrive\" or \"continue\"");
        ctx.untrust(path);
    }
}

}  // namespace

void parse_recording(ParseContext& ctx, const json::Value& v, Scenario& out) {
    if (!ctx.expect(v, json::Type::array, "recording", "an array of recorded inputs")) {
        ctx.untrust("recording");
        return;
    }
    for (std::size_t i = 0; i < v.items.size(); ++i) {
        out.recording.emplace_back();
        read_entry(ctx, v.items[i], json::path_index("recording", i), out, out.recording.back());
    }
}

}  // namespace flowlab::model::detail
