// talentray/model/field.hpp — the three states of a field in a PATCH body.
#pragma once

#include <optional>
#include <type_traits>
#include <utility>

namespace talentray {

/// The type of `talentray::null`, the value that asks the server to clear a field.
struct null_t {
    // Explicit, so that `field = {}` means "absent" and never "null".
    explicit constexpr null_t(int) noexcept {}
    friend constexpr bool operator==(null_t, null_t) noexcept = default;
};

/// Assign to a `nullable_field` to send JSON `null`, i.e. to clear the field on the server.
inline constexpr null_t null{0};

/// A field of a partial update that the server may clear: it is either absent ("leave it as it
/// is", nothing is sent), null ("clear it", `null` is sent) or holds a value ("set it").
///
/// \code
///   talentray::candidate_update u;          // every field absent
///   u.email = "jane@example.com";            // set
///   u.phone = talentray::null;               // clear
///   u.email = {};                            // back to absent
/// \endcode
///
/// Fields that the server does not allow to be cleared are plain `std::optional<T>` instead.
template <class T>
class nullable_field {
public:
    using value_type = T;

    /// Absent.
    constexpr nullable_field() noexcept = default;

    /// Null: the field will be sent as JSON `null`.
    constexpr nullable_field(null_t) noexcept : state_(state::null) {}

    /// Set to a value (anything `T` can be constructed from, e.g. a string literal).
    template <class U = T>
        requires(std::is_constructible_v<T, U &&> &&
                 !std::is_same_v<std::remove_cvref_t<U>, nullable_field> &&
                 !std::is_same_v<std::remove_cvref_t<U>, null_t>)
    constexpr nullable_field(U&& value) : value_(std::forward<U>(value)), state_(state::set) {}

    /// True when nothing will be sent for this field.
    constexpr bool is_absent() const noexcept { return state_ == state::absent; }
    /// True when the field will be sent as `null`.
    constexpr bool is_null() const noexcept { return state_ == state::null; }
    /// True when the field holds a value.
    constexpr bool has_value() const noexcept { return state_ == state::set; }

    /// The value. Throws `std::bad_optional_access` when the field is absent or null.
    constexpr T& value() & { return value_.value(); }
    constexpr const T& value() const& { return value_.value(); }

    /// The value; undefined behaviour unless `has_value()`.
    constexpr T& operator*() & noexcept { return *value_; }
    constexpr const T& operator*() const& noexcept { return *value_; }
    constexpr T* operator->() noexcept { return &*value_; }
    constexpr const T* operator->() const noexcept { return &*value_; }

    /// Makes the field absent again.
    constexpr void reset() noexcept {
        value_.reset();
        state_ = state::absent;
    }

    friend constexpr bool operator==(const nullable_field&, const nullable_field&) = default;

private:
    enum class state : unsigned char { absent, null, set };

    std::optional<T> value_;  // engaged exactly when state_ == state::set
    state state_ = state::absent;
};

}  // namespace talentray
