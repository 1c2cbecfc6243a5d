#include "text_table.hpp"

#include <algorithm>

namespace flowlab::cli {

namespace {
// Column widths count code points, so a label with a UTF-8 character stays aligned.
std::size_t display_width(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}
}  // namespace

std::string TextTable::render(int indent) const {
    std::size_t columns = headers_.size();
    for (const auto& r : rows_) columns = std::max(columns, r.size());
    std::vector<std::size_t> width(columns, 0);
    auto measure = [&](const std::vector<std::string>& row) {
        for (std::size_t i = 0; i < row.size() && i < width.size(); ++i)
            width[i] = std::max(width[i], display_width(row[i]));
    };
    measure(headers_);
    for (const auto& r : rows_) measure(r);

    std::string out;
    auto line = [&](const std::vector<std::string>& row) {
        std::string l(static_cast<std::size_t>(indent), ' ');
        for (std::size_t i = 0; i < width.size(); ++i) {
            const std::string cell = i < row.size() ? row[i] : "";
            const std::string pad(width[i] - display_width(cell), ' ');
            if (i > 0) l += "  ";
            l += i < alignment_.size() && alignment_[i] == 'l' ? cell + pad : pad + cell;
        }
        l.erase(l.find_last_not_of(' ') + 1);
        out += l + "\n";
    };
    if (!headers_.empty()) line(headers_);
    for (const auto& r : rows_) line(r);
    return out;
}

std::string words_of(std::string key) {
    std::replace(key.begin(), key.end(), '_', ' ');
    std::replace(key.begin(), key.end(), '.', ' ');
    return key;
}

}  // namespace flowlab::cli
