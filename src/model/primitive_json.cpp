// Reading and writing the JSON values that are not objects.
#include "model/codec.hpp"

#include <charconv>
#include <cmath>

namespace talentray::model_json {
namespace {

std::string format_number(double value) {
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return ec == std::errc{} ? std::string(buffer, end) : std::string("a non-integral number");
}

}  // namespace

void read_json(decode_context& ctx, const json::value& json, std::string& out) {
    if (const json::string* s = json.if_string())
        out.assign(s->data(), s->size());
    else
        ctx.fail_type("string", json);
}

void read_json(decode_context& ctx, const json::value& json, bool& out) {
    if (const bool* b = json.if_bool())
        out = *b;
    else
        ctx.fail_type("boolean", json);
}

void read_json(decode_context& ctx, const json::value& json, timestamp& out) {
    const json::string* s = json.if_string();
    if (!s) return ctx.fail_type("date-time string", json);
    result<timestamp> parsed = timestamp::parse(std::string_view(s->data(), s->size()));
    if (parsed)
        out = *parsed;
    else
        ctx.fail(parsed.error().diag.client_message);
}

void read_json(decode_context&, const json::value& json, json::value& out) {
    out = json;
}

std::optional<std::int64_t> read_integer(decode_context& ctx, const json::value& json,
                                         std::int64_t min, std::int64_t max) {
    auto out_of_range = [&](const std::string& shown) {
        ctx.fail("integer " + shown + " is out of range " + std::to_string(min) + ".." + std::to_string(max));
        return std::nullopt;
    };
    std::int64_t value = 0;
    switch (json.kind()) {
    case json::kind::int64:
        value = json.get_int64();
        break;
    case json::kind::uint64: {
        // The parser makes uint64 only above INT64_MAX, but a value built in code (say from a
        // std::size_t) may hold any unsigned number.
        const std::uint64_t u = json.get_uint64();
        if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            return out_of_range(std::to_string(u));
        value = static_cast<std::int64_t>(u);
        break;
    }
    case json::kind::double_: {
        const double d = json.get_double();
        if (!std::isfinite(d) || std::trunc(d) != d) {
            ctx.fail("expected integer, got number " + format_number(d));
            return std::nullopt;
        }
        // 2^63 is exactly representable; anything at or beyond it cannot be an int64.
        if (d < -9223372036854775808.0 || d >= 9223372036854775808.0) return out_of_range(format_number(d));
        value = static_cast<std::int64_t>(d);
        break;
    }
    default:
        ctx.fail_type("integer", json);
        return std::nullopt;
    }
    if (value < min || value > max) return out_of_range(std::to_string(value));
    return value;
}

json::value write_json(const std::string& in) {
    return json::value(json::string_view(in));
}

json::value write_json(bool in) {
    return json::value(in);
}

json::value write_json(const timestamp& in) {
    return json::value(json::string_view(in.to_string()));
}

json::value write_json(const json::value& in) {
    return in;
}

}  // namespace talentray::model_json
