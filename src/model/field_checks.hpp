// Client-side checks of request bodies and parameters, collecting the first failure with a
// message that names the struct and the member, e.g. `candidate_update.status must not be empty`.
#pragma once

#include <talentray/error.hpp>
#include <talentray/model/field.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace talentray::model_checks {

class field_checks {
public:
    /// `owner` is the struct's name as the user knows it, e.g. "candidate_update".
    explicit field_checks(std::string_view owner) : owner_(owner) {}

    /// `<owner>: empty body; set at least one field` unless `has_any_field`.
    void not_empty_body(bool has_any_field);
    /// `<owner>.<field> is required` when `value` is empty.
    void required(std::string_view field, const std::string& value);
    /// `<owner>.<field> must not be empty` when set to "".
    void not_empty(std::string_view field, const std::optional<std::string>& value);
    /// As above, and says how to clear the field instead.
    void not_empty(std::string_view field, const nullable_field<std::string>& value);
    /// `<owner>.<field>[i] must not be empty` for the first empty element.
    void no_empty_element(std::string_view field, const std::optional<std::vector<std::string>>& values);
    /// `<owner>.<field> must be <min>..<max>, got <value>`.
    void in_range(std::string_view field, std::int64_t value, std::int64_t min, std::int64_t max);
    void in_range(std::string_view field, const std::optional<int>& value, std::int64_t min, std::int64_t max);
    /// `<owner>.<field> <problem>` when `ok` is false.
    void check(bool ok, std::string_view field, std::string_view problem);

    /// The first failure as `errc::invalid_argument`, or success.
    result<void> outcome() const;

private:
    void fail(std::string_view field, std::string_view problem);

    std::string owner_;
    std::optional<std::string> failure_;
};

}  // namespace talentray::model_checks
