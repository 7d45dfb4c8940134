#include "model/field_checks.hpp"

namespace talentray::model_checks {

void field_checks::not_empty_body(bool has_any_field) {
    if (has_any_field || failure_) return;
    failure_ = owner_ + ": empty body; set at least one field";
}

void field_checks::required(std::string_view field, const std::string& value) {
    if (value.empty()) fail(field, "is required");
}

void field_checks::not_empty(std::string_view field, const std::optional<std::string>& value) {
    if (value && value->empty()) fail(field, "must not be empty");
}

void field_checks::not_empty(std::string_view field, const nullable_field<std::string>& value) {
    if (value.has_value() && value->empty())
        fail(field, "must not be empty (assign talentray::null to clear it)");
}

void field_checks::no_empty_element(std::string_view field,
                                    const std::optional<std::vector<std::string>>& values) {
    if (!values) return;
    for (std::size_t i = 0; i < values->size(); ++i) {
        if ((*values)[i].empty()) {
            fail(std::string(field) + '[' + std::to_string(i) + ']', "must not be empty");
            return;
        }
    }
}

void field_checks::in_range(std::string_view field, std::int64_t value, std::int64_t min, std::int64_t max) {
    if (value >= min && value <= max) return;
    fail(field, "must be " + std::to_string(min) + ".." + std::to_string(max) + ", got " + std::to_string(value));
}

void field_checks::in_range(std::string_view field, const std::optional<int>& value, std::int64_t min,
                            std::int64_t max) {
    if (value) in_range(field, *value, min, max);
}

void field_checks::check(bool ok, std::string_view field, std::string_view problem) {
    if (!ok) fail(field, problem);
}

result<void> field_checks::outcome() const {
    if (failure_) return make_error_info(errc::invalid_argument, *failure_);
    return {};
}

void field_checks::fail(std::string_view field, std::string_view problem) {
    if (failure_) return;
    std::string message = owner_;
    message += '.';
    message += field;
    message += ' ';
    message += problem;
    failure_ = std::move(message);
}

}  // namespace talentray::model_checks
