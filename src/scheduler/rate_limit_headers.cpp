// Reading the rate-limit header drafts: draft-ietf-httpapi-ratelimit-headers in its successive
// forms, and the older X-RateLimit-* convention. Lenient about what it skips, strict about
// what it accepts: a value is used only when it is a well-formed non-negative integer.
#include "scheduler/rate_limit_headers.hpp"

#include "scheduler/retry_after.hpp"

#include <algorithm>

namespace talentray {

namespace {

using detail::http_text::iequals;
using detail::http_text::trim_ows;

/// A non-negative integer of 1 to 15 digits (the range of a structured-field integer).
std::optional<std::uint64_t> integer(std::string_view s) noexcept {
    s = trim_ows(s);
    if (s.empty() || s.size() > 15) return std::nullopt;
    std::uint64_t value = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + std::uint64_t(c - '0');
    }
    return value;
}

/// A count of seconds, saturated like a Retry-After so that adding it to a clock cannot overflow.
std::optional<std::chrono::seconds> seconds(std::optional<std::uint64_t> value) noexcept {
    if (!value) return std::nullopt;
    return std::chrono::seconds{
        std::min<std::uint64_t>(*value, static_cast<std::uint64_t>(retry_after_saturation.count()))};
}

/// Calls `each(piece)` for every piece of `s` between `separator`s that lie outside quoted
/// strings (structured-field strings may contain commas and semicolons).
template <class Each>
void split(std::string_view s, char separator, Each&& each) {
    bool quoted = false;
    std::size_t start = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (quoted && c == '\\') {
            ++i;  // skip the escaped character
        } else if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && c == separator) {
            each(trim_ows(s.substr(start, i - start)));
            start = i + 1;
        }
    }
    each(trim_ows(s.substr(start)));
}

/// The part of a list member before its first parameter.
std::string_view head_of(std::string_view member) noexcept {
    std::string_view head = member;
    bool first = true;
    split(member, ';', [&](std::string_view piece) {
        if (first) head = piece;
        first = false;
    });
    return head;
}

/// The value of parameter `name` (`;name=value`) of a list member, if present.
std::optional<std::string_view> parameter(std::string_view member, std::string_view name) {
    std::optional<std::string_view> found;
    bool first = true;
    split(member, ';', [&](std::string_view piece) {
        if (first) {
            first = false;
            return;
        }
        const auto eq = piece.find('=');
        if (eq != std::string_view::npos && iequals(trim_ows(piece.substr(0, eq)), name))
            found = trim_ows(piece.substr(eq + 1));
    });
    return found;
}

std::optional<std::uint64_t> integer_parameter(std::string_view member, std::string_view name) {
    const auto value = parameter(member, name);
    return value ? integer(*value) : std::nullopt;
}

/// The quota of one policy: its limit and, when named, its window.
struct quota {
    std::uint64_t limit;
    std::optional<std::uint64_t> window;
};

/// Keeps the more restrictive of two quotas: the lower rate when both name a window, else the
/// lower limit (a quota with a window is preferred to one without).
void keep_stricter(std::optional<quota>& best, quota candidate) {
    if (candidate.limit == 0 || (candidate.window && *candidate.window == 0)) return;
    if (!best) {
        best = candidate;
        return;
    }
    if (candidate.window && best->window) {
        // limit/window < best.limit/best.window, without division; 15-digit operands need
        // 100 bits, so the products are taken in 128.
        __extension__ typedef unsigned __int128 wide;
        if (wide{candidate.limit} * *best->window < wide{best->limit} * *candidate.window) best = candidate;
    } else if (candidate.window && !best->window) {
        best = candidate;
    } else if (!candidate.window && !best->window && candidate.limit < best->limit) {
        best = candidate;
    }
}

/// `RateLimit-Policy: 600;w=60` (draft -05..-07) or `"default";q=600;w=60` (draft -08+).
std::optional<quota> read_policy(std::string_view value) {
    std::optional<quota> best;
    split(value, ',', [&](std::string_view member) {
        if (member.empty()) return;
        auto limit = integer(head_of(member));
        if (!limit) limit = integer_parameter(member, "q");
        if (limit) keep_stricter(best, {*limit, integer_parameter(member, "w")});
    });
    return best;
}

/// What the combined `RateLimit` field says.
struct combined_fields {
    std::optional<std::uint64_t> limit;
    std::optional<std::uint64_t> remaining;
    std::optional<std::uint64_t> reset;
};

