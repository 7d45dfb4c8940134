// Where a decoder is inside a JSON document, and the first thing that went wrong there.
#pragma once

#include <talentray/error.hpp>

#include <boost/container/small_vector.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace talentray::model_json {

/// Tracks the JSON path while decoding and keeps the first failure, rendered as
/// `data[3].roles[0].overallFitScore: expected integer, got string`. After a failure every
/// further read is skipped, so decoders need no early returns.
class decode_context {
public:
    /// Leaves the path segment it was created for when destroyed.
    class segment_guard {
    public:
        explicit segment_guard(decode_context& ctx) noexcept : ctx_(ctx) {}
        segment_guard(const segment_guard&) = delete;
        segment_guard& operator=(const segment_guard&) = delete;
        ~segment_guard() { ctx_.path_.pop_back(); }

    private:
        decode_context& ctx_;
    };

    // Inline: entered for every field of every row, so a call each would be a measurable share
    // of decoding a page.

    /// Descends into object member `key`; `key` must outlive the guard (keys are literals).
    [[nodiscard]] segment_guard enter(std::string_view key) {
        path_.push_back({key, 0});
        return segment_guard{*this};
    }
    /// Descends into array element `index`.
    [[nodiscard]] segment_guard enter(std::size_t index) {
        path_.push_back({{}, index});
        return segment_guard{*this};
    }

    bool failed() const noexcept { return failure_.has_value(); }

    /// Records `problem` at the current path, unless a failure is already recorded.
    void fail(std::string_view problem);
    /// Records `expected <what>, got <kind of json>`.
    void fail_type(std::string_view expected, const boost::json::value& got);

    /// The recorded failure as `errc::invalid_response`. Precondition: `failed()`.
    error_info take_error();

private:
    struct segment {
        std::string_view key;   // empty for an array element
        std::size_t index = 0;  // used when key is empty
    };

    std::string render_path() const;

    // Models nest a few levels deep (data[3].roles[0].overallFitScore): the path lives inline,
    // so decoding a row allocates nothing for it.
    boost::container::small_vector<segment, 8> path_;
    std::optional<std::string> failure_;
};

/// The kind of a JSON value as a message word: "null", "boolean", "integer", "number",
/// "string", "array", "object".
std::string_view json_kind_name(const boost::json::value& value) noexcept;

}  // namespace talentray::model_json
