// The rate-limit headers a server may send (`RateLimit`, `RateLimit-Policy`, the older
// `RateLimit-*` and `X-RateLimit-*`).
//
// Input: `Name: value` lines, offered to `rate_limit_headers::assign` in turn.
//
// Invariants:
//  - every quantity read is in range: a limit is never 0, a window never 0, and nothing is
//    beyond the 15 digits a structured-field integer may have;
//  - the most restrictive of several `RateLimit-Policy` quotas does not depend on the order in
//    which the server lists them (when their rates differ).
#include "fuzz_check.hpp"

#include "scheduler/rate_limit_headers.hpp"
#include "scheduler/retry_after.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {
namespace tr = talentray;
using namespace std::chrono;

constexpr std::uint64_t sf_integer_limit = 1'000'000'000'000'000;  // 10^15

std::string describe(const tr::rate_limit_info& info) {
    auto show = [](const auto& value) {
        if constexpr (requires { value->count(); }) return value ? std::to_string(value->count()) : std::string("-");
        else return value ? std::to_string(*value) : std::string("-");
    };
    return "limit=" + show(info.limit) + " window=" + show(info.window) + " remaining=" + show(info.remaining) +
           " reset=" + show(info.reset);
}

void check_ranges(const tr::rate_limit_info& info) {
    if (info.limit) FUZZ_CHECK(*info.limit > 0 && *info.limit < sf_integer_limit, describe(info));
    if (info.window) FUZZ_CHECK(info.window->count() > 0 && std::uint64_t(info.window->count()) < sf_integer_limit, describe(info));
    if (info.remaining) FUZZ_CHECK(*info.remaining < sf_integer_limit, describe(info));
    if (info.reset) FUZZ_CHECK(info.reset->count() >= 0 && std::uint64_t(info.reset->count()) < sf_integer_limit, describe(info));
    FUZZ_CHECK(info.empty() == (!info.limit && !info.window && !info.remaining && !info.reset), describe(info));
}

/// `value`'s comma-separated members in reverse order (no quoted strings, so commas split).
std::string reversed_members(std::string_view value) {
    std::vector<std::string_view> members;
    for (std::size_t start = 0;;) {
        const auto comma = value.find(',', start);
        members.push_back(value.substr(start, comma - start));
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    std::string out;
    for (auto it = members.rbegin(); it != members.rend(); ++it) {
        if (!out.empty()) out += ',';
        out += *it;
    }
    return out;
}

void check_policy_order(std::string_view policy, system_clock::time_point now) {
    if (policy.find('"') != std::string_view::npos || policy.find(',') == std::string_view::npos) return;
    tr::rate_limit_headers forward, backward;
    const std::string reversed = reversed_members(policy);
    forward.ratelimit_policy = policy;
    backward.ratelimit_policy = reversed;
    const tr::rate_limit_info a = tr::parse_rate_limit(forward, now), b = tr::parse_rate_limit(backward, now);
    check_ranges(b);
    if (a.limit == b.limit && a.window == b.window) return;
    // Equally restrictive quotas (10 per 1 s and 20 per 2 s) may legitimately tie either way.
    const bool both_rates = a.limit && a.window && b.limit && b.window;
    FUZZ_CHECK(both_rates, std::string(policy) + " | " + describe(a) + " vs " + describe(b));
    // A window past 2^31 s is reported saturated, so its exact rate is no longer known here.
    if (*a.window == tr::retry_after_saturation || *b.window == tr::retry_after_saturation) return;
    __extension__ typedef unsigned __int128 wide;  // 15-digit limits times 15-digit windows
    const wide left = wide{*a.limit} * std::uint64_t(b.window->count());
    const wide right = wide{*b.limit} * std::uint64_t(a.window->count());
    FUZZ_CHECK(left == right, std::string(policy) + " | " + describe(a) + " vs " + describe(b));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    tr::rate_limit_headers headers;
    for (std::size_t start = 0; start <= input.size();) {
        const auto newline = input.find('\n', start);
        const std::string_view line = input.substr(start, newline - start);
        const auto colon = line.find(':');
        if (colon != std::string_view::npos) {
            std::string_view value = line.substr(colon + 1);
            if (value.starts_with(' ')) value.remove_prefix(1);
            headers.assign(line.substr(0, colon), value);
        }
        if (newline == std::string_view::npos) break;
        start = newline + 1;
    }
    const system_clock::time_point now = sys_days{year{2026} / 6 / 4};
    const tr::rate_limit_info info = tr::parse_rate_limit(headers, now);
    check_ranges(info);
    if (!headers.ratelimit_policy.empty() && headers.ratelimit.empty()) check_policy_order(headers.ratelimit_policy, now);
    return 0;
}
