// talentray/model/timestamp.hpp — a UTC instant as the API writes it (ISO 8601 / RFC 3339).
#pragma once

#include <talentray/error.hpp>

#include <chrono>
#include <compare>
#include <iosfwd>
#include <string>
#include <string_view>

namespace talentray {

/// A point in time in UTC with microsecond resolution.
///
/// The API writes date-times as ISO 8601 in UTC (`2026-06-04T15:30:45Z`). `parse` also accepts
/// fractional seconds and numeric offsets, which it converts to UTC, so comparisons and
/// arithmetic never depend on how the server happened to spell the instant.
class timestamp {
public:
    using duration = std::chrono::microseconds;
    using time_point = std::chrono::sys_time<duration>;

    /// The Unix epoch, 1970-01-01T00:00:00Z.
    constexpr timestamp() noexcept = default;

    /// Wraps a system-clock time point (`std::chrono::sys_seconds` converts implicitly).
    constexpr explicit timestamp(time_point tp) noexcept : time_(tp) {}

    /// The current time, truncated to the resolution of this type.
    static timestamp now() noexcept;

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)`.
    ///
    /// Also accepts what RFC 3339 §5.6 and ISO 8601 allow beside that: `t`/`z` in lower case, a
    /// space instead of `T`, and offsets written `+HHMM` or `+HH`. Digits of the fraction beyond the sixth are accepted and truncated,
    /// since the type resolves microseconds. Years are 0000..9999; leap seconds (`:60`) and
    /// date-times without a zone designator are refused because they name no single instant.
    ///
    /// Returns the instant, or `errc::invalid_argument` with a message that quotes the input and
    /// says what is wrong with it. Throws only `std::bad_alloc`.
    static result<timestamp> parse(std::string_view text);

    /// ISO 8601 in UTC with `Z`: `2026-06-04T15:30:45Z`. A non-zero fraction is written with 3
    /// digits when it is whole milliseconds and 6 otherwise (`...:45.250Z`, `...:45.000001Z`).
    /// Years outside 0000..9999 are written in ISO 8601 expanded form (`+10000-...`), which
    /// `parse` does not accept.
    std::string to_string() const;

    /// The wrapped time point.
    constexpr time_point to_sys_time() const noexcept { return time_; }

    friend constexpr bool operator==(const timestamp&, const timestamp&) noexcept = default;
    friend constexpr auto operator<=>(const timestamp&, const timestamp&) noexcept = default;

private:
    time_point time_{};
};

/// Writes `t.to_string()`.
std::ostream& operator<<(std::ostream& out, const timestamp& t);

}  // namespace talentray
