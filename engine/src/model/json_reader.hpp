#pragma once
// A small strict JSON reader (RFC 8259) that remembers where every value and key is.
//
// Boost.JSON gives no line/column per value, and a classroom file's error message is
// only useful if it points at the line to fix. Positions are 1-based; columns count
// characters (UTF-8 code points), as editors show them.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowlab::model::json {

struct Position {
    int line = 0;
    int column = 0;
};

enum class Type { null, boolean, number, string, array, object };

struct Member;

struct Value {
    Type type = Type::null;
    Position pos;
    bool boolean = false;
    std::string text;  // string: the decoded content; number: the literal as written
    double number = 0.0;
    bool integer = false;  // number written without fraction or exponent
    std::vector<Value> items;
    std::vector<Member> members;  // in file order; duplicate keys are dropped (and reported)

    const Value* find(std::string_view key) const;
};

struct Member {
    std::string key;
    Position key_pos;
    Value value;
};

struct ReadError {
    Position pos;
    std::string path;  // set when the problem belongs to a key, e.g. a duplicate key
    std::string message;
};

struct ReadResult {
    std::optional<Value> root;      // unset after a syntax error
    std::vector<ReadError> errors;  // a syntax error ends reading; duplicate keys do not
};

/// Reads one JSON text. Binary data, invalid UTF-8, an empty text, a syntax error or
/// trailing content is one located error; every duplicate key is reported.
ReadResult read(std::string_view text);

/// Whether `text` is well-formed UTF-8 (what read() accepts).
bool valid_utf8(std::string_view text);

/// Name of a type for messages: "a string", "an object", ...
const char* type_name(Type type);

/// "nodes" + 3 -> "nodes[3]"; "" + "format" -> "format"; "layout" + "a b" -> layout["a b"].
std::string path_index(const std::string& path, std::size_t index);
std::string path_key(const std::string& path, std::string_view key);

}  // namespace flowlab::model::json
