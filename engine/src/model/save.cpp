// Writing a Scenario as flowlab/1 JSON. Keys come in a fixed order (the schema's), values
// equal to their defaults are left out, and the printer's layout depends only on the
// content, so the same scenario always gives the same bytes.
#include "flowlab/model/save.hpp"

#include <cstdio>

#include "flowlab/model/atomic_file.hpp"
#include "flowlab/model/schema.hpp"

namespace flowlab::model {

namespace {

constexpr std::size_t line_width = 100;

/// A JSON value about to be printed.
struct Out {
    enum class Kind { scalar, object, array };
    Kind kind = Kind::scalar;
    std::string text;  // scalar: its JSON text
    // Object members as two parallel lists: a pair holding an Out inside Out itself is an
    // incomplete type that clang's standard library refuses.
    std::vector<std::string> keys;
    std::vector<Out> members;
    std::vector<Out> items;

    static Out object() { return {Kind::object, {}, {}, {}, {}}; }
    static Out array() { return {Kind::array, {}, {}, {}, {}}; }
    static Out raw(std::string t) { return {Kind::scalar, std::move(t), {}, {}, {}}; }
    void add(std::string key, Out v) {
        keys.push_back(std::move(key));
        members.push_back(std::move(v));
    }
};

std::string quote(std::string_view s) {
    std::string out = "\"";
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += ch;
                }
        }
    }
    return out + "\"";
}

Out string(std::string_view s) { return Out::raw(quote(s)); }
Out number(double d) { return Out::raw(format_number(d)); }

Out distribution(const Distribution& d) {
    using K = Distribution::Kind;
    if (d.bare_number && d.kind == K::constant) return number(d.a);
    Out o = Out::object();
    switch (d.kind) {
        case K::constant:
            o.add("dist", string("constant"));
            o.add("ms", number(d.a));
            break;
        case K::exponential:
            o.add("dist", string("exponential"));
            o.add("mean_ms", number(d.a));
            break;
        case K::uniform:
            o.add("dist", string("uniform"));
            o.add("min_ms", number(d.a));
            o.add("max_ms", number(d.b));
            break;
        case K::lognormal:
            o.add("dist", string("lognormal"));
            o.add("median_ms", number(d.a));
            o.add("p99_ms", number(d.b));
            break;
    }
    return o;
}

Out value(const ParamValue& v) {
    if (auto* b = std::get_if<bool>(&v)) return Out::raw(*b ? "true" : "false");
    if (auto* i = std::get_if<std::int64_t>(&v)) return Out::raw(std::to_string(*i));
    if (auto* d = std::get_if<double>(&v)) return number(*d);
    if (auto* s = std::get_if<std::string>(&v)) return string(*s);
    if (auto* dist = std::get_if<Distribution>(&v)) return distribution(*dist);
    return Out::raw("null");
}

template <class Owner>
void add_params(Out& obj, const std::vector<Param<Owner>>& params, const Owner& owner) {
    for (const auto& p : params) {
        ParamValue v = p.get(owner);
        if (p.type == ParamType::group) {
            if (v != ParamValue(true)) continue;
            Out group = Out::object();
            add_params(group, p.fields, owner);
            obj.add(p.key, std::move(group));
        } else if (!std::holds_alternative<std::monostate>(v) &&
                   (p.required || v != p.default_value)) {
            obj.add(p.key, value(v));
        }
    }
}

Out string_list(const std::vector<std::string>& items) {
    Out a = Out::array();
    for (const auto& s : items) a.items.push_back(string(s));
    return a;
}

Out watch_item(const WatchItem& w) {
    // A prose-only entry (from an older file) stays the plain string it was.
    if (w.metric.empty() && w.label.empty()) return string(w.text);
    Out o = Out::object();
    o.add("metric", string(w.metric));
    o.add("label", string(w.label));
    if (!w.text.empty()) o.add("text", string(w.text));
    if (w.expect) o.add("expect", number(*w.expect));
    if (!w.against.empty()) o.add("against", string(w.against));
    if (w.relation != WatchItem::Relation::near) o.add("op", string(to_string(w.relation)));
    if (w.tolerance != 0) o.add("tolerance", number(w.tolerance));
    return o;
}

Out watch_list(const std::vector<WatchItem>& items) {
    Out a = Out::array();
    for (const auto& w : items) a.items.push_back(watch_item(w));
    return a;
}

/// A fault in the spec's order: (when,) what, then how much. A step's injected fault has
/// no at_s; the fault it clears has only its target and kind.
Out fault_out(const Fault& f, bool with_at, bool with_params) {
    const auto& params = fault_params(f.kind);  // at_s, for_s, then the fault's own
    Out o = Out::object();
    if (with_params)
        add_params(
            o, std::vector<FaultParam>(params.begin() + (with_at ? 0 : 1), params.begin() + 2), f);
    o.add("target", string(f.target));
    o.add("fault", string(to_string(f.kind)));
    if (with_params) add_params(o, std::vector<FaultParam>(params.begin() + 2, params.end()), f);
    return o;
}

