#include "flowlab/run/report_json.hpp"

#include <boost/json/serialize.hpp>

#include <charconv>
#include <cmath>

namespace flowlab::run {

namespace {

void write_number(std::string& out, double x) {
    if (!std::isfinite(x)) {
        out += "null";  // JSON has no infinities; the engine never reports them on purpose
        return;
    }
    if (x == 0) x = 0;  // no "-0"
    char buf[32];
    auto res = std::to_chars(buf, buf + sizeof buf, x);
    out.append(buf, res.ptr);
}

void newline(std::string& out, int indent, int depth) {
    if (indent <= 0) return;
    out += '\n';
    out.append(static_cast<std::size_t>(indent * depth), ' ');
}

void write(std::string& out, const boost::json::value& v, int indent, int depth) {
    switch (v.kind()) {
        case boost::json::kind::object: {
            const auto& o = v.get_object();
            if (o.empty()) {
                out += "{}";
                return;
            }
            out += '{';
            bool first = true;
            for (const auto& kv : o) {
                if (!first) out += ',';
                first = false;
                newline(out, indent, depth + 1);
                out += boost::json::serialize(boost::json::string_view(kv.key()));
                out += indent > 0 ? ": " : ":";
                write(out, kv.value(), indent, depth + 1);
            }
            newline(out, indent, depth);
            out += '}';
            return;
        }
        case boost::json::kind::array: {
            const auto& a = v.get_array();
            if (a.empty()) {
                out += "[]";
                return;
            }
            out += '[';
            bool first = true;
            for (const auto& x : a) {
                if (!first) out += ',';
                first = false;
                newline(out, indent, depth + 1);
                write(out, x, indent, depth + 1);
            }
            newline(out, indent, depth);
            out += ']';
            return;
        }
        case boost::json::kind::double_: write_number(out, v.get_double()); return;
        default: out += boost::json::serialize(v); return;
    }
}

}  // namespace

std::string to_json_text(const boost::json::value& value, int indent) {
    std::string out;
    write(out, value, indent, 0);
    return out;
}

}  // namespace flowlab::run
