// The `challenge` block: a brief, goals (metric paths held to a bound), locked nodes, a
// budget and hints. Whether the locked ids exist is checked with the other cross
// references (validate.cpp); whether the goal metrics name report figures is checked
// where reports exist (run::check_metric_paths).
#include <charconv>

#include "model/parse_context.hpp"

namespace flowlab::model::detail {

namespace {

const std::vector<std::string>& challenge_keys() {
    static const std::vector<std::string> keys{"brief", "goals", "locked", "budget", "hints"};
    return keys;
}

void read_goal(ParseContext& ctx, const json::Value& v, const std::string& path, Goal& goal) {
    if (!ctx.expect(
            v, json::Type::object, path,
            "an object {\"metric\": ..., \"min\": ...} or {\"metric\": ..., \"max\": ...}")) {
        ctx.untrust(path);
        return;
    }
    for (const auto& m : v.members) {
        const std::string child = json::path_key(path, m.key);
        double x = 0;
        if (m.key == "metric")
            read_string(ctx, m.value, child, goal.metric);
        else if (m.key == "min" && read_number(ctx, m.value, child, x))
            goal.min = x;
        else if (m.key == "max" && read_number(ctx, m.value, child, x))
            goal.max = x;
        else if (m.key != "min" && m.key != "max")
            ctx.unknown_key(m, path, {"metric", "min", "max"}, "a goal");
    }
    if (!v.find("metric")) ctx.error(v.pos, path, "missing required key 'metric'");
    if (!v.find("min") && !v.find("max"))
        ctx.error(v.pos, path, "a goal needs a bound: 'min' (at least) or 'max' (at most)");
    if (v.find("min") && v.find("max"))
        ctx.error(v.pos, path,
                  "give either 'min' or 'max', not both (write two goals for a range)");
}

void read_goals(ParseContext& ctx, const json::Value& v, const std::string& path,
                std::vector<Goal>& out) {
    if (!ctx.expect(v, json::Type::array, path, "an array of goals")) return;
    if (v.items.empty()) ctx.error(v.pos, path, "a challenge needs at least one goal");
    for (std::size_t i = 0; i < v.items.size(); ++i) {
        Goal goal;
        read_goal(ctx, v.items[i], json::path_index(path, i), goal);
        out.push_back(std::move(goal));
    }
}

void read_limit(ParseContext& ctx, const json::Value& v, const std::string& path,
                std::optional<std::int64_t>& out) {
    std::int64_t n = -1;
    if (v.type == json::Type::number && v.integer) {
        auto [end, ec] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), n);
        if (ec != std::errc{} || end != v.text.data() + v.text.size()) n = -1;
    }
    if (n < 0 || n > 1'000'000'000) {
        ctx.error(v.pos, path,
                  "must be an integer between 0 and 1000000000, got " + describe_json(v));
        return;
    }
    out = n;
}

void read_budget(ParseContext& ctx, const json::Value& v, const std::string& path, Budget& out) {
    if (!ctx.expect(v, json::Type::object, path,
                    "an object {\"threads\": N, \"consumer_instances\": N}"))
        return;
    for (const auto& m : v.members) {
        const std::string child = json::path_key(path, m.key);
        if (m.key == "threads")
            read_limit(ctx, m.value, child, out.threads);
        else if (m.key == "consumer_instances")
            read_limit(ctx, m.value, child, out.consumer_instances);
        else
            ctx.unknown_key(m, path, {"threads", "consumer_instances"}, "the budget");
    }
}

}  // namespace

void parse_challenge(ParseContext& ctx, const json::Value& v, Scenario& out) {
    if (!ctx.expect(v, json::Type::object, "challenge", "an object")) {
        ctx.untrust("challenge");
        return;
    }
    Challenge c;
    for (const auto& m : v.members) {
        const std::string path = json::path_key("challenge", m.key);
        if (m.key == "brief")
            read_string(ctx, m.value, path, c.brief);
        else if (m.key == "goals")
            read_goals(ctx, m.value, path, c.goals);
        else if (m.key == "locked")
            read_string_list(ctx, m.value, path, c.locked);
        else if (m.key == "budget")
            read_budget(ctx, m.value, path, c.budget);
        else if (m.key == "hints")
            read_string_list(ctx, m.value, path, c.hints);
        else
            ctx.unknown_key(m, "challenge", challenge_keys());
    }
    if (!v.find("brief")) ctx.error(v.pos, "challenge", "missing required key 'brief'");
    if (!v.find("goals")) {
        ctx.error(v.pos, "challenge", "missing required key 'goals'");
        ctx.untrust("challenge.goals");
    }
    out.challenge = std::move(c);
}

}  // namespace flowlab::model::detail
