#include "model/json_text.hpp"

#include <cctype>
#include <cstdio>

namespace flowlab::model::json {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    auto at = [&](std::size_t k) -> unsigned {
        return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u;
    };
    unsigned c = at(i);
    if (c < 0x80) return 1;
    auto in = [](unsigned v, unsigned lo, unsigned hi) { return v >= lo && v <= hi; };
    if (in(c, 0xC2, 0xDF)) return in(at(i + 1), 0x80, 0xBF) ? 2 : 0;
    if (in(c, 0xE0, 0xEF)) {
        unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        return in(at(i + 1), lo, hi) && in(at(i + 2), 0x80, 0xBF) ? 3 : 0;
    }
    if (in(c, 0xF0, 0xF4)) {
        unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        return in(at(i + 1), lo, hi) && in(at(i + 2), 0x80, 0xBF) && in(at(i + 3), 0x80, 0xBF) ? 4
                                                                                               : 0;
    }
    return 0;
}

void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string hex_byte(unsigned char c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", c);
    return buf;
}

std::string code_point_name(unsigned char c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", c);
    return buf;
}

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string number_problem(std::string_view t, bool& integer) {
    std::size_t i = 0;
    auto digit = [&](std::size_t k) { return k < t.size() && t[k] >= '0' && t[k] <= '9'; };
    integer = true;
    if (i < t.size() && t[i] == '+') return "a leading '+' is not allowed";
    if (i < t.size() && t[i] == '-') ++i;
    if (i < t.size() && t[i] == '.') return "write a digit before '.' (0.5, not .5)";
    if (!digit(i)) return "a digit must follow '-'";
    if (t[i] == '0' && digit(i + 1)) return "leading zeros are not allowed";
    while (digit(i)) ++i;
    if (i < t.size() && t[i] == '.') {
        integer = false;
        if (!digit(++i)) return "digits must follow '.'";
        while (digit(i)) ++i;
    }
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        integer = false;
        ++i;
        if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
        if (!digit(i)) return "digits must follow the exponent 'e'";
        while (digit(i)) ++i;
    }
    if (i != t.size()) {
        bool letters = std::isalpha(static_cast<unsigned char>(t[i]));
        return letters ? "numbers take no unit: the unit is in the key's name" : "not a number";
    }
    return "";
}

Position locate(std::string_view s, std::size_t offset) {
    Position p{1, 1};
    for (std::size_t k = 0; k < offset && k < s.size(); ++k) {
        if (s[k] == '\n') {
            ++p.line;
            p.column = 1;
        } else if (!is_continuation(static_cast<unsigned char>(s[k]))) {
            ++p.column;
        }
    }
    return p;
}

bool valid_utf8(std::string_view text) {
    for (std::size_t k = 0; k < text.size();) {
        std::size_t n = utf8_sequence_length(text, k);
        if (n == 0) return false;
        k += n;
    }
    return true;
}

}  // namespace flowlab::model::json
