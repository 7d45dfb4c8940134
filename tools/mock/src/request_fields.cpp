#include "request_fields.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <charconv>
#include <limits>

namespace talentray::mock::detail {
namespace json = boost::json;

object_body parse_object_body(std::string_view body) {
    object_body result;
    if (std::all_of(body.begin(), body.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; })) {
        result.problem = "Request body is empty";
        return result;
    }
    boost::system::error_code ec;
    json::value value = json::parse(body, ec);
    if (ec) {
        result.problem = "Malformed JSON body";
        return result;
    }
    if (!value.is_object()) {
        result.problem = "Request body must be a JSON object";
        return result;
    }
    result.object = std::move(value.as_object());
    return result;
}

const json::value* field_reader::find(std::string_view name) {
    const json::value* value = body_.if_contains(name);
    if (value != nullptr) saw_known_field_ = true;
    return value;
}

void field_reader::problem(std::string_view name, std::string_view requirement) {
    std::string text(name);
    text += " must be ";
    text += requirement;
    problems_.push_back(std::move(text));
}

std::optional<std::string> field_reader::non_empty_string(std::string_view name) {
    const json::value* value = find(name);
    if (value == nullptr) return std::nullopt;
    if (!value->is_string() || value->get_string().empty()) {
        problem(name, "a non-empty string");
        return std::nullopt;
    }
    return std::string(value->get_string());
}

std::optional<std::string> field_reader::string(std::string_view name) {
    const json::value* value = find(name);
    if (value == nullptr) return std::nullopt;
    if (!value->is_string()) {
        problem(name, "a string");
        return std::nullopt;
    }
    return std::string(value->get_string());
}

std::optional<optional_text> field_reader::nullable_string(std::string_view name) {
    const json::value* value = find(name);
    if (value == nullptr) return std::nullopt;
    if (value->is_null()) return optional_text{};
    if (!value->is_string()) {
        problem(name, "a string or null");
        return std::nullopt;
    }
    return optional_text{std::string(value->get_string())};
}

std::optional<optional_text> field_reader::nullable_email(std::string_view name) {
    const json::value* value = find(name);
    if (value == nullptr) return std::nullopt;
    if (value->is_null()) return optional_text{};
    if (!value->is_string() || !is_valid_email(value->get_string())) {
        problem(name, "a valid email address or null");
        return std::nullopt;
    }
    return optional_text{std::string(value->get_string())};
}

std::optional<optional_text> field_reader::nullable_phone(std::string_view name) {
    const json::value* value = find(name);
    if (value == nullptr) return std::nullopt;
    if (value->is_null()) return optional_text{};
    if (!value->is_string() || !is_valid_phone(value->get_string())) {
        problem(name, "a valid phone number or null");
        return std::nullopt;
    }
    return optional_text{std::string(value->get_string())};
}

