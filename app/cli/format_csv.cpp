// The run report as csv: one row per client and per node, for spreadsheets and graders.
// Columns: section, id, kind, then the union of every row's flattened keys in report
// order (clients first), so the layout is stable for a given scenario and grows when
// the engine adds keys.

#include <algorithm>

#include "flatten.hpp"
#include "number_format.hpp"
#include "report_format.hpp"

namespace flowlab::cli {

namespace json = boost::json;

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

namespace {

std::string csv_value(const json::value& v) {
    if (v.is_string()) return csv_field(std::string(v.get_string()));
    if (v.is_bool()) return v.get_bool() ? "true" : "false";
    if (v.is_null()) return "";
    return exact_text(v);
}

struct CsvRow {
    std::string section;
    std::string id;
    FlatEntries values;
};

}  // namespace

std::string format_report_csv(const json::object& report) {
    std::vector<CsvRow> rows;
    for (const char* section : {"clients", "nodes"}) {
        const json::value* entries = report.if_contains(section);
        if (!entries || !entries->is_object()) continue;
        for (const auto& m : entries->get_object()) {
            if (!m.value().is_object()) continue;
            rows.push_back({section == std::string("clients") ? "client" : "node",
                            std::string(m.key()), flatten_all(m.value().get_object())});
        }
    }
    // "kind" leads (clients have none in the report: they are "client"), then the rest.
    std::vector<std::string> columns{"kind"};
    for (auto& row : rows)
        if (row.section == "client")
            row.values.insert(row.values.begin(), {"kind", json::value("client")});
    for (const auto& row : rows)
        for (const auto& [key, value] : row.values)
            if (std::find(columns.begin(), columns.end(), key) == columns.end())
                columns.push_back(key);

    std::string out = "section,id";
    for (const auto& c : columns) (out += ',') += csv_field(c);
    out += "\n";
    for (const auto& row : rows) {
        std::string line = row.section + "," + csv_field(row.id);
        for (const auto& c : columns) {
            auto it = std::find_if(row.values.begin(), row.values.end(),
                                   [&](const auto& e) { return e.first == c; });
            (line += ',') += it == row.values.end() ? std::string() : csv_value(it->second);
        }
        out += line + "\n";
    }
    return out;
}

}  // namespace flowlab::cli
