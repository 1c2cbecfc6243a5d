#pragma once
// What the schema pass shares: the diagnostics found so far, the paths whose value could
// not be read (so validation does not pile consequences onto one mistake), and helpers
// that read a JSON value against a ParamInfo.

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "flowlab/model/parse.hpp"
#include "flowlab/model/schema.hpp"
#include "model/json_reader.hpp"

namespace flowlab::model::detail {

/// "-2", "\"abc\"", "true", "null", "an object": how a JSON value shows in "got ..." messages.
std::string describe_json(const json::Value& v);

/// The candidate closest to `key` (a likely typo), or "".
std::string closest_match(std::string_view key, const std::vector<std::string>& candidates);

/// " (did you mean 'x'?)" or "".
std::string did_you_mean(std::string_view key, const std::vector<std::string>& candidates);

/// "a" or "an", for "an errors fault", "a queue node".
std::string with_article(std::string_view word);

class ParseContext {
public:
    std::vector<Diagnostic> diagnostics;
    /// Paths whose value was missing or unreadable; validation skips what depends on them.
    std::set<std::string> untrusted;

    void error(json::Position pos, std::string path, std::string message);
    void untrust(const std::string& path) { untrusted.insert(path); }

    /// Reports "must be <expected>, got <v>" unless v has type t.
    bool expect(const json::Value& v, json::Type t, const std::string& path,
                const std::string& expected);

    /// The member `key` of an object, or nullptr after reporting it missing (and untrusting it).
    const json::Value* require(const json::Value& obj, const std::string& path,
                               const std::string& key, const std::string& what = "");

    /// Reports an unknown key at the key's position, suggesting a close allowed key.
    void unknown_key(const json::Member& m, const std::string& path,
                     const std::vector<std::string>& allowed, const std::string& context = "");

    /// Reads a value as the parameter's type and checks its range; reports and returns
    /// nullopt when it is not acceptable. Groups are read by read_param below.
    std::optional<ParamValue> read_value(const ParamInfo& info, const json::Value& v,
                                         const std::string& path);

    /// Reads an object of parameters into `owner`; unknown keys are reported unless
    /// `skip` lists them (keys the caller reads itself).
    template <class Owner>
    void read_params(const json::Value& obj, const std::string& path,
                     const std::vector<Param<Owner>>& params, Owner& owner,
                     const std::vector<std::string>& skip = {}, const std::string& context = "");

    /// Reads one parameter (a group: its object of fields) into `owner`.
    template <class Owner>
    void read_param(const Param<Owner>& p, const json::Value& v, const std::string& path,
                    Owner& owner);

private:
    std::optional<Distribution> read_distribution(const json::Value& v, const std::string& path);
};

template <class Owner>
std::vector<std::string> keys_of(const std::vector<Param<Owner>>& params) {
    std::vector<std::string> keys;
    for (const auto& p : params) keys.push_back(p.key);
    return keys;
}

template <class Owner>
const Param<Owner>* find_param(const std::vector<Param<Owner>>& params, std::string_view key) {
    for (const auto& p : params)
        if (p.key == key) return &p;
    return nullptr;
}

template <class Owner>
void ParseContext::read_param(const Param<Owner>& p, const json::Value& v, const std::string& path,
                              Owner& owner) {
    if (p.type != ParamType::group) {
        if (auto value = read_value(p, v, path))
            p.set(owner, *value);
        else
            untrust(path);
        return;
    }
    if (!expect(v, json::Type::object, path, describe_expected(p))) {
        untrust(path);
        return;
    }
    p.set(owner, true);
    read_params(v, path, p.fields, owner);
}

template <class Owner>
void ParseContext::read_params(const json::Value& obj, const std::string& path,
                               const std::vector<Param<Owner>>& params, Owner& owner,
                               const std::vector<std::string>& skip, const std::string& context) {
    for (const auto& m : obj.members) {
        std::string child = json::path_key(path, m.key);
        if (const auto* p = find_param(params, m.key)) {
            read_param(*p, m.value, child, owner);
        } else if (std::find(skip.begin(), skip.end(), m.key) == skip.end()) {
            auto allowed = keys_of(params);
            allowed.insert(allowed.end(), skip.begin(), skip.end());
            unknown_key(m, path, allowed, context);
        }
    }
    for (const auto& p : params)
        if (p.required && !obj.find(p.key)) {
            error(obj.pos, path, "missing required key '" + p.key + "'");
            untrust(json::path_key(path, p.key));
        }
}

/// Plain values outside the parameter tables (names, lesson text): each reports "must be
/// a string" (or number, or array of strings) at the value, untrusts the path and returns
/// false when the value is of another type.
bool read_string(ParseContext& ctx, const json::Value& v, const std::string& path,
                 std::string& out);
bool read_number(ParseContext& ctx, const json::Value& v, const std::string& path, double& out);
bool read_string_list(ParseContext& ctx, const json::Value& v, const std::string& path,
                      std::vector<std::string>& out);

/// Parses the whole document into `out`: everything but the cross-reference checks.
void parse_document(ParseContext& ctx, const json::Value& root, Scenario& out);

/// Nodes, edges and faults (parse_graph.cpp); nodes must be read before edges and faults.
void parse_nodes(ParseContext& ctx, const json::Value& v, Scenario& out);
void parse_edges(ParseContext& ctx, const json::Value& v, Scenario& out);
void parse_faults(ParseContext& ctx, const json::Value& v, Scenario& out);
/// The `challenge` block (parse_challenge.cpp).
void parse_challenge(ParseContext& ctx, const json::Value& v, Scenario& out);

/// How a fault object is used: scheduled in `faults` (at_s required), injected by a lesson
/// step (it starts when the step is entered: no at_s), or cleared by one (target and fault
/// only).
enum class FaultUse { scheduled, injected, cleared };
void parse_fault(ParseContext& ctx, const json::Value& v, const std::string& path, Fault& fault,
                 FaultUse use);

/// `lesson.steps` (parse_lesson_steps.cpp).
void parse_lesson_steps(ParseContext& ctx, const json::Value& v, const std::string& path,
                        std::vector<LessonStep>& out);

/// `recording` (parse_recording.cpp); nodes and edges must be read before it.
void parse_recording(ParseContext& ctx, const json::Value& v, Scenario& out);

/// validate() with the knowledge of which paths could not be read.
std::vector<Diagnostic> validate_scenario(const Scenario& s,
                                          const std::set<std::string>& untrusted);

}  // namespace flowlab::model::detail
