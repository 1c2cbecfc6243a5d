// `flowlab-compare-pair/1`: the pair's own keys are read with the scenario reader's
// located diagnostics; the two scenarios it names are loaded as any scenario file is.

#include <filesystem>

#include "flowlab/model/compare_pair.hpp"
#include "model/parse_context.hpp"

namespace flowlab::model {

namespace {

using detail::ParseContext;

const std::vector<std::string>& pair_keys() {
    static const std::vector<std::string> keys{"format", "title", "a", "b", "explain", "watch"};
    return keys;
}

void read_watch_item(ParseContext& ctx, const json::Value& v, const std::string& path,
                     ComparePairWatch& out) {
    if (!ctx.expect(v, json::Type::object, path,
                    "an object {\"metric\": ..., \"label\": ..., \"better\": ...}"))
        return;
    for (const auto& m : v.members) {
        const std::string child = json::path_key(path, m.key);
        if (m.key == "metric") {
            detail::read_string(ctx, m.value, child, out.metric);
        } else if (m.key == "label") {
            detail::read_string(ctx, m.value, child, out.label);
        } else if (m.key == "better") {
            std::string name;
            if (!detail::read_string(ctx, m.value, child, name)) continue;
            if (name == "higher")
                out.better = Better::higher;
            else if (name == "lower")
                out.better = Better::lower;
            else
                ctx.error(m.value.pos, child,
                          "must be \"higher\" or \"lower\", got " + detail::describe_json(m.value));
        } else {
            ctx.unknown_key(m, path, {"metric", "label", "better"}, "a watched figure");
        }
    }
    if (!v.find("metric")) ctx.error(v.pos, path, "missing required key 'metric'");
}

void read_watch(ParseContext& ctx, const json::Value& v, std::vector<ComparePairWatch>& out) {
    if (!ctx.expect(v, json::Type::array, "watch", "an array of watched figures")) return;
    for (std::size_t i = 0; i < v.items.size(); ++i) {
        out.emplace_back();
        read_watch_item(ctx, v.items[i], json::path_index("watch", i), out.back());
    }
}

/// Loads the scenario named at `key`; its own diagnostics go into `nested`.
void read_side(ParseContext& ctx, const json::Value& v, const std::string& key,
               const std::string& folder, ScenarioCheck extra, std::string& file, Scenario& out,
               std::vector<Diagnostic>& nested) {
    std::string relative;
    if (!detail::read_string(ctx, v, key, relative)) return;
    if (relative.empty()) return ctx.error(v.pos, key, "must name a scenario file, got \"\"");
    const std::filesystem::path p = std::filesystem::path(folder) / relative;
    file = p.lexically_normal().string();
    ParseResult loaded = load_scenario_file(file, extra);
    if (loaded.ok()) {
        out = std::move(*loaded.scenario);
        return;
    }
    ctx.error(v.pos, key,
              "cannot open scenario " + relative + ": " + loaded.errors.front().to_string());
    for (std::size_t i = 1; i < loaded.errors.size(); ++i) nested.push_back(loaded.errors[i]);
}

}  // namespace

std::string_view better_name(Better better) {
    switch (better) {
        case Better::higher: return "higher";
        case Better::lower: return "lower";
        case Better::unknown: break;
    }
    return "";
}

ComparePairResult parse_compare_pair(std::string_view text, std::string_view file,
                                     const std::string& folder, ScenarioCheck extra) {
    ParseContext ctx;
    auto read = json::read(text);
    for (auto& e : read.errors) ctx.error(e.pos, std::move(e.path), std::move(e.message));
    ComparePair pair;
    std::vector<Diagnostic> nested;
    if (read.root && ctx.expect(*read.root, json::Type::object, "", "an object")) {
        const json::Value& root = *read.root;
        for (const auto& m : root.members) {
            if (m.key == "format") {
                std::string format;
                if (detail::read_string(ctx, m.value, "format", format) &&
                    format != compare_pair_format)
                    ctx.error(m.value.pos, "format",
                              "must be \"" + std::string(compare_pair_format) + "\", got " +
                                  detail::describe_json(m.value));
            } else if (m.key == "title") {
                detail::read_string(ctx, m.value, "title", pair.title);
            } else if (m.key == "explain") {
                detail::read_string(ctx, m.value, "explain", pair.explain);
            } else if (m.key == "a") {
                read_side(ctx, m.value, "a", folder, extra, pair.a_file, pair.a, nested);
            } else if (m.key == "b") {
                read_side(ctx, m.value, "b", folder, extra, pair.b_file, pair.b, nested);
            } else if (m.key == "watch") {
                read_watch(ctx, m.value, pair.watch);
            } else {
                ctx.unknown_key(m, "", pair_keys(), "a compare pair");
            }
        }
        for (const char* key : {"format", "title", "a", "b"})
            if (!root.find(key))
                ctx.error(root.pos, "", std::string("missing required key '") + key + "'");
    }
    ComparePairResult result;
    for (auto& d : ctx.diagnostics) d.file = std::string(file);
    result.errors = std::move(ctx.diagnostics);
    result.errors.insert(result.errors.end(), nested.begin(), nested.end());
    if (result.errors.empty()) result.pair = std::move(pair);
    return result;
}

ComparePairResult load_compare_pair(const std::string& path, ScenarioCheck extra) {
    ScenarioText text = read_scenario_text(path);
    if (text.error) return {std::nullopt, {*text.error}};
    const std::string folder = std::filesystem::path(path).parent_path().string();
    return parse_compare_pair(text.text, path, folder, extra);
}

}  // namespace flowlab::model
