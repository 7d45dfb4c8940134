#include "probe_findings.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace talentray::cli::bench {
namespace {

std::string fixed(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

}  // namespace

double probe_findings::window_uncertainty() const noexcept {
    const double middle = window();
    return middle > 0 ? (window_high - window_low) / 2 / middle : 1.0;
}

std::string confidence(const probe_findings& f) {
    if (!f.refused || f.refused_at_once || f.limit == 0) return "low";
    const double u = f.window_uncertainty();
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
    } else {
        out += "limit       " + std::to_string(f.limit) + " requests per window (accepted before the first 429)\n";
        out += "window      " + fixed(f.window(), 2) + " s (between " + fixed(f.window_low, 2) + " and " +
               fixed(f.window_high, 2) + " s, from the 429's Retry-After and " + std::to_string(f.window_probes) +
               " timed requests)\n";
        out += "rate        " + fixed(static_cast<double>(f.limit) / f.window() * 60, 1) + " requests/min\n";
    }
    if (f.advertised_limit)
        out += "advertised  " + std::to_string(*f.advertised_limit) + " requests" +
               (f.advertised_window ? " per " + fixed(*f.advertised_window, 0) + " s" : std::string()) +
               " (rate-limit headers)\n";
    out += "spent       " + std::to_string(f.requests) + " requests, " + std::to_string(f.rate_limited) + " of them 429s\n";
    out += "confidence  " + confidence(f) + " (window known to +/-" + fixed(f.window_uncertainty() * 100, 1) +
           " %; the limit counts from an idle key: other users of the key lower it)\n";
    return out;
}

boost::json::object probe_json(const probe_findings& f) {
    boost::json::object out;
    out["refused"] = f.refused;
    out["refused_at_once"] = f.refused_at_once;
    out["limit"] = f.limit;
    out["window_seconds"] = f.window();
    out["window_low_seconds"] = f.window_low;
    out["window_high_seconds"] = f.window_high;
    out["window_probes"] = f.window_probes;
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