std::optional<std::optional<std::int64_t>> field_reader::nullable_integer(std::string_view name) {
    const json::value* value = find(name);
    if (value == nullptr) return std::nullopt;
    if (value->is_null()) return std::optional<std::int64_t>{};
    if (value->is_int64()) return std::optional<std::int64_t>{value->get_int64()};
    if (value->is_uint64() && value->get_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return std::optional<std::int64_t>{static_cast<std::int64_t>(value->get_uint64())};
    problem(name, "an integer or null");
    return std::nullopt;
}

std::optional<std::int64_t> field_reader::integer_within(std::string_view name, std::int64_t low, std::int64_t high) {
    const json::value* value = find(name);
    if (value == nullptr) return std::nullopt;
    // Boost.JSON keeps integers as int64 whenever they fit; uint64 values are beyond any bound here.
    if (value->is_int64() && value->get_int64() >= low && value->get_int64() <= high) return value->get_int64();
    problem(name, "an integer between " + std::to_string(low) + " and " + std::to_string(high));
    return std::nullopt;
}

std::optional<optional_text> field_reader::nullable_choice(std::string_view name,
                                                           std::initializer_list<std::string_view> allowed) {
    const json::value* value = find(name);
    if (value == nullptr) return std::nullopt;
    if (value->is_null()) return optional_text{};
    if (value->is_string() && std::find(allowed.begin(), allowed.end(), std::string_view(value->get_string())) != allowed.end())
        return optional_text{std::string(value->get_string())};
    std::string requirement = "one of ";
    for (std::string_view choice : allowed) {
        requirement += choice;
        requirement += ", ";
    }
    requirement += "or null";
    problem(name, requirement);
    return std::nullopt;
}

std::optional<bool> field_reader::boolean(std::string_view name) {
    const json::value* value = find(name);
    if (value == nullptr) return std::nullopt;
    if (!value->is_bool()) {
        problem(name, "a boolean");
        return std::nullopt;
    }
    return value->get_bool();
}

std::optional<std::vector<std::string>> field_reader::string_array(std::string_view name) {
    const json::value* value = find(name);
    if (value == nullptr) return std::nullopt;
    std::vector<std::string> result;
    const bool ok = value->is_array() && std::all_of(value->get_array().begin(), value->get_array().end(),
                                                     [&](const json::value& item) {
                                                         if (!item.is_string() || item.get_string().empty()) return false;
                                                         result.emplace_back(item.get_string());
                                                         return true;
                                                     });
    if (!ok) {
        problem(name, "an array of non-empty strings");
        return std::nullopt;
    }
    return result;
}

bool is_valid_email(std::string_view text) {
    const std::size_t at = text.find('@');
    if (text.size() > 254 || at == std::string_view::npos || at == 0 || text.find('@', at + 1) != std::string_view::npos)
        return false;
    const std::string_view domain = text.substr(at + 1);
    const std::size_t dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 >= domain.size()) return false;
    return std::none_of(text.begin(), text.end(),
                        [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ';'; });
}

bool is_valid_phone(std::string_view text) {
    std::size_t digits = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') ++digits;
        else if (c == '+' && i == 0) continue;
        else if (c != ' ' && c != '-' && c != '(' && c != ')') return false;
    }
    return digits >= 6 && digits <= 15;
}

query_params::query_params(boost::urls::params_view params) {
    for (const boost::urls::param& p : params) params_.emplace_back(p.key, p.value);
}

std::optional<std::string_view> query_params::get(std::string_view name) const {
    for (const auto& [key, value] : params_)
        if (key == name) return std::string_view(value);
    return std::nullopt;
}

namespace {

// Digits only; values too large for size_t saturate (a huge page is simply past the end).
std::optional<std::size_t> read_count(std::string_view text) {
    if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    std::size_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error == std::errc::result_out_of_range) return std::numeric_limits<std::size_t>::max();
    return value;
}

}  // namespace

std::optional<page_request> read_page_request(const query_params& query, std::vector<std::string>& problems) {
    page_request request;
    bool ok = true;
    if (const auto page = query.get("page")) {
        if (const auto value = read_count(*page)) {
            request.page = *value;
        } else {
            problems.emplace_back("page must be a non-negative integer");
            ok = false;
        }
    }
    if (const auto page_size = query.get("pageSize")) {
        if (const auto value = read_count(*page_size)) {
            request.page_size = std::clamp<std::size_t>(*value, 1, 100);
        } else {
            problems.emplace_back("pageSize must be a non-negative integer");
            ok = false;
        }
    }
    if (!ok) return std::nullopt;
    return request;
}

std::optional<std::string> read_filter(const query_params& query, std::string_view name,
                                       std::vector<std::string>& problems) {
    const auto value = query.get(name);
    if (!value) return std::nullopt;
    if (value->empty()) {
        problems.push_back(std::string(name) + " must be a non-empty string");
        return std::nullopt;
    }
    return std::string(*value);
}

}  // namespace talentray::mock::detail
