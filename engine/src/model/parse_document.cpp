// The top level of a scenario file: format, names, seed, run, trace, layout, lesson.
// Nodes, edges and faults are read in parse_graph.cpp, the challenge in parse_challenge.cpp.
#include <charconv>
#include <limits>

#include "model/parse_context.hpp"

namespace flowlab::model::detail {

namespace {

constexpr const char* format_id = "flowlab/1";

const std::vector<std::string>& top_level_keys() {
    static const std::vector<std::string> keys{
        "format", "name",   "description", "seed",   "run",       "trace",    "nodes",
        "edges",  "faults", "layout",      "lesson", "challenge", "recording"};
    return keys;
}

void read_format(ParseContext& ctx, const json::Value& v) {
    if (v.type == json::Type::string && v.text == format_id) return;
    if (v.type == json::Type::string && v.text.rfind("flowlab/", 0) == 0)
        ctx.error(v.pos, "format",
                  "unsupported format " + describe_json(v) + ": this version reads \"" + format_id +
                      "\"");
    else
        ctx.error(v.pos, "format",
                  std::string("must be \"") + format_id + "\", got " + describe_json(v));
}

void read_seed(ParseContext& ctx, const json::Value& v, std::uint64_t& seed) {
    const std::string expected =
        "an integer between 0 and " + std::to_string(std::numeric_limits<std::uint64_t>::max());
    if (v.type == json::Type::number && v.integer) {
        auto [end, ec] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), seed);
        if (ec == std::errc{} && end == v.text.data() + v.text.size()) return;
    }
    ctx.error(v.pos, "seed", "must be " + expected + ", got " + describe_json(v));
    ctx.untrust("seed");
}

void read_layout(ParseContext& ctx, const json::Value& v, Scenario& out) {
    if (!ctx.expect(v, json::Type::object, "layout", "an object of {\"node id\": [x, y]}")) return;
    for (const auto& m : v.members) {
        std::string path = json::path_key("layout", m.key);
        const auto& p = m.value;
        bool ok = p.type == json::Type::array && p.items.size() == 2 &&
                  p.items[0].type == json::Type::number && p.items[1].type == json::Type::number;
        if (!ok) {
            ctx.error(p.pos, path, "must be [x, y] (two numbers), got " + describe_json(p));
            continue;
        }
        out.layout[m.key] = {p.items[0].number, p.items[1].number};
    }
}

const std::vector<std::string>& watch_keys() {
    static const std::vector<std::string> keys{"metric",  "label", "text",     "expect",
                                               "against", "op",    "tolerance"};
    return keys;
}

void read_relation(ParseContext& ctx, const json::Value& v, const std::string& path,
                   WatchItem::Relation& out) {
    using R = WatchItem::Relation;
    for (R r : {R::near, R::at_most, R::at_least})
        if (v.type == json::Type::string && v.text == to_string(r)) {
            out = r;
            return;
        }
    ctx.error(v.pos, path, "must be \"==\", \"<=\" or \">=\", got " + describe_json(v));
}

/// A watch entry: an object naming a metric, or (older files) a string of prose only.
void read_watch_item(ParseContext& ctx, const json::Value& v, const std::string& path,
                     WatchItem& item) {
    if (v.type == json::Type::string) {
        item.text = v.text;
        return;
    }
    if (!ctx.expect(v, json::Type::object, path,
                    "an object {\"metric\": ..., \"label\": ...} or a string"))
        return;
    for (const auto& m : v.members) {
        const std::string child = json::path_key(path, m.key);
        if (m.key == "metric")
            read_string(ctx, m.value, child, item.metric);
        else if (m.key == "label")
            read_string(ctx, m.value, child, item.label);
        else if (m.key == "text")
            read_string(ctx, m.value, child, item.text);
        else if (m.key == "against")
            read_string(ctx, m.value, child, item.against);
        else if (m.key == "op")
            read_relation(ctx, m.value, child, item.relation);
        else if (m.key == "expect") {
            double x = 0;
            if (read_number(ctx, m.value, child, x)) item.expect = x;
        } else if (m.key == "tolerance")
            read_number(ctx, m.value, child, item.tolerance);
        else
            ctx.unknown_key(m, path, watch_keys());
    }
    if (!v.find("metric")) ctx.error(v.pos, path, "missing required key 'metric'");
    if (!v.find("label")) ctx.error(v.pos, path, "missing required key 'label'");
}

