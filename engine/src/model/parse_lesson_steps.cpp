// Reading `lesson.steps`: the guided walk through a run (title, text, a checkpoint, actions
// on entering, a question). Cross-references (node ids, answer in range) are checked in
// validate_lesson_steps.cpp, metric paths by run::check_metric_paths.
#include <charconv>

#include "model/parse_context.hpp"

namespace flowlab::model::detail {

namespace {

const std::vector<std::string>& step_keys() {
    static const std::vector<std::string> keys{"title", "text", "at_s", "when", "do", "ask"};
    return keys;
}

/// Reports every required key `obj` lacks (and untrusts it).
void require_all(ParseContext& ctx, const json::Value& obj, const std::string& path,
                 const std::vector<std::string>& keys, const std::string& what = "") {
    for (const auto& key : keys) ctx.require(obj, path, key, what);
}

void read_op(ParseContext& ctx, const json::Value& v, const std::string& path,
             StepCondition::Op& out) {
    using Op = StepCondition::Op;
    for (Op op : {Op::less, Op::at_most, Op::equal, Op::at_least, Op::greater})
        if (v.type == json::Type::string && v.text == to_string(op)) {
            out = op;
            return;
        }
    ctx.error(v.pos, path,
              "must be one of \"<\", \"<=\", \"==\", \">=\", \">\", got " + describe_json(v));
    ctx.untrust(path);
}

void read_condition(ParseContext& ctx, const json::Value& v, const std::string& path,
                    StepCondition& out) {
    if (!ctx.expect(v, json::Type::object, path,
                    "an object {\"metric\": ..., \"op\": ..., \"value\": ...}")) {
        ctx.untrust(path);
        return;
    }
    for (const auto& m : v.members) {
        const std::string child = json::path_key(path, m.key);
        if (m.key == "metric")
            read_string(ctx, m.value, child, out.metric);
        else if (m.key == "op")
            read_op(ctx, m.value, child, out.op);
        else if (m.key == "value")
            read_number(ctx, m.value, child, out.value);
        else
            ctx.unknown_key(m, path, {"metric", "op", "value"});
    }
    require_all(ctx, v, path, {"metric", "op", "value"});
}

const std::vector<std::string>& action_keys() {
    static const std::vector<std::string> keys{"highlight", "speed", "chart", "inject", "clear"};
    return keys;
}

/// One `do` entry: an object with exactly one key, which names the action.
void read_action(ParseContext& ctx, const json::Value& v, const std::string& path,
                 StepAction& out) {
    const std::string shape =
        "an object with one key: \"highlight\", \"speed\", \"chart\", \"inject\" or \"clear\"";
    if (!ctx.expect(v, json::Type::object, path, shape)) {
        ctx.untrust(path);
        return;
    }
    if (v.members.size() != 1) {
        ctx.error(v.pos, path,
                  "must be " + shape + ", got " + std::to_string(v.members.size()) + " keys");
        ctx.untrust(path);
        return;
    }
    const json::Member& m = v.members.front();
    const std::string child = json::path_key(path, m.key);
    const auto& keys = action_keys();
    const auto it = std::find(keys.begin(), keys.end(), m.key);
    if (it == keys.end()) {
        ctx.unknown_key(m, path, keys, "a step action");
        ctx.untrust(path);
        return;
    }
    out.kind = static_cast<StepAction::Kind>(it - keys.begin());
    bool ok = true;
    switch (out.kind) {
        case StepAction::Kind::highlight:
            ok = read_string_list(ctx, m.value, child, out.nodes);
            break;
        case StepAction::Kind::speed: ok = read_number(ctx, m.value, child, out.speed); break;
        case StepAction::Kind::chart: ok = read_string(ctx, m.value, child, out.node); break;
        case StepAction::Kind::inject:
            parse_fault(ctx, m.value, child, out.fault, FaultUse::injected);
            break;
        case StepAction::Kind::clear:
            parse_fault(ctx, m.value, child, out.fault, FaultUse::cleared);
            break;
    }
    if (!ok) ctx.untrust(path);
}

void read_actions(ParseContext& ctx, const json::Value& v, const std::string& path,
                  std::vector<StepAction>& out) {
    if (!ctx.expect(v, json::Type::array, path, "an array of actions")) return;
    for (std::size_t i = 0; i < v.items.size(); ++i) {
        out.emplace_back();
        read_action(ctx, v.items[i], json::path_index(path, i), out.back());
    }
}

void read_answer(ParseContext& ctx, const json::Value& v, const std::string& path, int& out) {
    int index = 0;
    bool ok = v.type == json::Type::number && v.integer;
    if (ok) {
        auto [end, ec] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), index);
        ok = ec == std::errc{} && end == v.text.data() + v.text.size() && index >= 0;
    }
    if (!ok) {
        ctx.error(
            v.pos, path,
            "must be the index of the right option (an integer >= 0), got " + describe_json(v));
        ctx.untrust(path);
        return;
    }
    out = index;
}

