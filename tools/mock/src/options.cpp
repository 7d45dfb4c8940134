#include <talentray/mock/options.hpp>

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

namespace talentray::mock {
namespace {

std::invalid_argument bad_rate_limit(std::string_view text, std::string_view why) {
    return std::invalid_argument("rate limit '" + std::string(text) + "' " + std::string(why) +
                                 " (expected N/DURATION such as 600/60s, 5/1s, 100/500ms or 10/2m, or 0 for unlimited)");
}

std::uint64_t parse_positive(std::string_view digits, std::string_view text, std::string_view what) {
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.empty() || error != std::errc{} || end != digits.data() + digits.size() || value == 0)
        throw bad_rate_limit(text, "has an invalid " + std::string(what));
    return value;
}

void check_rate(std::string_view name, double rate) {
    if (!(rate >= 0.0 && rate <= 1.0))  // also rejects NaN
        throw std::invalid_argument("faults." + std::string(name) + " must be within [0, 1], got " +
                                    std::to_string(rate));
}

}  // namespace

rate_limit parse_rate_limit(std::string_view text) {
    if (text == "0") return rate_limit{0, std::chrono::milliseconds{60'000}};
    const std::size_t slash = text.find('/');
    if (slash == std::string_view::npos) throw bad_rate_limit(text, "has no '/'");
    const std::uint64_t requests = parse_positive(text.substr(0, slash), text, "request count");

    std::string_view window = text.substr(slash + 1);
    std::size_t unit_at = 0;
    while (unit_at < window.size() && window[unit_at] >= '0' && window[unit_at] <= '9') ++unit_at;
    const std::uint64_t amount = parse_positive(window.substr(0, unit_at), text, "window length");
    const std::string_view unit = window.substr(unit_at);
    std::uint64_t unit_ms = 0;
    if (unit == "ms") unit_ms = 1;
    else if (unit == "s") unit_ms = 1000;
    else if (unit == "m" || unit == "min") unit_ms = 60'000;
    else if (unit == "h") unit_ms = 3'600'000;
    else throw bad_rate_limit(text, "has an unknown window unit '" + std::string(unit) + "'");
    if (amount > 24ULL * 3'600'000 / unit_ms) throw bad_rate_limit(text, "has a window longer than a day");
    return rate_limit{static_cast<std::size_t>(requests), std::chrono::milliseconds{amount * unit_ms}};
}

limit_shape parse_limit_shape(std::string_view text) {
    for (const limit_shape shape : {limit_shape::sliding, limit_shape::fixed, limit_shape::bucket})
        if (text == to_string(shape)) return shape;
    throw std::invalid_argument("rate limit shape '" + std::string(text) +
                                "' is unknown; expected sliding, fixed or bucket");
}

std::string_view to_string(limit_shape shape) noexcept {
    switch (shape) {
    case limit_shape::sliding: return "sliding";
    case limit_shape::fixed: return "fixed";
    case limit_shape::bucket: return "bucket";
    }
    return "unknown";
}

list_order parse_list_order(std::string_view text) {
    for (const list_order order : {list_order::natural, list_order::newest_first, list_order::oldest_first})
        if (text == to_string(order)) return order;
    throw std::invalid_argument("list order '" + std::string(text) +
                                "' is unknown; expected natural, newest-first or oldest-first");
}

std::string_view to_string(list_order order) noexcept {
    switch (order) {
    case list_order::natural: return "natural";
    case list_order::newest_first: return "newest-first";
    case list_order::oldest_first: return "oldest-first";
    }
    return "unknown";
}

churn_position parse_churn_position(std::string_view text) {
    for (const churn_position at : {churn_position::front, churn_position::back, churn_position::random})
        if (text == to_string(at)) return at;
    throw std::invalid_argument("churn position '" + std::string(text) + "' is unknown; expected front, back or random");
}

std::string_view to_string(churn_position at) noexcept {
    switch (at) {
    case churn_position::front: return "front";
    case churn_position::back: return "back";
    case churn_position::random: return "random";
    }
    return "unknown";
}

void validate(const churn_options& churn) {
    if (!churn.list.empty() && churn.list != "candidates" && churn.list != "roles" && churn.list != "tests" &&
        churn.list != "sourcing")
        throw std::invalid_argument("churn.list '" + churn.list +
                                    "' is unknown; expected candidates, roles, tests or sourcing");
    for (const auto& [name, rate] : {std::pair{"churn.inserts_per_s", churn.inserts_per_s},
                                     std::pair{"churn.deletes_per_s", churn.deletes_per_s}})
        if (!(rate >= 0.0 && rate <= 100'000.0))  // also rejects NaN
            throw std::invalid_argument(std::string(name) + " must be within [0, 100000], got " + std::to_string(rate));
}

void validate(const fault_options& faults) {
    check_rate("server_error_rate", faults.server_error_rate);
    check_rate("drop_before_header_rate", faults.drop_before_header_rate);
    check_rate("drop_after_header_rate", faults.drop_after_header_rate);
    check_rate("truncate_body_rate", faults.truncate_body_rate);
    const double total = faults.server_error_rate + faults.drop_before_header_rate + faults.drop_after_header_rate +
                         faults.truncate_body_rate;
    if (total > 1.0 + 1e-9)
        throw std::invalid_argument("faults: the four fault rates add up to " + std::to_string(total) +
                                    ", more than 1");
    if (faults.latency.count() < 0) throw std::invalid_argument("faults.latency must not be negative");
    if (faults.close_when_idle.count() < 0) throw std::invalid_argument("faults.close_when_idle must not be negative");
    if (faults.too_many_requests_at > 0 && faults.too_many_requests_retry_after.count() < 1)
        throw std::invalid_argument("faults.too_many_requests_retry_after must be at least 1 s, got " +
                                    std::to_string(faults.too_many_requests_retry_after.count()) + " s");
}

void validate(const server_options& options) {
    if (options.host.empty()) throw std::invalid_argument("host must not be empty");
    if (options.candidates > 1'000'000'000)
        throw std::invalid_argument("candidates must be at most 1000000000, got " + std::to_string(options.candidates));
    if (options.potential_candidates < 60 || options.potential_candidates > 1'000'000)
        throw std::invalid_argument("potential_candidates must be within [60, 1000000], got " +
                                    std::to_string(options.potential_candidates));
    if (options.seeded_usage_rows > options.usage_log_capacity)
        throw std::invalid_argument("seeded_usage_rows must not exceed usage_log_capacity");
    if (options.usage_timestamp_resolution != std::chrono::milliseconds{1} &&
        options.usage_timestamp_resolution != std::chrono::seconds{1})
        throw std::invalid_argument("usage_timestamp_resolution must be 1 ms or 1 s, got " +
                                    std::to_string(options.usage_timestamp_resolution.count()) + " ms");
    if (options.usage_rows_per_second == 0 || options.usage_rows_per_second > 1000)
        throw std::invalid_argument("usage_rows_per_second must be within [1, 1000], got " +
                                    std::to_string(options.usage_rows_per_second));
    if (options.limit.requests > 0 && options.limit.window.count() <= 0)
        throw std::invalid_argument("limit.window must be positive when limit.requests > 0");
    if (options.limit.shape == limit_shape::bucket && options.limit.burst == 0)
        throw std::invalid_argument("limit.burst must be at least 1 for the bucket shape");
    if (options.tls_certificate_pem.empty() != options.tls_private_key_pem.empty())
        throw std::invalid_argument("tls_certificate_pem and tls_private_key_pem must be given together");
    if (options.threads == 0 || options.threads > 64)
        throw std::invalid_argument("threads must be within [1, 64], got " + std::to_string(options.threads));
    if (options.max_body_bytes == 0) throw std::invalid_argument("max_body_bytes must be positive");
    validate(options.faults);
    validate(options.churn);
}

}  // namespace talentray::mock
