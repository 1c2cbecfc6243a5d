#pragma once
/// A plain-text table: a header row (none when `headers` is empty) and aligned columns,
/// the first left-aligned (names), the others right-aligned (numbers).

#include <string>
#include <vector>

namespace flowlab::cli {

class TextTable {
public:
    explicit TextTable(std::vector<std::string> headers) : headers_(std::move(headers)) {}
    void add_row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
    /// Per column 'l' (left) or 'r' (right); columns past the string are right-aligned.
    /// The default "l" suits names followed by numbers.
    void set_alignment(std::string spec) { alignment_ = std::move(spec); }
    bool empty() const { return rows_.empty(); }
    /// Every line starts with `indent` spaces; columns are two spaces apart.
    std::string render(int indent = 2) const;

private:
    std::vector<std::string> headers_;
    std::vector<std::vector<std::string>> rows_;
    std::string alignment_ = "l";
};

/// "timed_out_calls" -> "timed out calls".
std::string words_of(std::string key);

}  // namespace flowlab::cli
