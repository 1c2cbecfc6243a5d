#include "json_path_set.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <array>
#include <charconv>
#include <cmath>

#include "cli_args.hpp"
#include "flowlab/model/param_path.hpp"

namespace flowlab::cli {

namespace json = boost::json;

namespace {

[[noreturn]] void set_error(const std::string& message) {
    throw CliExit(2, "--set: " + message, "sweep");
}

/// A path that names nothing is a wrong value, not a wrong command line: no usage text.
[[noreturn]] void path_error(const std::string& path, const std::string& message) {
    input_error("flowlab-cli: --set " + path + ": " + message);
}

std::vector<std::string> split_values(const std::string& list) {
    std::vector<std::string> out;
    std::string current;
    int depth = 0;
    bool in_string = false, escaped = false;
    for (char c : list) {
        if (in_string) {
            in_string = escaped || c != '"';
            escaped = !escaped && c == '\\';
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            ++depth;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        } else if (c == ',' && depth == 0) {
            out.push_back(current);
            current.clear();
            continue;
        }
        current += c;
    }
    out.push_back(current);
    return out;
}

bool all_digits(const std::string& s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

/// The element of `arr` (at `where` in the file) that `segment` names, or CliExit(2)
/// saying what is there. Nodes and edges are named as in a parameter path (by id, by
/// FROM->TO or by position), resolved in the loaded scenario, whose nodes and edges are
/// the file's in the same order; any other array by position.
std::size_t find_element(const model::Scenario& scenario, const json::array& arr,
                         const std::string& segment, const std::string& where,
                         const std::string& path) {
    std::string why;
    if (where == "nodes" || where == "edges") {
        if (const auto index = model::find_element(scenario, where, segment, &why)) return *index;
        path_error(path, why);
    }
    if (all_digits(segment)) {
        std::size_t index = 0;
        std::from_chars(segment.data(), segment.data() + segment.size(), index);
        if (segment.size() < 10 && index < arr.size()) return index;
    }
    path_error(path, "'" + where + "' has " + std::to_string(arr.size()) +
                         " elements, so no element " + segment);
}

const char* kind_name(const json::value& v) {
    switch (v.kind()) {
        case json::kind::null: return "null";
        case json::kind::bool_: return "a boolean";
        case json::kind::string: return "a string";
        case json::kind::array: return "an array";
        case json::kind::object: return "an object";
        default: return "a number";
    }
}

/// Whether a number anywhere in `v` overflowed to infinity when it was read (1e400): it
/// would be written back as null and reported as "got null", far from what was typed.
bool has_non_finite(const json::value& v) {
    if (v.is_double()) return !std::isfinite(v.get_double());
    if (v.is_array())
        for (const auto& item : v.get_array())
            if (has_non_finite(item)) return true;
    if (v.is_object())
        for (const auto& member : v.get_object())
            if (has_non_finite(member.value())) return true;
    return false;
}

}  // namespace

SetSpec parse_set_spec(const std::string& argument) {
    const auto eq = argument.find('=');
    if (eq == std::string::npos) set_error("expected PATH=V1,V2,..., got '" + argument + "'");
    SetSpec spec;
    spec.path = argument.substr(0, eq);
    if (spec.path.empty()) set_error("the PATH before '=' is empty");
    if (spec.path.front() == '.' || spec.path.back() == '.' ||
        spec.path.find("..") != std::string::npos)
        set_error("PATH '" + spec.path + "' has an empty segment");
    for (const auto& text : split_values(argument.substr(eq + 1))) {
        if (text.empty())
            set_error("empty value in '" + argument.substr(eq + 1) +
                      "' (values are separated by commas)");
        boost::system::error_code ec;
        json::value v = json::parse(text, ec);
        if (!ec && has_non_finite(v))
            set_error("value '" + text +
                      "' is out of range: not a finite number (a number must lie within "
                      "+-1.7976931348623157e308)");
        // Not JSON: a bare word such as fifo means the string "fifo".
        spec.values.push_back(ec ? json::value(json::string(text)) : std::move(v));
        spec.texts.push_back(text);
    }
    return spec;
}

void set_json_path(json::value& doc, const model::Scenario& scenario, const std::string& path,
                   const json::value& value) {
    std::vector<std::string> segments;
    for (std::size_t start = 0;;) {
        const std::size_t dot = path.find('.', start);
        segments.push_back(
            path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    json::value* at = &doc;
    std::string walked;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const std::string& seg = segments[i];
        const bool last = i + 1 == segments.size();
        const std::string here = walked.empty() ? seg : walked + "." + seg;
        if (at->is_object()) {
            json::object& obj = at->get_object();
            if (last) {
                obj[seg] = value;
                return;
            }
            if (!obj.contains(seg)) obj[seg] = json::object();
            at = &obj[seg];
        } else if (at->is_array()) {
            json::array& arr = at->get_array();
            const std::size_t index = find_element(scenario, arr, seg, walked, path);
            if (last) {
                arr[index] = value;
                return;
            }
            at = &arr[index];
        }
        if (!at->is_object() && !at->is_array())
            path_error(path, "'" + here + "' is " + kind_name(*at) +
                                 ", not an object: nothing can be set inside it");
        walked = here;
    }
}

}  // namespace flowlab::cli
