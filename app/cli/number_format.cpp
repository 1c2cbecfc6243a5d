#include "number_format.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace flowlab::cli {

std::string fixed(double x, int decimals) {
    if (!std::isfinite(x)) return std::isnan(x) ? "nan" : (x > 0 ? "inf" : "-inf");
    std::array<char, 400> buf{};
    auto [end, ec] =
        std::to_chars(buf.data(), buf.data() + buf.size(), x, std::chars_format::fixed, decimals);
    std::string s(buf.data(), ec == std::errc() ? end : buf.data());
    if (s.size() > 1 && s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos)
        s.erase(0, 1);
    return s;
}

std::string ms_text(double ms) {
    if (ms == 0.0) return "0";
    const double a = std::fabs(ms);
    return fixed(ms, a < 10 ? 3 : a < 100 ? 2 : 1);
}

std::string sig4_text(double x) {
    if (x == 0.0 || !std::isfinite(x)) return x == 0.0 ? "0" : fixed(x, 0);
    int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(x))));
    int decimals = std::clamp(3 - magnitude, 0, 12);
    std::string s = fixed(x, decimals);
    if (s.find('.') != std::string::npos) {
        s.erase(s.find_last_not_of('0') + 1);
        if (s.back() == '.') s.pop_back();
    }
    return s;
}

std::string exact_text(double x) {
    if (!std::isfinite(x)) return fixed(x, 0);
    std::array<char, 400> buf{};
    auto [end, ec] =
        std::to_chars(buf.data(), buf.data() + buf.size(), x, std::chars_format::fixed);
    std::string s(buf.data(), ec == std::errc() ? end : buf.data());
    if (s == "-0") s = "0";
    return s;
}

std::string exact_text(const boost::json::value& v) {
    if (v.is_int64()) return std::to_string(v.get_int64());
    if (v.is_uint64()) return std::to_string(v.get_uint64());
    if (v.is_double()) return exact_text(v.get_double());
    return "";
}

double number_of(const boost::json::value& v) {
    if (v.is_int64()) return static_cast<double>(v.get_int64());
    if (v.is_uint64()) return static_cast<double>(v.get_uint64());
    if (v.is_double()) return v.get_double();
    return 0.0;
}

bool is_zero_like(const boost::json::value& v) {
    switch (v.kind()) {
        case boost::json::kind::null: return true;
        case boost::json::kind::bool_: return !v.get_bool();
        case boost::json::kind::int64: return v.get_int64() == 0;
        case boost::json::kind::uint64: return v.get_uint64() == 0;
        case boost::json::kind::double_: return v.get_double() == 0.0;
        case boost::json::kind::string: return v.get_string().empty();
        case boost::json::kind::array: return v.get_array().empty();
        case boost::json::kind::object: return v.get_object().empty();
    }
    return false;
}

}  // namespace flowlab::cli
