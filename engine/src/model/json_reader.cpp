#include "model/json_reader.hpp"

#include <cctype>
#include <charconv>
#include <unordered_map>

#include "model/json_text.hpp"

namespace flowlab::model::json {

namespace {

// Deeper nesting than this is never a scenario; the limit keeps hostile input from
// exhausting the stack of the recursive reader.
constexpr int max_depth = 64;

struct Fatal {};

class Reader {
public:
    explicit Reader(std::string_view text) : s_(text) {}

    ReadResult run() {
        ReadResult result;
        try {
            check_encoding();
            if (s_.substr(0, 3) == "\xEF\xBB\xBF") line_start_ = cache_offset_ = i_ = 3;  // BOM
            skip_ws();
            if (i_ >= s_.size())
                fail({1, 1}, "the file is empty: a scenario is a JSON object, starting with '{'");
            Value root = value("", 0);
            skip_ws();
            if (i_ < s_.size()) fail(here(), "unexpected content after the end of the JSON value");
            result.root = std::move(root);
        } catch (const Fatal&) {
        }
        result.errors = std::move(errors_);
        return result;
    }

private:
    struct Open {
        const char* what;
        Position pos;
    };

    std::string_view s_;
    std::size_t i_ = 0;
    int line_ = 1;
    std::size_t line_start_ = 0;
    std::size_t cache_offset_ = 0;  // columns are counted on from here, so a long line costs O(n)
    int cache_column_ = 1;
    std::vector<Open> open_;
    std::vector<ReadError> errors_;

    [[noreturn]] void fail(Position pos, std::string message) {
        errors_.push_back({pos, "", std::move(message)});
        throw Fatal{};
    }

    [[noreturn]] void fail_eof(const std::string& expected) {
        std::string msg = "unexpected end of file: expected " + expected;
        if (!open_.empty()) {
            const Open& o = open_.back();
            msg += " (the " + std::string(o.what) + " opened at " + std::to_string(o.pos.line) +
                   ":" + std::to_string(o.pos.column) + " is not closed)";
        }
        fail(here(), msg);
    }

    Position here() {
        if (i_ < cache_offset_) {
            cache_offset_ = line_start_;
            cache_column_ = 1;
        }
        for (; cache_offset_ < i_ && cache_offset_ < s_.size(); ++cache_offset_)
            if (!is_continuation(static_cast<unsigned char>(s_[cache_offset_]))) ++cache_column_;
        return {line_, cache_column_};
    }

    void check_encoding() {
        if (auto nul = s_.find('\0'); nul != std::string_view::npos)
            fail(locate(s_, nul), "binary data (NUL byte): this is not a JSON text file");
        for (std::size_t k = 0; k < s_.size();) {
            std::size_t n = utf8_sequence_length(s_, k);
            if (n == 0)
                fail(locate(s_, k), "invalid UTF-8 (byte " +
                                        hex_byte(static_cast<unsigned char>(s_[k])) +
                                        "): the file must be UTF-8 text");
            k += n;
        }
    }

    void skip_ws() {
        while (i_ < s_.size()) {
            char c = s_[i_];
            // A line ends at LF, CRLF or a lone CR (old Mac files): positions must count
            // lines the way the user's editor does.
            const bool lone_cr = c == '\r' && (i_ + 1 == s_.size() || s_[i_ + 1] != '\n');
            if (c == '\n' || lone_cr) {
                ++line_;
                line_start_ = cache_offset_ = ++i_;
                cache_column_ = 1;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                ++i_;
            } else {
                return;
            }
        }
    }

    Value value(const std::string& path, int depth) {
        skip_ws();
        if (i_ >= s_.size()) fail_eof("a value");
        char c = s_[i_];
        if (c == '{') return object(path, depth);
        if (c == '[') return array(path, depth);
        if (c == '"') {
            Value v;
            v.type = Type::string;
            v.pos = here();
            v.text = string_body();
            return v;
        }
        if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9')) return number();
        if (std::isalpha(static_cast<unsigned char>(c))) return literal();
        unexpected("a value");
    }

