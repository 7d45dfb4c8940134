// Keeping the API key out of everything the SDK repeats: a server may echo the key (whole, as
// `Bearer <key>`, or cut into pieces) in any text of its response, and the SDK's diagnostics and
// log lines repeat that text.
#pragma once

#include <talentray/error.hpp>
#include <talentray/secret.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace talentray::detail {

/// Replaces every run of at least `min_fragment` consecutive characters of one key (16, or the
/// whole key when it is shorter), and of each further secret given, by "[redacted]". That covers the key itself, its `Bearer ` form
/// and any long fragment of it. Pure and immutable: safe to share between threads.
class key_redactor {
public:
    /// The shortest run of the key's characters that is redacted.
    static constexpr std::size_t min_fragment = 16;

    /// A redactor that changes nothing (no key is configured).
    key_redactor() = default;

    /// Redacts `key`, which it keeps in a wiped-on-release `secret`, and each of `more` (the
    /// proxy's credentials) by the same rule: the whole secret when shorter than 16 characters,
    /// any run of 16 of its characters otherwise.
    explicit key_redactor(secret key, std::vector<secret> more = {}) noexcept
        : key_(std::move(key)), more_(std::move(more)) {}

    /// `text` with every fragment of the key replaced. Throws only `std::bad_alloc`.
    std::string redact(std::string_view text) const;

    /// Redacts `text` in place.
    void redact_in_place(std::string& text) const;

    /// Redacts every text field of `diag`: codes, messages, details, scopes, method, path,
    /// location.
    void redact_in_place(diagnostics& diag) const;

private:
    bool empty() const noexcept { return key_.empty() && more_.empty(); }

    secret key_;
    std::vector<secret> more_;
};

}  // namespace talentray::detail
