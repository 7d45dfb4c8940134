#include "probe_findings.hpp"

#include "decimal_text.hpp"

#include <charconv>
#include <cmath>

namespace talentray::cli::bench {

double probe_findings::window_uncertainty() const noexcept {
    const double middle = window();
    return middle > 0 ? (window_high - window_low) / 2 / middle : 1.0;
}

double probe_findings::rate_per_second() const noexcept {
    if (shape == quota_shape::bucket) return bucket_rate;
    const double w = window();
    return w > 0 ? static_cast<double>(limit) / w : 0.0;
}

double probe_findings::rate_uncertainty() const noexcept {
    if (shape == quota_shape::window) return window_uncertainty();
    return bucket_rate > 0 ? (bucket_rate_high - bucket_rate_low) / 2 / bucket_rate : 1.0;
}

std::string confidence(const probe_findings& f) {
    if (!f.refused || f.refused_at_once || f.limit == 0) return "low";
    const double u = f.rate_uncertainty();
    if (u <= 0.025) return "high";
    if (u <= 0.05) return "medium";
    return "low";
}

std::string render_probe(const probe_findings& f) {
    std::string out;
    if (f.refused_at_once) {
        out += "probe: the first request was refused (429): the key is already at its limit; run the probe\n"
               "again when nothing has used the key for a whole window\n";
    } else if (!f.refused) {
        out += "probe: no 429 in " + std::to_string(f.requests) +
               " requests: the key's limit is higher than that (raise --max-requests)\n";
    } else if (f.shape == quota_shape::bucket) {
        out += "shape       bucket-like: burst " + fixed(f.bucket_burst, 0) + ", refill " + fixed(f.bucket_rate, 1) +
               "/s (the quota comes back gradually: there is no window to report)\n";
        out += "rate        " + fixed(f.bucket_rate * 60, 1) + " requests/min (between " +
               fixed(f.bucket_rate_low * 60, 1) + " and " + fixed(f.bucket_rate_high * 60, 1) + ", " +
               std::to_string(f.bucket_admissions) + " admissions in " + fixed(f.bucket_seconds, 2) +
               " s between 429s)\n";
        out += "first 429   after " + std::to_string(f.limit) + " requests accepted at once\n";
    } else {
        out += "limit       " + std::to_string(f.limit) + " requests per window (accepted before the first 429)\n";
        out += "window      " + fixed(f.window(), 2) + " s (between " + fixed(f.window_low, 2) + " and " +
               fixed(f.window_high, 2) + " s, from the 429's Retry-After and " + std::to_string(f.window_probes) +
               " timed requests)\n";
        out += "rate        " + fixed(static_cast<double>(f.limit) / f.window() * 60, 1) + " requests/min\n";
        out += "shape       window: the whole quota came back at once (a sliding log or a fixed window)\n";
    }
    if (f.advertised_limit)
        out += "advertised  " + std::to_string(*f.advertised_limit) + " requests" +
               (f.advertised_window ? " per " + fixed(*f.advertised_window, 0) + " s" : std::string()) +
               " (rate-limit headers)\n";
    out += "spent       " + std::to_string(f.requests) + " requests, " + std::to_string(f.rate_limited) + " of them 429s\n";
    out += "confidence  " + confidence(f) + " (" + (f.shape == quota_shape::bucket ? "rate" : "window") +
           " known to +/-" + fixed(f.rate_uncertainty() * 100, 1) +
           (f.shape == quota_shape::bucket ? " %; the burst counts from a full bucket" : " %; the limit counts from an idle key") +
           ": other users of the key lower it)\n";
    return out;
}

boost::json::object probe_json(const probe_findings& f) {
    boost::json::object out;
    out["shape"] = f.shape == quota_shape::bucket ? "bucket" : "window";
    out["refused"] = f.refused;
    out["refused_at_once"] = f.refused_at_once;
    if (f.shape == quota_shape::bucket) {
        // No window and no limit per window: a bucket has neither.
        out["accepted_before_429"] = f.limit;
        out["burst"] = f.bucket_burst;
        out["rate_low_per_second"] = f.bucket_rate_low;
        out["rate_high_per_second"] = f.bucket_rate_high;
        out["rate_admissions"] = f.bucket_admissions;
        out["rate_seconds"] = f.bucket_seconds;
    } else {
        out["limit"] = f.limit;
        out["window_seconds"] = f.window();
        out["window_low_seconds"] = f.window_low;
        out["window_high_seconds"] = f.window_high;
    }
    out["window_probes"] = f.window_probes;
    out["rate_per_second"] = f.rate_per_second();
    out["rate_relative_uncertainty"] = f.rate_uncertainty();
    out["requests"] = f.requests;
    out["rate_limited"] = f.rate_limited;
    out["confidence"] = confidence(f);
    if (f.advertised_limit) out["advertised_limit"] = *f.advertised_limit;
    if (f.advertised_window) out["advertised_window_seconds"] = *f.advertised_window;
    return out;
}

std::optional<std::uint64_t> policy_parameter(std::string_view header, std::string_view name) {
    if (name.empty()) {
        std::uint64_t value = 0;
        const auto [end, ec] = std::from_chars(header.data(), header.data() + header.size(), value);
        if (ec != std::errc{} || end == header.data()) return std::nullopt;
        return value;
    }
    const std::string key = ";" + std::string(name) + "=";
    const auto at = header.find(key);
    if (at == std::string_view::npos) return std::nullopt;
    const std::string_view rest = header.substr(at + key.size());
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), value);
    if (ec != std::errc{} || end == rest.data()) return std::nullopt;
    return value;
}

}  // namespace talentray::cli::bench