/// The keys each kind of question takes besides `kind`, `question` and `why`.
std::vector<std::string> own_keys(StepQuestion::Kind kind) {
    if (kind == StepQuestion::Kind::choice) return {"options", "answer"};
    return {"metric", "at_s", "tolerance"};
}

void read_question(ParseContext& ctx, const json::Value& v, const std::string& path,
                   StepQuestion& out) {
    if (!ctx.expect(v, json::Type::object, path,
                    "an object {\"kind\": \"choice\" or \"predict\", \"question\": ...}")) {
        ctx.untrust(path);
        return;
    }
    const json::Value* kind = ctx.require(v, path, "kind", "(\"choice\" or \"predict\")");
    if (!kind) {
        ctx.untrust(path);  // what else it needs depends on the kind
        return;
    }
    if (kind->type == json::Type::string && kind->text == "choice")
        out.kind = StepQuestion::Kind::choice;
    else if (kind->type == json::Type::string && kind->text == "predict")
        out.kind = StepQuestion::Kind::predict;
    else {
        ctx.error(kind->pos, json::path_key(path, "kind"),
                  "must be \"choice\" or \"predict\", got " + describe_json(*kind));
        ctx.untrust(path);
        return;
    }
    const auto own = own_keys(out.kind);
    std::vector<std::string> allowed{"kind", "question", "why"};
    allowed.insert(allowed.end(), own.begin(), own.end());
    const std::string what = std::string("for a ") + to_string(out.kind) + " question";
    const auto other =
        own_keys(out.kind == StepQuestion::Kind::choice ? StepQuestion::Kind::predict
                                                        : StepQuestion::Kind::choice);
    for (const auto& m : v.members) {
        const std::string child = json::path_key(path, m.key);
        if (m.key == "kind") continue;
        if (m.key == "question")
            read_string(ctx, m.value, child, out.question);
        else if (m.key == "why")
            read_string(ctx, m.value, child, out.why);
        else if (m.key == "options" && out.kind == StepQuestion::Kind::choice)
            read_string_list(ctx, m.value, child, out.options);
        else if (m.key == "answer" && out.kind == StepQuestion::Kind::choice)
            read_answer(ctx, m.value, child, out.answer);
        else if (m.key == "metric" && out.kind == StepQuestion::Kind::predict)
            read_string(ctx, m.value, child, out.metric);
        else if (m.key == "at_s" && out.kind == StepQuestion::Kind::predict)
            read_number(ctx, m.value, child, out.at_s);
        else if (m.key == "tolerance" && out.kind == StepQuestion::Kind::predict)
            read_number(ctx, m.value, child, out.tolerance);
        else if (std::find(other.begin(), other.end(), m.key) != other.end())
            ctx.error(m.key_pos, child, "not a key " + what);
        else
            ctx.unknown_key(m, path, allowed);
    }
    std::vector<std::string> required{"question", "why"};
    required.insert(required.end(), own.begin(), own.end());
    require_all(ctx, v, path, required, what);
}

void read_step(ParseContext& ctx, const json::Value& v, const std::string& path, LessonStep& out) {
    if (!ctx.expect(v, json::Type::object, path, "an object {\"title\": ..., \"text\": ...}")) {
        ctx.untrust(path);
        return;
    }
    for (const auto& m : v.members) {
        const std::string child = json::path_key(path, m.key);
        if (m.key == "title")
            read_string(ctx, m.value, child, out.title);
        else if (m.key == "text")
            read_string(ctx, m.value, child, out.text);
        else if (m.key == "at_s") {
            double at = 0;
            if (read_number(ctx, m.value, child, at)) out.at_s = at;
        } else if (m.key == "when") {
            out.when.emplace();
            read_condition(ctx, m.value, child, *out.when);
        } else if (m.key == "do")
            read_actions(ctx, m.value, child, out.actions);
        else if (m.key == "ask") {
            out.ask.emplace();
            read_question(ctx, m.value, child, *out.ask);
        } else
            ctx.unknown_key(m, path, step_keys(), "a lesson step");
    }
    ctx.require(v, path, "title");
}

}  // namespace

void parse_lesson_steps(ParseContext& ctx, const json::Value& v, const std::string& path,
                        std::vector<LessonStep>& out) {
    if (!ctx.expect(v, json::Type::array, path, "an array of steps")) {
        ctx.untrust(path);
        return;
    }
    for (std::size_t i = 0; i < v.items.size(); ++i) {
        out.emplace_back();
        read_step(ctx, v.items[i], json::path_index(path, i), out.back());
    }
}

}  // namespace flowlab::model::detail
