// validate() of every request body: the checks that need no server, done before sending.
#include "model/field_checks.hpp"

#include <talentray/model/api_key.hpp>
#include <talentray/model/candidate.hpp>
#include <talentray/model/career_portal.hpp>
#include <talentray/model/role.hpp>
#include <talentray/model/sourcing.hpp>
#include <talentray/model/test.hpp>

#include <boost/json/object.hpp>

namespace talentray {
namespace {

using model_checks::field_checks;

// A PATCH body is empty exactly when nothing would be sent, so ask the encoder rather than
// keep a second list of the fields.
template <class Update>
bool sends_any_field(const Update& update) {
    return !encode(update).as_object().empty();
}

// Length as a JavaScript server measures it (String.length): UTF-16 code units, so a
// character outside the Basic Multilingual Plane (a 4-byte UTF-8 sequence) counts twice.
std::size_t utf16_length(std::string_view utf8) noexcept {
    std::size_t units = 0;
    for (const char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte & 0xC0) == 0x80) continue;  // continuation byte
        units += byte >= 0xF0 ? 2 : 1;
    }
    return units;
}

bool is_iso639_1(std::string_view code) noexcept {
    return code.size() == 2 && code[0] >= 'a' && code[0] <= 'z' && code[1] >= 'a' && code[1] <= 'z';
}

bool has_space_or_control(std::string_view text) noexcept {
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte == 0x7F) return true;
    }
    return false;
}

}  // namespace

result<void> candidate_update::validate() const {
    field_checks checks{"candidate_update"};
    checks.not_empty_body(sends_any_field(*this));
    checks.not_empty("full_name", full_name);
    checks.not_empty("status", status);
    checks.not_empty("email", email);
    checks.not_empty("phone", phone);
    return checks.outcome();
}

result<void> role_update::validate() const {
    field_checks checks{"role_update"};
    checks.not_empty_body(sends_any_field(*this));
    checks.not_empty("name", name);
    checks.not_empty("status", status);
    return checks.outcome();
}

result<void> test_update::validate() const {
    field_checks checks{"test_update"};
    checks.not_empty_body(sends_any_field(*this));
    checks.not_empty("name", name);
    checks.not_empty("type", type);
    checks.check(!language || is_iso639_1(*language), "language",
                 "must be a two-letter ISO 639-1 code such as \"en\"");
    checks.check(!duration || *duration >= 0, "duration", "must not be negative");
    return checks.outcome();
}

result<void> potential_candidate_create::validate() const {
    field_checks checks{"potential_candidate_create"};
    checks.required("full_name", full_name);
    checks.required("organization_id", organization_id);
    checks.not_empty("email", email);
    checks.not_empty("contact_email", contact_email);
    checks.not_empty("phone", phone);
    checks.not_empty("summary", summary);
    checks.no_empty_element("skills", skills);
    checks.not_empty("status", status);
    return checks.outcome();
}

result<void> potential_candidate_update::validate() const {
    field_checks checks{"potential_candidate_update"};
    checks.not_empty_body(sends_any_field(*this));
    checks.not_empty("full_name", full_name);
    checks.not_empty("status", status);
    checks.not_empty("email", email);
    checks.not_empty("contact_email", contact_email);
    checks.not_empty("phone", phone);
    checks.no_empty_element("skills", skills);
    return checks.outcome();
}

result<void> create_api_key_request::validate() const {
    field_checks checks{"create_api_key_request"};
    checks.required("name", name);
    checks.check(utf16_length(name) <= 255, "name", "must be at most 255 characters");
    checks.required("user_id", user_id);
    checks.in_range("expires_in_days", expires_in_days, 1, 365);
    if (scopes) {
        for (std::size_t i = 0; i < scopes->size(); ++i) {
            const std::string field = "scopes[" + std::to_string(i) + ']';
            checks.check(!(*scopes)[i].empty(), field, "must not be empty");
            checks.check(!has_space_or_control((*scopes)[i]), field,
                         "must not contain spaces or control characters");
        }
    }
    return checks.outcome();
}

result<void> apply_request::validate() const {
    field_checks checks{"apply_request"};
    checks.required("role_id", role_id);
    checks.not_empty("locale", locale);
    return checks.outcome();
}

}  // namespace talentray
