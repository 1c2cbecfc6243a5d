#pragma once
// Text-level helpers of the JSON reader: UTF-8 sequences, the number grammar, positions.

#include <cstddef>
#include <string>
#include <string_view>

#include "model/json_reader.hpp"

namespace flowlab::model::json {

bool is_continuation(unsigned char c);

/// Length of the valid UTF-8 sequence starting at s[i] (RFC 3629: no overlong forms,
/// no surrogates, nothing above U+10FFFF), or 0 when it is invalid.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

void append_utf8(std::string& out, unsigned code_point);

/// "0xE9" and "U+0009", for messages about bytes and control characters.
std::string hex_byte(unsigned char c);
std::string code_point_name(unsigned char c);

bool is_word_char(char c);

/// Checks the RFC 8259 number grammar; says why not, or "" when it is fine.
std::string number_problem(std::string_view text, bool& integer);

/// Line and column (characters) of a byte offset, counted from the start.
Position locate(std::string_view text, std::size_t offset);

}  // namespace flowlab::model::json
