// Reading request bodies and query strings the way the contract validates them: every problem is
// collected as a sentence naming the field ("status must be a non-empty string"), so one 400 can
// list them all.
#pragma once

#include "records.hpp"

#include <boost/json/object.hpp>
#include <boost/url/params_view.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace talentray::mock::detail {

/// A JSON object body, or why there is none.
struct object_body {
    std::optional<boost::json::object> object;
    std::string problem;  ///< "Request body is empty", "Malformed JSON body", "Request body must be a JSON object"
};

/// Parses a request body that must be one JSON object.
object_body parse_object_body(std::string_view body);

/// Typed, validating access to the fields of a JSON object body. Each accessor returns nullopt
/// when the field is absent or invalid (and then records a problem); unknown fields are ignored.
class field_reader {
public:
    explicit field_reader(const boost::json::object& body) : body_(body) {}

    std::optional<std::string> non_empty_string(std::string_view name);
    /// Any string, including "".
    std::optional<std::string> string(std::string_view name);
    /// Outer optional: present; inner: the new value or null.
    std::optional<optional_text> nullable_string(std::string_view name);
    std::optional<optional_text> nullable_email(std::string_view name);
    std::optional<optional_text> nullable_phone(std::string_view name);
    std::optional<std::optional<std::int64_t>> nullable_integer(std::string_view name);
    /// An integer within [low, high].
    std::optional<std::int64_t> integer_within(std::string_view name, std::int64_t low, std::int64_t high);
    /// One of `allowed`, or null.
    std::optional<optional_text> nullable_choice(std::string_view name, std::initializer_list<std::string_view> allowed);
    std::optional<bool> boolean(std::string_view name);
    std::optional<std::vector<std::string>> string_array(std::string_view name);

    /// True when the body had at least one field this reader was asked about (valid or not).
    bool saw_known_field() const { return saw_known_field_; }
    const std::vector<std::string>& problems() const { return problems_; }

private:
    const boost::json::value* find(std::string_view name);
    void problem(std::string_view name, std::string_view requirement);

    const boost::json::object& body_;
    std::vector<std::string> problems_;
    bool saw_known_field_ = false;
};

bool is_valid_email(std::string_view text);
bool is_valid_phone(std::string_view text);

/// Decoded query parameters; the first occurrence of a name wins.
class query_params {
public:
    explicit query_params(boost::urls::params_view params);
    std::optional<std::string_view> get(std::string_view name) const;

private:
    std::vector<std::pair<std::string, std::string>> params_;
};

/// Offset pagination parameters (contract §4.3, INFERRED rules): page >= 0 (default 0); pageSize
/// clamped to [1, 100] (default 20); negative or non-integer values are problems.
struct page_request {
    std::size_t page = 0;
    std::size_t page_size = 20;
};
std::optional<page_request> read_page_request(const query_params& query, std::vector<std::string>& problems);

/// An optional filter parameter: absent is nullopt, present but empty is a problem.
std::optional<std::string> read_filter(const query_params& query, std::string_view name,
                                       std::vector<std::string>& problems);

}  // namespace talentray::mock::detail
