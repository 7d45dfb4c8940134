#include "pager/row_spans.hpp"

#include <boost/json/parse.hpp>

#include <cstddef>
#include <optional>
#include <string>

namespace talentray::detail {
namespace {

error_info malformed(std::string what) {
    return make_error_info(errc::invalid_response, "cannot locate the rows in the page body: " + std::move(what));
}

/// A forward-only reader over JSON text that can step over whole values without building them.
class json_scanner {
public:
    explicit json_scanner(std::string_view text) : text_(text) {}

    std::size_t position() const noexcept { return pos_; }
    void seek(std::size_t pos) noexcept { pos_ = pos; }
    char peek() const noexcept { return pos_ < text_.size() ? text_[pos_] : '\0'; }
    std::string_view slice(std::size_t from, std::size_t to) const { return text_.substr(from, to - from); }

    void skip_space() noexcept {
        while (pos_ < text_.size() &&
               (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r'))
            ++pos_;
    }

    bool consume(char c) noexcept {
        if (peek() != c) return false;
        ++pos_;
        return true;
    }

    /// Steps over a string starting at `"`; `content` gets the text between the quotes.
    bool skip_string(std::string_view* content = nullptr) noexcept {
        if (!consume('"')) return false;
        const std::size_t start = pos_;
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c == '\\') {
                pos_ += 2;
            } else if (c == '"') {
                if (content) *content = text_.substr(start, pos_ - start);
                ++pos_;
                return true;
            } else {
                ++pos_;
            }
        }
        return false;
    }

    /// Steps over one value of any kind; iterative, so deep nesting costs no stack.
    bool skip_value() noexcept {
        skip_space();
        const char first = peek();
        if (first == '"') return skip_string();
        if (first == '{' || first == '[') {
            std::size_t depth = 0;
            while (pos_ < text_.size()) {
                const char c = text_[pos_];
                if (c == '"') {
                    if (!skip_string()) return false;
                    continue;
                }
                if (c == '{' || c == '[') ++depth;
                else if (c == '}' || c == ']') --depth;
                ++pos_;
                if (depth == 0) return true;
            }
            return false;
        }
        const std::size_t start = pos_;
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c == ',' || c == ']' || c == '}' || c == ' ' || c == '\t' || c == '\n' || c == '\r') break;
            ++pos_;
        }
        return pos_ > start;
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

/// Whether the raw (still escaped) member name `raw` spells `name`.
bool name_matches(std::string_view raw, std::string_view name) {
    if (raw.find('\\') == std::string_view::npos) return raw == name;
    std::string quoted;
    quoted.reserve(raw.size() + 2);
    quoted += '"';
    quoted += raw;
    quoted += '"';
    boost::system::error_code ec;
    const boost::json::value decoded = boost::json::parse(quoted, ec);
    return !ec && decoded.is_string() && decoded.get_string() == name;
}

/// With the scanner on an object, finds where the value of its last member `name` starts.
result<std::size_t> find_member(json_scanner& scan, std::string_view name) {
    scan.skip_space();
    if (!scan.consume('{')) return malformed("expected an object holding \"" + std::string(name) + "\"");
    std::optional<std::size_t> found;
    scan.skip_space();
    if (scan.consume('}')) return malformed("no member \"" + std::string(name) + "\"");
    for (;;) {
        scan.skip_space();
        std::string_view raw_name;
        if (!scan.skip_string(&raw_name)) return malformed("expected a member name");
        scan.skip_space();
        if (!scan.consume(':')) return malformed("expected ':' after a member name");
        scan.skip_space();
        if (name_matches(raw_name, name)) found = scan.position();
        if (!scan.skip_value()) return malformed("truncated value");
        scan.skip_space();
        if (scan.consume(',')) continue;
        if (scan.consume('}')) break;
        return malformed("expected ',' or '}' in an object");
    }
    if (!found) return malformed("no member \"" + std::string(name) + "\"");
    return *found;
}

}  // namespace

result<std::vector<std::string_view>> array_element_spans(std::string_view json_text,
                                                          std::initializer_list<std::string_view> path) {
    json_scanner scan{json_text};
    for (std::string_view name : path) {
        auto at = find_member(scan, name);
        if (!at) return std::move(at).error();
        scan.seek(*at);
    }
    scan.skip_space();
    if (!scan.consume('[')) return malformed("the rows are not an array");
    std::vector<std::string_view> spans;
    scan.skip_space();
    if (scan.consume(']')) return spans;
    for (;;) {
        scan.skip_space();
        const std::size_t start = scan.position();
        if (!scan.skip_value()) return malformed("truncated row");
        spans.push_back(scan.slice(start, scan.position()));
        scan.skip_space();
        if (scan.consume(',')) continue;
        if (scan.consume(']')) break;
        return malformed("expected ',' or ']' in the rows");
    }
    return spans;
}

}  // namespace talentray::detail
