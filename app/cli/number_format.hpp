#pragma once
/// Numbers as text, never in scientific notation: what a student reads in the table
/// and what a spreadsheet reads in the csv.

#include <boost/json/value.hpp>

#include <string>

namespace flowlab::cli {

/// `x` with exactly `decimals` decimals ("-0.000" prints as "0.000").
std::string fixed(double x, int decimals);

/// A duration in ms with 1 to 3 decimals: 3 below 10, 2 below 100, 1 from 100 ("0" for 0).
std::string ms_text(double ms);

/// About four significant digits, trailing zeros dropped: 0.1235, 12.35, 1235, 100.
std::string sig4_text(double x);

/// The shortest decimal text that reads back as exactly `x`, without exponent.
std::string exact_text(double x);

/// A JSON number as an integer, or its double via exact_text; "" for non-numbers.
std::string exact_text(const boost::json::value& v);

/// The value of a JSON number (0 for anything else).
double number_of(const boost::json::value& v);

/// True for a number that is zero, false, null, an empty string/array/object.
bool is_zero_like(const boost::json::value& v);

}  // namespace flowlab::cli
