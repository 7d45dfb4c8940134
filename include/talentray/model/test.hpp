// talentray/model/test.hpp — assessment tests (metadata only) and their updates.
#pragma once

#include <talentray/model/field.hpp>
#include <talentray/model/json.hpp>
#include <talentray/model/timestamp.hpp>

#include <optional>
#include <string>
#include <vector>

namespace talentray {

/// An assessment test (`Test`). Question content is never returned.
struct test {
    std::string id;
    std::string name;
    std::string type;  ///< open vocabulary, e.g. "multiple_choice"
    std::optional<std::string> description;
    std::optional<int> duration;  ///< minutes
    std::optional<std::string> target_persona;
    std::optional<std::string> analysis_category;  ///< open vocabulary, e.g. "hard_skill"
    std::optional<std::string> language;           ///< ISO 639-1, e.g. "en"
    bool is_public = false;  ///< true exactly when `organization_ids` is empty (a global template)
    std::vector<std::string> organization_ids;
    timestamp created_at;
    timestamp updated_at;

    friend bool operator==(const test&, const test&) = default;
};

/// Body of `PATCH /api/v1/tests/{id}` (`TestUpdate`). Only fields that are set (or null) are
/// sent; at least one must be. Only `target_persona` can be cleared.
struct test_update {
    std::optional<std::string> name;
    std::optional<std::string> description;
    std::optional<std::string> analysis_category;
    std::optional<std::string> language;  ///< ISO 639-1: two lower-case letters
    std::optional<std::string> type;
    nullable_field<std::string> target_persona;
    std::optional<int> duration;  ///< minutes

    /// Client-side checks, done before any byte is sent: the body is not empty, `name` and
    /// `type` are not empty strings, `language` is two lower-case ASCII letters and `duration`
    /// is not negative. Returns `errc::invalid_argument` naming the field otherwise.
    result<void> validate() const;

    friend bool operator==(const test_update&, const test_update&) = default;
};

/// JSON of each type; absent fields of a `test_update` are omitted.
boost::json::value encode(const test& test);
boost::json::value encode(const test_update& update);

}  // namespace talentray