    [[noreturn]] void unexpected(const std::string& expected) {
        Position p = here();
        auto c = static_cast<unsigned char>(s_[i_]);
        if (c == '\'') fail(p, "strings and keys need double quotes (\"), not single quotes");
        if (c == '/') fail(p, "comments are not allowed in JSON");
        if (c < 0x20 || c == 0x7F) fail(p, "unexpected control character " + code_point_name(c));
        std::string ch(s_.substr(i_, utf8_sequence_length(s_, i_)));
        if (ch == "\xE2\x80\x9C" || ch == "\xE2\x80\x9D")
            fail(p, "unexpected '" + ch + "': JSON needs straight double quotes (\")");
        fail(p, "unexpected '" + ch + "': expected " + expected);
    }

    Value object(const std::string& path, int depth) {
        Value obj;
        obj.type = Type::object;
        obj.pos = here();
        if (depth >= max_depth)
            fail(obj.pos, "nesting is deeper than " + std::to_string(max_depth) + " levels");
        open_.push_back({"object", obj.pos});
        ++i_;
        std::unordered_map<std::string, Position> seen;
        skip_ws();
        if (i_ < s_.size() && s_[i_] == '}') {
            ++i_;
            open_.pop_back();
            return obj;
        }
        for (bool first = true;; first = false) {
            skip_ws();
            if (i_ >= s_.size()) fail_eof("a key in double quotes");
            if (s_[i_] == '}' && !first)
                fail(here(), "trailing comma before '}' (not allowed in JSON)");
            if (s_[i_] != '"') {
                if (std::isalpha(static_cast<unsigned char>(s_[i_])))
                    fail(here(), "object keys need double quotes: \"key\": value");
                unexpected("a key in double quotes");
            }
            Position key_pos = here();
            std::string key = string_body();
            skip_ws();
            if (i_ >= s_.size()) fail_eof("':' after \"" + key + "\"");
            if (s_[i_] != ':') fail(here(), "expected ':' after the key \"" + key + "\"");
            ++i_;
            std::string child = path_key(path, key);
            Value v = value(child, depth + 1);
            if (auto it = seen.find(key); it != seen.end()) {
                errors_.push_back({key_pos, child,
                                   "duplicate key (first at " + std::to_string(it->second.line) +
                                       ":" + std::to_string(it->second.column) + ")"});
            } else {
                seen.emplace(key, key_pos);
                obj.members.push_back({std::move(key), key_pos, std::move(v)});
            }
            skip_ws();
            if (i_ >= s_.size()) fail_eof("',' or '}'");
            if (s_[i_] == ',') {
                ++i_;
                continue;
            }
            if (s_[i_] == '}') break;
            if (s_[i_] == '"')
                fail(here(), "expected ',' or '}' (a comma is missing before this key)");
            fail(here(),
                 "expected ',' or '}' after the value of \"" + obj.members.back().key + "\"");
        }
        ++i_;
        open_.pop_back();
        return obj;
    }

    Value array(const std::string& path, int depth) {
        Value arr;
        arr.type = Type::array;
        arr.pos = here();
        if (depth >= max_depth)
            fail(arr.pos, "nesting is deeper than " + std::to_string(max_depth) + " levels");
        open_.push_back({"array", arr.pos});
        ++i_;
        skip_ws();
        if (i_ < s_.size() && s_[i_] == ']') {
            ++i_;
            open_.pop_back();
            return arr;
        }
        for (;;) {
            arr.items.push_back(value(path_index(path, arr.items.size()), depth + 1));
            skip_ws();
            if (i_ >= s_.size()) fail_eof("',' or ']'");
            if (s_[i_] == ']') break;
            if (s_[i_] != ',') fail(here(), "expected ',' or ']' after an array item");
            ++i_;
            skip_ws();
            if (i_ < s_.size() && s_[i_] == ']')
                fail(here(), "trailing comma before ']' (not allowed in JSON)");
        }
        ++i_;
        open_.pop_back();
        return arr;
    }

    Value literal() {
        Value v;
        v.pos = here();
        std::size_t start = i_;
        while (i_ < s_.size() && is_word_char(s_[i_])) ++i_;
        std::string word(s_.substr(start, i_ - start));
        if (word == "true" || word == "false") {
            v.type = Type::boolean;
            v.boolean = word == "true";
            return v;
        }
        if (word == "null") return v;
        std::string lower;
        for (char ch : word)
            lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (lower == "true" || lower == "false" || lower == "null")
            fail(v.pos, "'" + word + "' is not JSON: write " + lower);
        fail(v.pos, "unexpected '" + word + "': expected a value (strings need double quotes)");
    }

