// parse_scenario: syntax (json_reader), then schema (parse_document), then the semantic
// checks of validate(), whose path-only diagnostics get positions from the parsed tree.
#include "flowlab/model/parse.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "model/json_reader.hpp"
#include "model/parse_context.hpp"

namespace flowlab::model {

namespace {

using PositionIndex = std::map<std::string, json::Position>;

void index_positions(const json::Value& v, const std::string& path, PositionIndex& index) {
    index.emplace(path, v.pos);
    for (std::size_t i = 0; i < v.items.size(); ++i)
        index_positions(v.items[i], json::path_index(path, i), index);
    for (const auto& m : v.members) index_positions(m.value, json::path_key(path, m.key), index);
}

/// Where `path` is in the file, or where its nearest written ancestor is (a defaulted
/// key has no position of its own: its object does).
json::Position locate(const PositionIndex& index, std::string path) {
    for (;;) {
        if (auto it = index.find(path); it != index.end()) return it->second;
        if (path.empty()) return {1, 1};
        auto cut = path.find_last_of(".[");
        path = cut == std::string::npos ? "" : path.substr(0, cut);
    }
}

void finish(std::vector<Diagnostic>& diags, std::string_view file) {
    std::set<std::pair<std::string, std::string>> seen;
    std::vector<Diagnostic> unique;
    for (auto& d : diags)
        if (seen.insert({d.path, d.message}).second) unique.push_back(std::move(d));
    std::stable_sort(unique.begin(), unique.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::pair(a.line, a.column) < std::pair(b.line, b.column);
    });
    for (auto& d : unique) d.file = std::string(file);
    diags = std::move(unique);
}

}  // namespace

std::string Diagnostic::to_string() const {
    std::string out = file;
    if (line > 0) {
        if (!out.empty()) out += ':';
        out += std::to_string(line);
        if (column > 0) {
            out += ':';
            out += std::to_string(column);
        }
    }
    if (!out.empty()) out += ": ";
    if (!path.empty()) out += path + ": ";
    return out + message;
}

ParseResult parse_scenario(std::string_view text, std::string_view file, ScenarioCheck extra) {
    ParseResult result;
    detail::ParseContext ctx;
    auto read = json::read(text);
    for (auto& e : read.errors) ctx.error(e.pos, std::move(e.path), std::move(e.message));
    Scenario scenario;
    if (read.root) {
        detail::parse_document(ctx, *read.root, scenario);
        PositionIndex index;
        index_positions(*read.root, "", index);
        auto semantic = detail::validate_scenario(scenario, ctx.untrusted);
        if (extra && semantic.empty() && ctx.diagnostics.empty()) semantic = extra(scenario);
        for (auto& d : semantic) {
            auto pos = locate(index, d.path);
            d.line = pos.line;
            d.column = pos.column;
            ctx.diagnostics.push_back(std::move(d));
        }
    }
    finish(ctx.diagnostics, file);
    result.errors = std::move(ctx.diagnostics);
    if (result.errors.empty()) result.scenario = std::move(scenario);
    return result;
}

ScenarioText read_scenario_text(const std::string& path) {
    ScenarioText result;
    auto fail = [&](std::string message) {
        Diagnostic d;
        d.file = path;
        d.message = std::move(message);
        result.error = std::move(d);
        result.text.clear();
        return result;
    };
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return fail("cannot read: it is a directory");
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(std::string("cannot read: ") + std::strerror(errno));
    const std::string too_large =
        "a scenario is at most " + std::to_string(max_scenario_bytes >> 20) + " MiB";
    // A regular file's size is known before reading it; a pipe's or a device's is not, so
    // every stream is read in chunks and reading stops one byte past the cap (/dev/zero
    // would otherwise be read until memory runs out).
    if (auto size = std::filesystem::file_size(path, ec); !ec && size > max_scenario_bytes)
        return fail("the file is too large (" + std::to_string(size) + " bytes): " + too_large);
    constexpr std::size_t chunk = 64 * 1024;
    while (in && result.text.size() <= max_scenario_bytes) {
        const std::size_t had = result.text.size();
        result.text.resize(had + chunk);
        in.read(result.text.data() + had, static_cast<std::streamsize>(chunk));
        result.text.resize(had + static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) return fail(std::string("cannot read: ") + std::strerror(errno));
    if (result.text.size() > max_scenario_bytes)
        return fail("the input is too large (more than " + std::to_string(max_scenario_bytes) +
                    " bytes): " + too_large);
    return result;
}

ParseResult load_scenario_file(const std::string& path, ScenarioCheck extra) {
    ScenarioText read = read_scenario_text(path);
    if (read.error) {
        ParseResult r;
        r.errors.push_back(std::move(*read.error));
        return r;
    }
    return parse_scenario(read.text, path, extra);
}

std::vector<Diagnostic> validate(const Scenario& scenario) {
    return detail::validate_scenario(scenario, {});
}

}  // namespace flowlab::model
