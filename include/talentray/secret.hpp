// talentray/secret.hpp — a string that holds a credential and refuses to show it.
#pragma once

#include <string>
#include <string_view>

namespace talentray {

/// Holds an API key. It is never printed: `redacted()` shows at most the documented 7-character
/// display prefix (`tr_aaaa…`), and the memory is wiped when the value is destroyed or replaced.
/// Copying is allowed (options structs are copied) but each copy is wiped in turn.
class secret {
public:
    secret() = default;
    explicit secret(std::string value) noexcept : value_(std::move(value)) {}
    secret(const secret& other) : value_(other.value_) {}
    secret(secret&& other) noexcept;
    secret& operator=(const secret& other);
    secret& operator=(secret&& other) noexcept;
    ~secret();

    bool empty() const noexcept { return value_.empty(); }
    std::size_t size() const noexcept { return value_.size(); }

    /// The plaintext, for the one place that must send it (the auth header). Never log it.
    std::string_view reveal() const noexcept { return value_; }

    /// A printable form: the first 7 characters and an ellipsis, or "(empty)".
    std::string redacted() const;

private:
    void wipe() noexcept;
    std::string value_;
};

}  // namespace talentray
