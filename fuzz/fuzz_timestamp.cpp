// `timestamp::parse`, which reads every date-time the API sends (createdAt, nextBefore, ...).
//
// Input: the text; its first 8 bytes also pick an instant for the second check.
//
// Invariants:
//  - text that parses is an instant whose `to_string()` parses back to the same instant, in
//    the canonical form (`YYYY-MM-DDTHH:MM:SS[.fff|.ffffff]Z`);
//  - text that does not parse is refused with `invalid_argument`;
//  - any instant in 0000..9999 at microsecond resolution survives to_string → parse.
#include "fuzz_check.hpp"

#include <talentray/error.hpp>
#include <talentray/model/timestamp.hpp>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace {
namespace tr = talentray;
using namespace std::chrono;

bool is_canonical(std::string_view text) {
    // 2026-06-04T15:30:45Z, with ".250" or ".000001" before the Z when the fraction is not 0.
    if (text.size() != 20 && text.size() != 24 && text.size() != 27) return false;
    constexpr std::string_view shape = "dddd-dd-ddTdd:dd:dd";
    for (std::size_t i = 0; i < shape.size(); ++i)
        if (shape[i] == 'd' ? (text[i] < '0' || text[i] > '9') : text[i] != shape[i]) return false;
    if (text.size() > 20 && text[19] != '.') return false;
    return text.back() == 'Z';
}

void check_round_trip(tr::timestamp instant, std::string_view origin) {
    const std::string written = instant.to_string();
    FUZZ_CHECK(is_canonical(written), std::string(origin) + " -> " + written);
    const tr::result<tr::timestamp> again = tr::timestamp::parse(written);
    FUZZ_CHECK(again.has_value() && *again == instant, std::string(origin) + " -> " + written);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const tr::result<tr::timestamp> parsed = tr::timestamp::parse(text);
    if (parsed) {
        const auto day = floor<days>(parsed->to_sys_time());
        const int year_read = int(year_month_day{day}.year());
        FUZZ_CHECK(year_read >= -1 && year_read <= 10000, std::string(text));  // offsets may cross a year end
        // Years the formatter writes in expanded form are out of parse's range, by design.
        if (year_read >= 0 && year_read <= 9999) check_round_trip(*parsed, text);
    } else {
        FUZZ_CHECK(parsed.error().code == tr::errc::invalid_argument, parsed.error().diag.to_string());
        FUZZ_CHECK(!parsed.error().diag.client_message.empty(), std::string(text));
    }

    if (size >= 8) {
        std::uint64_t bits = 0;
        std::memcpy(&bits, data, sizeof bits);
        const auto first = sys_days{year{0} / 1 / 1}, end = sys_days{year{10000} / 1 / 1};
        const auto span = static_cast<std::uint64_t>(duration_cast<microseconds>(end - first).count());
        const tr::timestamp instant{tr::timestamp::time_point{first} + microseconds{static_cast<std::int64_t>(bits % span)}};
        check_round_trip(instant, "(instant from the first 8 bytes)");
    }
    return 0;
}