Out step_action(const StepAction& a) {
    Out o = Out::object();
    switch (a.kind) {
        case StepAction::Kind::highlight: o.add("highlight", string_list(a.nodes)); break;
        case StepAction::Kind::speed: o.add("speed", number(a.speed)); break;
        case StepAction::Kind::chart: o.add("chart", string(a.node)); break;
        case StepAction::Kind::inject: o.add("inject", fault_out(a.fault, false, true)); break;
        case StepAction::Kind::clear: o.add("clear", fault_out(a.fault, false, false)); break;
    }
    return o;
}

Out step_question(const StepQuestion& q) {
    Out o = Out::object();
    o.add("kind", string(to_string(q.kind)));
    o.add("question", string(q.question));
    if (q.kind == StepQuestion::Kind::choice) {
        o.add("options", string_list(q.options));
        o.add("answer", Out::raw(std::to_string(q.answer)));
    } else {
        o.add("metric", string(q.metric));
        o.add("at_s", number(q.at_s));
        o.add("tolerance", number(q.tolerance));
    }
    o.add("why", string(q.why));
    return o;
}

Out lesson_step(const LessonStep& step) {
    Out o = Out::object();
    o.add("title", string(step.title));
    if (!step.text.empty()) o.add("text", string(step.text));
    if (step.at_s) o.add("at_s", number(*step.at_s));
    if (step.when) {
        Out when = Out::object();
        when.add("metric", string(step.when->metric));
        when.add("op", string(to_string(step.when->op)));
        when.add("value", number(step.when->value));
        o.add("when", std::move(when));
    }
    if (!step.actions.empty()) {
        Out actions = Out::array();
        for (const auto& a : step.actions) actions.items.push_back(step_action(a));
        o.add("do", std::move(actions));
    }
    if (step.ask) o.add("ask", step_question(*step.ask));
    return o;
}

Out goal_list(const std::vector<Goal>& goals) {
    Out a = Out::array();
    for (const auto& g : goals) {
        Out o = Out::object();
        o.add("metric", string(g.metric));
        if (g.min) o.add("min", number(*g.min));
        if (g.max) o.add("max", number(*g.max));
        a.items.push_back(std::move(o));
    }
    return a;
}

Out challenge_out(const Challenge& c) {
    Out o = Out::object();
    o.add("brief", string(c.brief));
    o.add("goals", goal_list(c.goals));
    if (!c.locked.empty()) o.add("locked", string_list(c.locked));
    Out budget = Out::object();
    if (c.budget.threads) budget.add("threads", Out::raw(std::to_string(*c.budget.threads)));
    if (c.budget.consumer_instances)
        budget.add("consumer_instances", Out::raw(std::to_string(*c.budget.consumer_instances)));
    if (!budget.members.empty()) o.add("budget", std::move(budget));
    if (!c.hints.empty()) o.add("hints", string_list(c.hints));
    return o;
}

Out recorded_input(const RecordedInput& r) {
    Out o = Out::object();
    o.add("at_s", number(r.at_s));
    const char* key = to_string(r.kind);
    switch (r.kind) {
        case RecordedInput::Kind::fault: o.add(key, fault_out(r.fault, false, true)); break;
        case RecordedInput::Kind::heal: o.add(key, fault_out(r.fault, false, false)); break;
        case RecordedInput::Kind::set: {
            Out set = Out::object();
            for (const auto& [path, v] : r.set) set.add(path, value(v));
            o.add(key, std::move(set));
            break;
        }
        case RecordedInput::Kind::redrive: o.add(key, string(r.dlq)); break;
        case RecordedInput::Kind::extend: o.add(key, number(r.seconds)); break;
    }
    return o;
}

