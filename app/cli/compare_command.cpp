// `flowlab-cli compare A B`: two designs under the same arrivals (run::compare_designs),
// as a table, flowlab-compare/1 JSON or csv (one row per client and figure).

#include <boost/json/object.hpp>

#include "commands.hpp"
#include "flowlab/run/compare.hpp"
#include "number_format.hpp"
#include "output.hpp"
#include "report_format.hpp"
#include "scenario_input.hpp"
#include "text_table.hpp"

namespace flowlab::cli {

namespace json = boost::json;

namespace {

/// The figures of one client in output order: ("availability", {...}), ("latency_ms.p50",
/// {...}), ..., ("throughput_per_s", {...}).
std::vector<std::pair<std::string, const json::object*>> figures_of(const json::object& client) {
    std::vector<std::pair<std::string, const json::object*>> out;
    for (const auto& m : client) {
        if (!m.value().is_object() || m.key() == "arrivals") continue;
        const json::object& o = m.value().get_object();
        if (o.contains("delta")) {
            out.emplace_back(std::string(m.key()), &o);
            continue;
        }
        for (const auto& sub : o)
            if (sub.value().is_object())
                out.emplace_back(std::string(m.key()) + "." + std::string(sub.key()),
                                 &sub.value().get_object());
    }
    return out;
}

std::string cell(const json::object& figure, const char* key) {
    const json::value* v = figure.if_contains(key);
    return v && v->is_number() ? sig4_text(number_of(*v)) : "";
}

std::string scenario_name(const json::object& doc, const char* side) {
    const json::object& s = doc.at(side).as_object();
    const json::value* name = s.at("report").as_object().if_contains("scenario");
    const std::string file = std::string(s.at("file").as_string());
    return name && name->is_string() && !name->as_string().empty()
               ? std::string(name->as_string()) + " (" + file + ")"
               : file;
}

std::string format_table(const json::object& doc) {
    const auto replications = doc.at("replications").to_number<std::uint64_t>();
    const auto seed = doc.at("seed").to_number<std::uint64_t>();
    const bool ci = replications > 1;
    std::string out = "A: " + scenario_name(doc, "a") + "\nB: " + scenario_name(doc, "b") +
                      "\nseed " + std::to_string(seed);
    if (ci)
        out += ", " + std::to_string(replications) + " replications (seeds " +
               std::to_string(seed) + " to " + std::to_string(seed + replications - 1) + ")";
    out += "\n";
    const json::object& clients = doc.at("clients").as_object();
    if (clients.empty()) return out + "\nNo client id is in both files: nothing to compare.\n";
    for (const auto& c : clients) {
        const json::object& client = c.value().as_object();
        const json::object& arrivals = client.at("arrivals").as_object();
        out += "\nClient " + std::string(c.key()) + ": " +
               (client.at("same_arrivals").as_bool()
                    ? "same arrivals in both runs (" + exact_text(arrivals.at("a")) + ")"
                    : "different arrivals (A " + exact_text(arrivals.at("a")) + ", B " +
                          exact_text(arrivals.at("b")) + ")") +
               "\n";
        std::vector<std::string> headers{"figure", "A", "B", "B - A"};
        if (ci) headers.insert(headers.end(), {"mean B - A", "+- 95%"});
        TextTable table(headers);
        for (const auto& [name, f] : figures_of(client)) {
            std::vector<std::string> row{name, cell(*f, "a"), cell(*f, "b"), cell(*f, "delta")};
            if (ci) row.insert(row.end(), {cell(*f, "delta_mean"), cell(*f, "delta_ci95")});
            table.add_row(std::move(row));
        }
        out += table.render();
    }
    return out;
}

std::string format_csv(const json::object& doc) {
    std::string out = "client,figure,same_arrivals,a,b,delta,delta_mean,delta_ci95\n";
    for (const auto& c : doc.at("clients").as_object()) {
        const json::object& client = c.value().as_object();
        const std::string same = client.at("same_arrivals").as_bool() ? "true" : "false";
        for (const auto& [name, f] : figures_of(client)) {
            out += csv_field(std::string(c.key())) + "," + name + "," + same;
            for (const char* key : {"a", "b", "delta", "delta_mean", "delta_ci95"}) {
                out += ',';
                if (const json::value* v = f->if_contains(key)) out += exact_text(*v);
            }
            out += "\n";
        }
    }
    return out;
}

}  // namespace

int command_compare(const CommandLine& cl) {
    const run::CompareSide a{cl.files[0], load_or_exit(cl.files[0])};
    const run::CompareSide b{cl.files[1], load_or_exit(cl.files[1])};
    check_writable(cl.out);
    json::object doc;
    try {
        doc = run::compare_designs(a, b, {cl.seed, cl.replications.value_or(1), 2});
    } catch (const std::exception& e) {
        run_error("flowlab-cli: the comparison of '" + a.file + "' and '" + b.file +
                  "' failed: " + e.what());
    }
    switch (cl.format.value_or(Format::table)) {
        case Format::json: emit(format_report_json(doc), cl.out); break;
        case Format::csv: emit(format_csv(doc), cl.out); break;
        case Format::table: emit(format_table(doc), cl.out); break;
    }
    return 0;
}

}  // namespace flowlab::cli
