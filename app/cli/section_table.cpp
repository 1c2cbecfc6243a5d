#include "section_table.hpp"

#include <algorithm>

#include "flatten.hpp"
#include "number_format.hpp"

namespace flowlab::cli {

namespace json = boost::json;

namespace {

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool skipped(const std::string& key, const SectionSpec& spec) {
    return std::any_of(spec.skip.begin(), spec.skip.end(), [&](const std::string& s) {
        return key == s || (ends_with(s, ".") && key.rfind(s, 0) == 0);
    });
}

}  // namespace

std::string cell_text(const std::string& flat_key, const json::value& v) {
    if (v.is_bool()) return v.get_bool() ? "yes" : "no";
    if (v.is_string()) return std::string(v.get_string());
    if (v.is_null()) return "-";
    if (!v.is_number()) return "";
    if (flat_key == "availability" || ends_with(flat_key, ".availability"))
        return fixed(100.0 * number_of(v), 3);
    if (flat_key == "utilization" || ends_with(flat_key, ".utilization"))
        return fixed(100.0 * number_of(v), 1);
    if (!v.is_double()) return exact_text(v);
    return ms_text(v.get_double());
}

TextTable section_table(const std::vector<std::pair<std::string, const json::object*>>& rows,
                        const SectionSpec& spec) {
    std::vector<FlatEntries> flat;
    std::vector<std::string> columns;
    for (const auto& [id, obj] : rows) {
        flat.push_back(flatten_summarized(*obj));
        for (const auto& [key, value] : flat.back()) {
            if (skipped(key, spec) ||
                std::find(columns.begin(), columns.end(), key) != columns.end())
                continue;
            columns.push_back(key);
        }
    }
    auto lookup = [](const FlatEntries& entries, const std::string& key) -> const json::value* {
        for (const auto& [k, v] : entries)
            if (k == key) return &v;
        return nullptr;
    };
    std::erase_if(columns, [&](const std::string& key) {
        if (std::find(spec.always.begin(), spec.always.end(), key) != spec.always.end())
            return false;
        return std::all_of(flat.begin(), flat.end(), [&](const FlatEntries& entries) {
            const json::value* v = lookup(entries, key);
            return !v || is_zero_like(*v);
        });
    });

    std::vector<std::string> headers{"id"};
    for (const auto& key : columns) {
        auto label = spec.labels.find(key);
        headers.push_back(label != spec.labels.end() ? label->second : words_of(key));
    }
    TextTable table(std::move(headers));
    for (std::size_t r = 0; r < rows.size(); ++r) {
        std::vector<std::string> cells{rows[r].first};
        for (const auto& key : columns) {
            const json::value* v = lookup(flat[r], key);
            cells.push_back(v ? cell_text(key, *v) : "");
        }
        table.add_row(std::move(cells));
    }
    return table;
}

std::string inline_figures(const json::object& obj) {
    std::string text;
    for (const auto& [key, value] : flatten_summarized(obj)) {
        if (!text.empty()) text += ", ";
        text += words_of(key) + " " + cell_text(key, value);
    }
    return text;
}

}  // namespace flowlab::cli