Out scenario_out(const Scenario& s) {
    Out root = Out::object();
    root.add("format", string("flowlab/1"));
    if (!s.name.empty()) root.add("name", string(s.name));
    if (!s.description.empty()) root.add("description", string(s.description));
    if (s.seed != Scenario{}.seed) root.add("seed", Out::raw(std::to_string(s.seed)));
    Out run = Out::object();
    add_params(run, run_params(), s.run);
    root.add("run", std::move(run));
    Out trace = Out::object();
    add_params(trace, trace_params(), s.trace);
    if (!trace.members.empty()) root.add("trace", std::move(trace));

    Out nodes = Out::array();
    for (const auto& n : s.nodes) {
        Out o = Out::object();
        o.add("id", string(n.id));
        o.add("kind", string(to_string(n.kind)));
        if (!n.label.empty()) o.add("label", string(n.label));
        add_params(o, node_params(n.kind), n);
        nodes.items.push_back(std::move(o));
    }
    root.add("nodes", std::move(nodes));

    if (!s.edges.empty()) {
        Out edges = Out::array();
        for (const auto& e : s.edges) {
            Out o = Out::object();
            o.add("from", string(e.from));
            o.add("to", string(e.to));
            o.add("mode", string(to_string(e.mode)));
            add_params(o, edge_params(), e);
            edges.items.push_back(std::move(o));
        }
        root.add("edges", std::move(edges));
    }
    if (!s.faults.empty()) {
        Out faults = Out::array();
        for (const auto& f : s.faults) {
            faults.items.push_back(fault_out(f, true, true));
        }
        root.add("faults", std::move(faults));
    }
    if (!s.layout.empty()) {
        Out layout = Out::object();
        for (const auto& [id, xy] : s.layout) {
            Out point = Out::array();
            point.items = {number(xy.first), number(xy.second)};
            layout.add(id, std::move(point));
        }
        root.add("layout", std::move(layout));
    }
    if (s.lesson) {
        Out lesson = Out::object();
        if (!s.lesson->goal.empty()) lesson.add("goal", string(s.lesson->goal));
        if (!s.lesson->watch.empty()) lesson.add("watch", watch_list(s.lesson->watch));
        if (!s.lesson->explain.empty()) lesson.add("explain", string(s.lesson->explain));
        if (!s.lesson->try_next.empty()) lesson.add("try", string_list(s.lesson->try_next));
        if (!s.lesson->steps.empty()) {
            Out steps = Out::array();
            for (const auto& step : s.lesson->steps) steps.items.push_back(lesson_step(step));
            lesson.add("steps", std::move(steps));
        }
        root.add("lesson", std::move(lesson));
    }
    if (s.challenge) root.add("challenge", challenge_out(*s.challenge));
    if (!s.recording.empty()) {
        Out recording = Out::array();
        for (const auto& r : s.recording) recording.items.push_back(recorded_input(r));
        root.add("recording", std::move(recording));
    }
    return root;
}

/// Nesting depth: a scalar is 0, a container of scalars 1.
int depth(const Out& v) {
    int d = 0;
    for (const auto& m : v.members) d = std::max(d, depth(m));
    for (const auto& i : v.items) d = std::max(d, depth(i));
    return v.kind == Out::Kind::scalar ? 0 : d + 1;
}

std::string flat(const Out& v) {
    if (v.kind == Out::Kind::scalar) return v.text;
    std::string out = v.kind == Out::Kind::object ? "{" : "[";
    bool first = true;
    for (std::size_t i = 0; i < v.members.size(); ++i) {
        out += (first ? "" : ", ") + quote(v.keys[i]) + ": " + flat(v.members[i]);
        first = false;
    }
    for (const auto& i : v.items) {
        out += (first ? "" : ", ") + flat(i);
        first = false;
    }
    return out + (v.kind == Out::Kind::object ? "}" : "]");
}

/// Short containers stay on one line (a layout point, a small node); lists of objects and
/// anything that would pass the line width are spread one entry per line.
void print(const Out& v, std::size_t indent, std::size_t prefix, bool top, std::string& out) {
    bool list_of_containers = false;
    for (const auto& i : v.items)
        list_of_containers = list_of_containers || i.kind != Out::Kind::scalar;
    if (v.kind == Out::Kind::scalar || (!top && !list_of_containers && depth(v) <= 2)) {
        std::string f = flat(v);
        if (v.kind == Out::Kind::scalar || indent + prefix + f.size() + 1 <= line_width) {
            out += f;
            return;
        }
    }
    bool object = v.kind == Out::Kind::object;
    std::size_t count = object ? v.members.size() : v.items.size();
    if (count == 0) {
        out += object ? "{}" : "[]";
        return;
    }
    out += object ? "{\n" : "[\n";
    std::string pad(indent + 2, ' ');
    for (std::size_t i = 0; i < count; ++i) {
        out += pad;
        if (object) {
            std::string key = quote(v.keys[i]) + ": ";
            out += key;
            print(v.members[i], indent + 2, key.size(), false, out);
        } else {
            print(v.items[i], indent + 2, 0, false, out);
        }
        out += i + 1 < count ? ",\n" : "\n";
    }
    out += std::string(indent, ' ') + (object ? "}" : "]");
}

}  // namespace

std::string to_json_text(const Scenario& scenario) {
    std::string out;
    print(scenario_out(scenario), 0, 0, true, out);
    return out + "\n";
}

std::string save_scenario_file(const Scenario& scenario, const std::string& path) {
    return write_file_atomically(path, to_json_text(scenario));
}

}  // namespace flowlab::model