void read_watch(ParseContext& ctx, const json::Value& v, const std::string& path,
                std::vector<WatchItem>& out) {
    if (!ctx.expect(v, json::Type::array, path, "an array of watch entries")) return;
    for (std::size_t i = 0; i < v.items.size(); ++i) {
        WatchItem item;
        read_watch_item(ctx, v.items[i], json::path_index(path, i), item);
        out.push_back(std::move(item));
    }
}

void read_lesson(ParseContext& ctx, const json::Value& v, Scenario& out) {
    if (!ctx.expect(v, json::Type::object, "lesson", "an object")) return;
    Lesson lesson;
    for (const auto& m : v.members) {
        std::string path = json::path_key("lesson", m.key);
        if (m.key == "goal")
            read_string(ctx, m.value, path, lesson.goal);
        else if (m.key == "explain")
            read_string(ctx, m.value, path, lesson.explain);
        else if (m.key == "watch")
            read_watch(ctx, m.value, path, lesson.watch);
        else if (m.key == "try")
            read_string_list(ctx, m.value, path, lesson.try_next);
        else if (m.key == "steps")
            parse_lesson_steps(ctx, m.value, path, lesson.steps);
        else
            ctx.unknown_key(m, "lesson", {"goal", "watch", "explain", "try", "steps"});
    }
    out.lesson = std::move(lesson);
}

}  // namespace

void parse_document(ParseContext& ctx, const json::Value& root, Scenario& out) {
    if (!ctx.expect(root, json::Type::object, "", "a JSON object (a flowlab/1 scenario)")) {
        ctx.untrust("");
        return;
    }
    for (const auto& m : root.members)
        if (std::find(top_level_keys().begin(), top_level_keys().end(), m.key) ==
            top_level_keys().end())
            ctx.unknown_key(m, "", top_level_keys());

    if (const auto* v = ctx.require(root, "", "format")) read_format(ctx, *v);
    if (const auto* v = root.find("name")) read_string(ctx, *v, "name", out.name);
    if (const auto* v = root.find("description"))
        read_string(ctx, *v, "description", out.description);
    if (const auto* v = root.find("seed")) read_seed(ctx, *v, out.seed);
    if (const auto* v = root.find("run")) {
        if (ctx.expect(*v, json::Type::object, "run", "an object"))
            ctx.read_params(*v, "run", run_params(), out.run);
        else
            ctx.untrust("run");
    }
    if (const auto* v = root.find("trace")) {
        if (ctx.expect(*v, json::Type::object, "trace", "an object"))
            ctx.read_params(*v, "trace", trace_params(), out.trace);
    }
    // Nodes first: edges and faults look up the kinds of the nodes they name.
    if (const auto* v = ctx.require(root, "", "nodes")) parse_nodes(ctx, *v, out);
    if (const auto* v = root.find("edges")) parse_edges(ctx, *v, out);
    if (const auto* v = root.find("faults")) parse_faults(ctx, *v, out);
    if (const auto* v = root.find("layout")) read_layout(ctx, *v, out);
    if (const auto* v = root.find("lesson")) read_lesson(ctx, *v, out);
    if (const auto* v = root.find("challenge")) parse_challenge(ctx, *v, out);
    // Last: its `set` paths name nodes and edges read above.
    if (const auto* v = root.find("recording")) parse_recording(ctx, *v, out);
}

}  // namespace flowlab::model::detail