    Value number() {
        Value v;
        v.type = Type::number;
        v.pos = here();
        std::size_t start = i_;
        while (i_ < s_.size() &&
               (is_word_char(s_[i_]) || s_[i_] == '.' || s_[i_] == '+' || s_[i_] == '-'))
            ++i_;
        v.text = std::string(s_.substr(start, i_ - start));
        if (auto why = number_problem(v.text, v.integer); !why.empty())
            fail(v.pos, "invalid number '" + v.text + "': " + why);
        auto [end, ec] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), v.number);
        if (ec != std::errc{} || end != v.text.data() + v.text.size())
            fail(v.pos, "number '" + v.text + "' is out of range");
        return v;
    }

    unsigned hex4(Position escape_pos) {
        unsigned cp = 0;
        for (int k = 0; k < 4; ++k, ++i_) {
            char c = i_ < s_.size() ? s_[i_] : '\0';
            int d = std::isxdigit(static_cast<unsigned char>(c))
                        ? (std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                                                                       : std::tolower(c) - 'a' + 10)
                        : -1;
            if (d < 0) fail(escape_pos, "invalid \\u escape: expected 4 hex digits");
            cp = cp * 16 + static_cast<unsigned>(d);
        }
        return cp;
    }

    /// At an opening quote: reads the string and returns its decoded content.
    std::string string_body() {
        Position start = here();
        ++i_;
        std::string out;
        for (;;) {
            if (i_ >= s_.size())
                fail(here(), "unexpected end of file inside the string that starts at " +
                                 std::to_string(start.line) + ":" + std::to_string(start.column));
            auto c = static_cast<unsigned char>(s_[i_]);
            if (c == '"') {
                ++i_;
                return out;
            }
            if (c == '\n') fail(here(), "line break inside a string (is a closing quote missing?)");
            if (c < 0x20)
                fail(here(), "control character " + code_point_name(c) +
                                 " inside a string: write it as an escape");
            if (c != '\\') {
                out += static_cast<char>(c);
                ++i_;
                continue;
            }
            Position esc = here();
            if (++i_ >= s_.size())
                fail(here(), "unexpected end of file inside the string that starts at " +
                                 std::to_string(start.line) + ":" + std::to_string(start.column));
            char e = s_[i_++];
            switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    unsigned cp = hex4(esc);
                    if (cp >= 0xDC00 && cp <= 0xDFFF)
                        fail(esc, "invalid \\u escape: unpaired low surrogate");
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        if (s_.substr(i_, 2) != "\\u")
                            fail(esc, "invalid \\u escape: unpaired high surrogate");
                        i_ += 2;
                        unsigned low = hex4(esc);
                        if (low < 0xDC00 || low > 0xDFFF)
                            fail(esc, "invalid \\u escape: unpaired high surrogate");
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    }
                    append_utf8(out, cp);
                    break;
                }
                default:
                    --i_;
                    fail(esc, "invalid escape '\\" +
                                  std::string(s_.substr(i_, utf8_sequence_length(s_, i_))) +
                                  "' in a string");
            }
        }
    }
};

}  // namespace

const Value* Value::find(std::string_view key) const {
    for (const auto& m : members)
        if (m.key == key) return &m.value;
    return nullptr;
}

ReadResult read(std::string_view text) { return Reader(text).run(); }

const char* type_name(Type type) {
    switch (type) {
        case Type::null: return "null";
        case Type::boolean: return "a boolean";
        case Type::number: return "a number";
        case Type::string: return "a string";
        case Type::array: return "an array";
        case Type::object: return "an object";
    }
    return "a value";
}

std::string path_index(const std::string& path, std::size_t index) {
    return path + "[" + std::to_string(index) + "]";
}

std::string path_key(const std::string& path, std::string_view key) {
    bool plain = !key.empty();
    for (char c : key)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) plain = false;
    if (plain) return path.empty() ? std::string(key) : path + "." + std::string(key);
    std::string quoted = "[\"";
    for (char c : key) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
    }
    return path + quoted + "\"]";
}

}  // namespace flowlab::model::json
