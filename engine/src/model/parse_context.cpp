#include "model/parse_context.hpp"

#include <cctype>
#include <charconv>

namespace flowlab::model::detail {

namespace {

std::string lower(std::string_view s) {
    std::string out;
    for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/// Optimal string alignment distance: Levenshtein plus adjacent swaps ("thraeds").
std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[a.size()][b.size()];
}

std::string quoted_list(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", '" : "'") + items[i] + "'";
    return out;
}

const std::vector<std::string>& dist_names() {
    static const std::vector<std::string> names{"constant", "exponential", "uniform", "lognormal"};
    return names;
}

std::vector<std::string> dist_keys(Distribution::Kind k) {
    switch (k) {
        case Distribution::Kind::constant: return {"ms"};
        case Distribution::Kind::exponential: return {"mean_ms"};
        case Distribution::Kind::uniform: return {"min_ms", "max_ms"};
        case Distribution::Kind::lognormal: return {"median_ms", "p99_ms"};
    }
    return {};
}

}  // namespace

std::string describe_json(const json::Value& v) {
    switch (v.type) {
        case json::Type::null: return "null";
        case json::Type::boolean: return v.boolean ? "true" : "false";
        case json::Type::number: return v.text;
        case json::Type::string: {
            constexpr std::size_t max_shown = 40;
            if (v.text.size() <= max_shown) return "\"" + v.text + "\"";
            std::size_t cut = max_shown;
            while (cut > 0 && (static_cast<unsigned char>(v.text[cut]) & 0xC0) == 0x80) --cut;
            std::string shown = "\"";
            shown.append(v.text, 0, cut);
            return shown + "...\"";
        }
        case json::Type::array: return "an array";
        case json::Type::object: return "an object";
    }
    return "a value";
}

