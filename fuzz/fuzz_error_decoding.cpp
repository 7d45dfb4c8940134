// The decoding of a non-2xx answer into an error: v1 bodies, legacy bodies, HTML error pages,
// empty bodies, `Retry-After` and `Location`.
//
// Input: `<status> <method> <path>` on the first line, then `Name: value` header lines, an
// empty line, and the body (a missing or unreadable status reads as 502).
//
// Invariants:
//  - the code follows the HTTP status (the body only refines a 403), never success;
//  - status, method and path are kept as given;
//  - every piece of server text is at most 1 KiB (plus the "…" marking a cut), has no control
//    characters, and, when it came from the JSON body, is still valid UTF-8 after cutting;
//  - a parsed `Retry-After` is within its saturation;
//  - a body that is not a JSON object (an HTML 502 page) leaves the API fields empty.
#include "deep_nesting.hpp"
#include "fuzz_check.hpp"
#include "utf8.hpp"

#include "client/error_decoding.hpp"
#include "scheduler/retry_after.hpp"

#include <talentray/error.hpp>
#include <talentray/response.hpp>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {
namespace tr = talentray;

constexpr std::size_t max_text = 1024;
constexpr std::string_view cut_marker = "…";

void check_server_text(std::string_view text, bool from_json) {
    // A cut text ends in the marker, having lost at most 3 bytes to the character boundary.
    const bool cut = text.size() > max_text;
    FUZZ_CHECK(!cut || (text.size() + 3 >= max_text + cut_marker.size() && text.size() <= max_text + cut_marker.size() &&
                        text.ends_with(cut_marker)),
               text);
    const std::string_view kept = cut ? text.substr(0, text.size() - cut_marker.size()) : text;
    for (char c : kept) FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f, text);
    if (from_json) FUZZ_CHECK(tr::fuzz::is_valid_utf8(kept), text);
}

tr::errc expected_code(int status, const tr::diagnostics& diag) {
    switch (status) {
    case 400: return tr::errc::bad_request;
    case 401: return tr::errc::unauthorized;
    case 403: return diag.api_code == "insufficient_scope" ? tr::errc::insufficient_scope : tr::errc::forbidden;
    case 404: return tr::errc::not_found;
    case 429: return tr::errc::rate_limited;
    default: break;
    }
    if (status >= 300 && status < 400) return tr::errc::redirect_not_followed;
    if (status >= 500 && status < 600) return tr::errc::server_error;
    return tr::errc::unexpected_status;
}

void check_answer(const tr::response& answer, std::string_view method, std::string_view path) {
    const tr::error_info info = tr::detail::decode_error_response(answer, method, path);
    const tr::diagnostics& diag = info.diag;
    FUZZ_CHECK(info.code == expected_code(answer.status, diag), diag.to_string());
    FUZZ_CHECK(diag.http_status == answer.status && diag.method == method && diag.path == path, diag.to_string());

    check_server_text(diag.api_code, true);
    check_server_text(diag.api_message, true);
    for (const auto& list : {diag.details, diag.required_scopes, diag.granted_scopes})
        for (const std::string& item : list) check_server_text(item, true);
    check_server_text(diag.location, false);
    if (!(answer.status >= 300 && answer.status < 400)) FUZZ_CHECK(diag.location.empty(), diag.location);

    if (diag.retry_after) {
        FUZZ_CHECK(*diag.retry_after >= std::chrono::seconds{0}, diag.to_string());
        FUZZ_CHECK(*diag.retry_after <= tr::retry_after_saturation, diag.to_string());
    }
    if (!diag.client_message.empty()) {
        // Only the SDK's own description of an unreadable body: then nothing came from it.
        FUZZ_CHECK(diag.api_code.empty() && diag.api_message.empty() && diag.details.empty(), diag.to_string());
    }
    (void)diag.to_string();  // what() must render whatever the server sent
}

int read_status(std::string_view word) {
    int status = 0;
    const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), status);
    return ec == std::errc{} && end == word.data() + word.size() && status >= 0 && status < 1000 ? status : 502;
}

std::string_view next_word(std::string_view& line) {
    const auto space = line.find(' ');
    const std::string_view word = line.substr(0, space);
    line = space == std::string_view::npos ? std::string_view{} : line.substr(space + 1);
    return word;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    for (std::string& body : talentray::fuzz::deeply_nested_bodies()) {
        tr::response answer;
        answer.status = 502;
        answer.body = std::move(body);
        check_answer(answer, "GET", "/api/v1/me");
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    auto take_line = [&input] {
        const auto newline = input.find('\n');
        const std::string_view line = input.substr(0, newline);
        input = newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1);
        return line;
    };

    std::string_view request_line = take_line();
    tr::response answer;
    answer.status = read_status(next_word(request_line));
    const std::string_view method = next_word(request_line);
    const std::string_view path = request_line;
    for (std::string_view line = take_line(); !line.empty(); line = take_line()) {
        const auto colon = line.find(':');
        std::string_view value = colon == std::string_view::npos ? std::string_view{} : line.substr(colon + 1);
        if (value.starts_with(' ')) value.remove_prefix(1);
        answer.headers.emplace_back(line.substr(0, colon), value);
    }
    answer.body = std::string(input);
    check_answer(answer, method, path);
    return 0;
}
