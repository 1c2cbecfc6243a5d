#include "flatten.hpp"

#include <algorithm>
#include <map>

#include "number_format.hpp"

namespace flowlab::cli {

namespace json = boost::json;

namespace {

std::string join(const std::string& prefix, const std::string& key) {
    return prefix.empty() ? key : prefix + "." + key;
}

void flatten_into(const json::value& v, const std::string& key, bool summarize, FlatEntries& out);

void flatten_object(const json::object& obj, const std::string& prefix, bool summarize,
                    FlatEntries& out) {
    for (const auto& m : obj) flatten_into(m.value(), join(prefix, m.key()), summarize, out);
}

void summarize_array(const json::array& arr, const std::string& key, FlatEntries& out) {
    out.emplace_back(key, json::value(static_cast<std::uint64_t>(arr.size())));
    // Keys in first-seen order; integers stay integers while every element's is one.
    std::vector<std::string> order;
    std::map<std::string, std::pair<double, bool>> figure;  // value, all integer
    for (const auto& element : arr) {
        if (!element.is_object()) continue;
        for (const auto& [sub, value] : flatten_all(element.get_object())) {
            if (!value.is_number()) continue;
            const bool is_max = sub.size() >= 4 && sub.compare(sub.size() - 4, 4, "_max") == 0;
            auto [it, fresh] = figure.try_emplace(sub, number_of(value), !value.is_double());
            if (fresh) {
                order.push_back(sub);
                continue;
            }
            it->second.first = is_max ? std::max(it->second.first, number_of(value))
                                      : it->second.first + number_of(value);
            it->second.second = it->second.second && !value.is_double();
        }
    }
    for (const auto& sub : order) {
        const auto& [x, integral] = figure[sub];
        out.emplace_back(join(key, sub),
                         integral ? json::value(static_cast<std::int64_t>(x)) : json::value(x));
    }
}

void flatten_into(const json::value& v, const std::string& key, bool summarize, FlatEntries& out) {
    if (v.is_object()) {
        flatten_object(v.get_object(), key, summarize, out);
    } else if (v.is_array()) {
        const auto& arr = v.get_array();
        if (summarize) {
            summarize_array(arr, key, out);
            return;
        }
        for (std::size_t i = 0; i < arr.size(); ++i)
            flatten_into(arr[i], join(key, std::to_string(i)), false, out);
    } else {
        out.emplace_back(key, v);
    }
}

}  // namespace

FlatEntries flatten_all(const json::object& obj) {
    FlatEntries out;
    flatten_object(obj, "", false, out);
    return out;
}

FlatEntries flatten_summarized(const json::object& obj) {
    FlatEntries out;
    flatten_object(obj, "", true, out);
    return out;
}

const json::value* find_path(const json::object& obj, const std::string& path) {
    const json::object* at = &obj;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = path.find('.', start);
        const json::value* v =
            at->if_contains(path.substr(start, dot == std::string::npos ? dot : dot - start));
        if (!v || dot == std::string::npos) return v;
        if (!v->is_object()) return nullptr;
        at = &v->get_object();
        start = dot + 1;
    }
}

}  // namespace flowlab::cli