std::string closest_match(std::string_view key, const std::vector<std::string>& candidates) {
    std::string k = lower(key);
    // A key written without its unit ("timeout" for "timeout_ms") is the likeliest slip.
    for (const auto& c : candidates)
        if (c.size() > k.size() + 1 && lower(c).rfind(k + "_", 0) == 0) return c;
    std::size_t limit = k.size() <= 4 ? 1 : k.size() <= 8 ? 2 : 3;
    std::string best;
    std::size_t best_distance = limit + 1;
    for (const auto& c : candidates) {
        std::size_t d = edit_distance(k, lower(c));
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best == key ? "" : best;
}

std::string did_you_mean(std::string_view key, const std::vector<std::string>& candidates) {
    std::string best = closest_match(key, candidates);
    return best.empty() ? "" : " (did you mean '" + best + "'?)";
}

std::string with_article(std::string_view word) {
    bool vowel =
        !word.empty() && std::string_view("aeiouAEIOU").find(word[0]) != std::string_view::npos;
    if (word.substr(0, 3) == "uni") vowel = false;  // "a uniform distribution"
    return (vowel ? "an " : "a ") + std::string(word);
}

void ParseContext::error(json::Position pos, std::string path, std::string message) {
    Diagnostic d;
    d.line = pos.line;
    d.column = pos.column;
    d.path = std::move(path);
    d.message = std::move(message);
    diagnostics.push_back(std::move(d));
}

bool ParseContext::expect(const json::Value& v, json::Type t, const std::string& path,
                          const std::string& expected) {
    if (v.type == t) return true;
    error(v.pos, path, "must be " + expected + ", got " + describe_json(v));
    return false;
}

const json::Value* ParseContext::require(const json::Value& obj, const std::string& path,
                                         const std::string& key, const std::string& what) {
    if (const auto* v = obj.find(key)) return v;
    error(obj.pos, path, "missing required key '" + key + "'" + (what.empty() ? "" : " " + what));
    untrust(json::path_key(path, key));
    return nullptr;
}

void ParseContext::unknown_key(const json::Member& m, const std::string& path,
                               const std::vector<std::string>& allowed,
                               const std::string& context) {
    error(m.key_pos, json::path_key(path, m.key),
          "unknown key" + (context.empty() ? "" : " in " + context) + did_you_mean(m.key, allowed));
}

bool read_string(ParseContext& ctx, const json::Value& v, const std::string& path,
                 std::string& out) {
    if (!ctx.expect(v, json::Type::string, path, "a string")) {
        ctx.untrust(path);
        return false;
    }
    out = v.text;
    return true;
}

bool read_number(ParseContext& ctx, const json::Value& v, const std::string& path, double& out) {
    if (!ctx.expect(v, json::Type::number, path, "a number")) {
        ctx.untrust(path);
        return false;
    }
    out = v.number;
    return true;
}

bool read_string_list(ParseContext& ctx, const json::Value& v, const std::string& path,
                      std::vector<std::string>& out) {
    if (!ctx.expect(v, json::Type::array, path, "an array of strings")) {
        ctx.untrust(path);
        return false;
    }
    for (std::size_t i = 0; i < v.items.size(); ++i) {
        out.emplace_back();
        read_string(ctx, v.items[i], json::path_index(path, i), out.back());
    }
    return true;
}

std::optional<Distribution> ParseContext::read_distribution(const json::Value& v,
                                                            const std::string& path) {
    if (v.type == json::Type::number) return Distribution::constant(v.number);
    const json::Value* d = v.find("dist");
    if (!d) {
        error(v.pos, path,
              "missing required key 'dist' (one of " + quoted_list(dist_names()) + ")");
        return std::nullopt;
    }
    std::string dist_path = json::path_key(path, "dist");
    auto it = d->type == json::Type::string
                  ? std::find(dist_names().begin(), dist_names().end(), d->text)
                  : dist_names().end();
    if (it == dist_names().end()) {
        error(d->pos, dist_path,
              "must be one of " + quoted_list(dist_names()) + ", got " + describe_json(*d) +
                  (d->type == json::Type::string ? did_you_mean(d->text, dist_names()) : ""));
        return std::nullopt;
    }
    auto kind = static_cast<Distribution::Kind>(it - dist_names().begin());
    auto needed = dist_keys(kind);
    std::string what = with_article(*it) + " distribution";
    bool ok = true;
    double numbers[2] = {0.0, 0.0};
    std::vector<std::string> suggested;  // a typo of a needed key is not also reported missing
    for (const auto& m : v.members) {
        if (m.key == "dist") continue;
        auto k = std::find(needed.begin(), needed.end(), m.key);
        if (k == needed.end()) {
            error(m.key_pos, json::path_key(path, m.key),
                  "not a key of " + what + " (it takes " + quoted_list(needed) + ")" +
                      did_you_mean(m.key, needed));
            suggested.push_back(closest_match(m.key, needed));
            ok = false;
        } else if (expect(m.value, json::Type::number, json::path_key(path, m.key), "a number")) {
            numbers[k - needed.begin()] = m.value.number;
        } else {
            ok = false;
        }
    }
    for (const auto& key : needed)
        if (!v.find(key) && std::find(suggested.begin(), suggested.end(), key) == suggested.end()) {
            error(v.pos, path, "missing required key '" + key + "' for " + what);
            ok = false;
        }
    if (!ok) return std::nullopt;
    Distribution out;
    out.kind = kind;
    out.a = numbers[0];
    out.b = numbers[1];
    out.bare_number = false;
    return out;
}

std::optional<ParamValue> ParseContext::read_value(const ParamInfo& info, const json::Value& v,
                                                   const std::string& path) {
    auto mismatch = [&]() -> std::optional<ParamValue> {
        error(v.pos, path, "must be " + describe_expected(info) + ", got " + describe_json(v));
        return std::nullopt;
    };
    ParamValue value;
    switch (info.type) {
        case ParamType::number:
        case ParamType::optional_number:
            if (v.type != json::Type::number) return mismatch();
            value = v.number;
            break;
        case ParamType::integer:
        case ParamType::optional_integer: {
            if (v.type != json::Type::number || !v.integer) return mismatch();
            std::int64_t i = 0;
            auto [end, ec] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), i);
            if (ec == std::errc::result_out_of_range) {
                // Past 64 bits: say which bound it breaks, not a lower bound it meets.
                const bool negative = !v.text.empty() && v.text[0] == '-';
                const std::string bound =
                    negative
                        ? (info.min ? ">= " + format_number(*info.min) : "that fits 64 bits")
                        : (info.max ? "<= " + format_number(*info.max) : "<= 9223372036854775807");
                error(v.pos, path, "must be an integer " + bound + ", got " + v.text);
                return std::nullopt;
            }
            if (ec != std::errc{} || end != v.text.data() + v.text.size()) return mismatch();
            value = i;
            break;
        }
        case ParamType::boolean:
            if (v.type != json::Type::boolean) return mismatch();
            value = v.boolean;
            break;
        case ParamType::choice:
            if (v.type != json::Type::string) return mismatch();
            if (std::find(info.choices.begin(), info.choices.end(), v.text) == info.choices.end()) {
                error(v.pos, path,
                      "must be " + describe_expected(info) + ", got " + describe_json(v) +
                          did_you_mean(v.text, info.choices));
                return std::nullopt;
            }
            value = v.text;
            break;
        case ParamType::distribution: {
            if (v.type != json::Type::number && v.type != json::Type::object) return mismatch();
            auto d = read_distribution(v, path);
            if (!d) return std::nullopt;
            value = *d;
            break;
        }
        case ParamType::group: return mismatch();
        case ParamType::node_ref:
            if (v.type != json::Type::string || v.text.empty()) return mismatch();
            value = v.text;
            break;
    }
    auto problems = check_param(info, value);
    for (const auto& pr : problems) {
        json::Position pos = v.pos;
        if (!pr.subpath.empty())
            if (const auto* sub = v.find(pr.subpath.substr(1))) pos = sub->pos;
        error(pos, path + pr.subpath, pr.message);
    }
    if (!problems.empty()) return std::nullopt;
    return value;
}

}  // namespace flowlab::model::detail