/// `RateLimit: limit=600, remaining=12, reset=8` (draft -06/-07) or `"default";r=12;t=8`
/// (draft -08+). With several quota items, the one with the fewest remaining counts.
combined_fields read_combined(std::string_view value) {
    combined_fields out;
    split(value, ',', [&](std::string_view member) {
        const std::string_view head = head_of(member);
        if (head.empty()) return;
        if (const auto eq = head.find('='); eq != std::string_view::npos && head.front() != '"') {
            const std::string_view key = trim_ows(head.substr(0, eq));
            const auto number = integer(head.substr(eq + 1));
            if (!number) return;
            if (iequals(key, "limit")) out.limit = number;
            else if (iequals(key, "remaining")) out.remaining = number;
            else if (iequals(key, "reset")) out.reset = number;
            return;
        }
        const auto remaining = integer_parameter(member, "r");
        if (remaining && (!out.remaining || *remaining < *out.remaining)) {
            out.remaining = remaining;
            out.reset = integer_parameter(member, "t");
        }
    });
    return out;
}

/// `RateLimit-Limit: 600` or, in early drafts, `600, 600;w=60, 1000;w=3600`.
std::optional<quota> read_draft_limit(std::string_view value) {
    std::optional<quota> out;
    bool first = true;
    split(value, ',', [&](std::string_view member) {
        const auto number = integer(head_of(member));
        if (first) {
            first = false;
            if (number && *number > 0) out = quota{*number, std::nullopt};
            return;
        }
        // A quota policy describing the limit above names its window.
        if (out && number == out->limit && !out->window) out->window = integer_parameter(member, "w");
    });
    if (out && out->window && *out->window == 0) out->window.reset();
    return out;
}

/// A plain integer field (parameters, if any, ignored).
std::optional<std::uint64_t> read_integer(std::string_view value) {
    if (trim_ows(value).empty()) return std::nullopt;
    return integer(head_of(value));
}

/// `X-RateLimit-Reset`: seconds until the reset, or (GitHub and others) the Unix time of it.
std::optional<std::uint64_t> read_x_reset(std::string_view value, std::chrono::system_clock::time_point now) {
    const auto number = read_integer(value);
    // No delta this large is plausible (it is 31 years); it is a timestamp.
    constexpr std::uint64_t unix_time_threshold = 1'000'000'000;
    if (!number || *number < unix_time_threshold) return number;
    const auto now_unix = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    if (now_unix < 0) return std::nullopt;
    return *number > std::uint64_t(now_unix) ? *number - std::uint64_t(now_unix) : 0;
}

template <class T>
std::optional<T> first_of(std::optional<T> a, std::optional<T> b, std::optional<T> c = std::nullopt) {
    return a ? a : b ? b : c;
}

}  // namespace

bool rate_limit_headers::assign(std::string_view name, std::string_view value) noexcept {
    struct field {
        std::string_view name;
        std::string_view rate_limit_headers::*member;
    };
    static constexpr field fields[] = {
        {"RateLimit", &rate_limit_headers::ratelimit},
        {"RateLimit-Policy", &rate_limit_headers::ratelimit_policy},
        {"RateLimit-Limit", &rate_limit_headers::ratelimit_limit},
        {"RateLimit-Remaining", &rate_limit_headers::ratelimit_remaining},
        {"RateLimit-Reset", &rate_limit_headers::ratelimit_reset},
        {"X-RateLimit-Limit", &rate_limit_headers::x_ratelimit_limit},
        {"X-RateLimit-Remaining", &rate_limit_headers::x_ratelimit_remaining},
        {"X-RateLimit-Reset", &rate_limit_headers::x_ratelimit_reset},
    };
    for (const auto& f : fields) {
        if (iequals(name, f.name)) {
            this->*f.member = value;
            return true;
        }
    }
    return false;
}

bool rate_limit_headers::empty() const noexcept {
    return ratelimit.empty() && ratelimit_policy.empty() && ratelimit_limit.empty() && ratelimit_remaining.empty() &&
           ratelimit_reset.empty() && x_ratelimit_limit.empty() && x_ratelimit_remaining.empty() &&
           x_ratelimit_reset.empty();
}

rate_limit_info parse_rate_limit(const rate_limit_headers& h, std::chrono::system_clock::time_point now) noexcept {
    rate_limit_info info;
    const combined_fields combined = read_combined(h.ratelimit);
    const std::optional<quota> policy = read_policy(h.ratelimit_policy);
    const std::optional<quota> draft = read_draft_limit(h.ratelimit_limit);

    std::optional<std::uint64_t> limit = first_of(combined.limit, policy ? std::optional{policy->limit} : std::nullopt,
                                                  draft ? std::optional{draft->limit} : std::nullopt);
    if (!limit) limit = read_integer(h.x_ratelimit_limit);
    if (limit && *limit > 0) info.limit = limit;

    const auto window = first_of(policy ? policy->window : std::nullopt, draft ? draft->window : std::nullopt);
    if (window && *window > 0) info.window = seconds(window);

    info.remaining =
        first_of(combined.remaining, read_integer(h.ratelimit_remaining), read_integer(h.x_ratelimit_remaining));
    info.reset =
        seconds(first_of(combined.reset, read_integer(h.ratelimit_reset), read_x_reset(h.x_ratelimit_reset, now)));
    return info;
}

}  // namespace talentray
