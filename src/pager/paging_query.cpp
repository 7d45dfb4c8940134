#include "pager/paging_query.hpp"

#include <talentray/model/params.hpp>

#include <charconv>
#include <utility>

namespace talentray::detail {
namespace {

error_info invalid(std::string message) { return make_error_info(errc::invalid_argument, std::move(message)); }

result<void> check_request(const request_spec& base, std::string_view page_size_name, int page_size, int max) {
    if (page_size < 1 || page_size > max)
        return invalid(std::string(page_size_name) + " must be 1.." + std::to_string(max) + ", got " +
                       std::to_string(page_size));
    if (base.method != http_method::get) return invalid("a paged list is read with GET");
    if (base.path.empty() || base.path.front() != '/') return invalid("the list's path must start with '/'");
    if (base.body) return invalid("a paged list request has no body");
    return {};
}

result<std::int64_t> parse_count(std::string_view name, std::string_view text) {
    std::int64_t value = -1;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value < 0)
        return invalid("query parameter " + std::string(name) + " must be a non-negative integer, got \"" +
                       std::string(text) + "\"");
    return value;
}

/// Removes every parameter named `name` from `query`; returns its value if it was there once.
result<std::optional<std::string>> take_parameter(query_params& query, std::string_view name) {
    std::optional<std::string> found;
    for (auto it = query.begin(); it != query.end();) {
        if (it->name != name) {
            ++it;
            continue;
        }
        if (found) return invalid("query parameter " + std::string(name) + " is given twice");
        found = std::move(it->value);
        it = query.erase(it);
    }
    return found;
}

result<void> check_size_parameter(query_params& query, std::string_view name, int expected) {
    auto given = take_parameter(query, name);
    if (!given) return std::move(given).error();
    if (!*given) return {};
    auto value = parse_count(name, **given);
    if (!value) return std::move(value).error();
    if (*value != expected)
        return invalid("query parameter " + std::string(name) + "=" + **given + " disagrees with the pager's " +
                       std::to_string(expected));
    return {};
}

}  // namespace

result<offset_base> prepare_offset_base(request_spec base, int page_size) {
    if (auto ok = check_request(base, "page_size", page_size, max_page_size); !ok) return std::move(ok).error();
    offset_base out;
    auto page = take_parameter(base.query, "page");
    if (!page) return std::move(page).error();
    if (*page) {
        auto first = parse_count("page", **page);
        if (!first) return std::move(first).error();
        out.first_page = *first;
    }
    if (auto size = check_size_parameter(base.query, "pageSize", page_size); !size) return std::move(size).error();
    out.base = std::move(base);
    return out;
}

result<cursor_base> prepare_cursor_base(request_spec base, int limit) {
    if (auto ok = check_request(base, "limit", limit, max_usage_limit); !ok) return std::move(ok).error();
    cursor_base out;
    auto before = take_parameter(base.query, "before");
    if (!before) return std::move(before).error();
    if (*before) {
        auto at = timestamp::parse(**before);
        if (!at) return invalid("query parameter before: " + at.error().diag.client_message);
        out.first_before = std::move(**before);
        out.first_before_at = *at;
    }
    if (auto size = check_size_parameter(base.query, "limit", limit); !size) return std::move(size).error();
    out.base = std::move(base);
    return out;
}

request_spec offset_page_request(const request_spec& base, std::int64_t page, int page_size) {
    request_spec request = base;
    request.query.push_back({"page", std::to_string(page)});
    request.query.push_back({"pageSize", std::to_string(page_size)});
    return request;
}

request_spec cursor_page_request(const request_spec& base, int limit, const std::optional<std::string>& before) {
    request_spec request = base;
    request.query.push_back({"limit", std::to_string(limit)});
    if (before) request.query.push_back({"before", *before});
    return request;
}

bool is_paging_parameter(pagination_style style, std::string_view name) noexcept {
    return style == pagination_style::offset ? (name == "page" || name == "pageSize")
                                             : (name == "limit" || name == "before");
}

int max_page_size_of(pagination_style style) noexcept {
    return style == pagination_style::offset ? max_page_size : max_usage_limit;
}

}  // namespace talentray::detail
