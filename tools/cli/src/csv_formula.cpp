#include "csv_formula.hpp"

namespace talentray::cli {
namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// An optional sign, digits with at most one decimal point (at least one digit), and an optional
// exponent: what JSON and spreadsheets both read as a number and nothing else.
bool is_plain_number(std::string_view text) noexcept {
    std::size_t i = 0;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    bool digits = false;
    while (i < text.size() && is_digit(text[i])) ++i, digits = true;
    if (i < text.size() && text[i] == '.') {
        ++i;
        while (i < text.size() && is_digit(text[i])) ++i, digits = true;
    }
    if (!digits) return false;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
        bool exponent = false;
        while (i < text.size() && is_digit(text[i])) ++i, exponent = true;
        if (!exponent) return false;
    }
    return i == text.size();
}

}  // namespace

bool looks_like_formula(std::string_view cell) noexcept {
    if (cell.empty()) return false;
    switch (cell.front()) {
    case '=':
    case '@':
    case '\t':
    case '\r': return true;
    case '+':
    case '-': return !is_plain_number(cell);
    default: return false;
    }
}

std::string neutralise_formula(std::string cell) {
    if (looks_like_formula(cell)) cell.insert(cell.begin(), '\'');
    return cell;
}

}  // namespace talentray::cli
