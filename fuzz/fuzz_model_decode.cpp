// Every model the API returns, decoded from a response body exactly as the client does it
// (`response::json()` then `decode<T>`).
//
// Input: the model's name on the first line (`candidate`, `offset_page<role>`, ...), then the
// body. An unknown first line still picks a model (by hash), so no input is wasted.
//
// Invariants:
//  - a body that is not JSON is refused with `invalid_response`, whatever its depth;
//  - decoding succeeds, or fails with `invalid_response` and a message `<path>: <problem>`
//    whose path is `(root)` or starts at a member of the body;
//  - a decoded model encodes to JSON that decodes to an equal model, both directly and through
//    its serialized text (so what the SDK writes, it reads back unchanged).
#include "deep_nesting.hpp"
#include "fuzz_check.hpp"

#include <talentray/error.hpp>
#include <talentray/model/api_key.hpp>
#include <talentray/model/candidate.hpp>
#include <talentray/model/career_portal.hpp>
#include <talentray/model/cv_screening.hpp>
#include <talentray/model/json.hpp>
#include <talentray/model/legacy_envelope.hpp>
#include <talentray/model/me.hpp>
#include <talentray/model/pagination.hpp>
#include <talentray/model/role.hpp>
#include <talentray/model/sourcing.hpp>
#include <talentray/model/test.hpp>
#include <talentray/response.hpp>

#include <boost/json/serialize.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {
namespace tr = talentray;
namespace json = boost::json;

/// The body parsed as the client parses it, or nothing when the client would refuse it.
std::optional<json::value> parse_like_client(std::string body) {
    tr::response answer;
    answer.status = 200;
    answer.body = std::move(body);
    try {
        return answer.json();
    } catch (const tr::error& e) {
        FUZZ_CHECK(e.code() == tr::errc::invalid_response, e.what());
        return std::nullopt;
    }
}

void check_error_names_a_path(const tr::error_info& failure) {
    FUZZ_CHECK(failure.code == tr::errc::invalid_response, failure.diag.to_string());
    const std::string& message = failure.diag.client_message;
    const auto colon = message.find(": ");
    FUZZ_CHECK(colon != std::string::npos && colon > 0, message);
    const std::string_view path = std::string_view(message).substr(0, colon);
    FUZZ_CHECK(path == "(root)" || path.front() != '.', message);
}

template <class T>
void check_model(const json::value& body) {
    const tr::result<T> decoded = tr::decode<T>(body);
    if (!decoded) {
        check_error_names_a_path(decoded.error());
        return;
    }
    const json::value encoded = encode(*decoded);
    const tr::result<T> again = tr::decode<T>(encoded);
    FUZZ_CHECK(again.has_value(), json::serialize(encoded));
    FUZZ_CHECK(*again == *decoded, json::serialize(encoded));

    const std::optional<json::value> reparsed = parse_like_client(json::serialize(encoded));
    FUZZ_CHECK(reparsed.has_value(), json::serialize(encoded));
    const tr::result<T> from_text = tr::decode<T>(*reparsed);
    FUZZ_CHECK(from_text.has_value() && *from_text == *decoded, json::serialize(encoded));
}

struct model_entry {
    std::string_view name;
    void (*check)(const json::value&);
};

// Every type `decode<T>` is instantiated for that can arrive in a response body.
constexpr model_entry models[] = {
    {"candidate", check_model<tr::candidate>},
    {"candidate_role_link", check_model<tr::candidate_role_link>},
    {"candidate_step", check_model<tr::candidate_step>},
    {"role", check_model<tr::role>},
    {"role_step", check_model<tr::role_step>},
    {"test", check_model<tr::test>},
    {"potential_candidate", check_model<tr::potential_candidate>},
    {"lead_organization_link", check_model<tr::lead_organization_link>},
    {"lead_role_link", check_model<tr::lead_role_link>},
    {"cv_screening_batch", check_model<tr::cv_screening_batch>},
    {"me", check_model<tr::me>},
    {"me_user", check_model<tr::me_user>},
    {"me_auth", check_model<tr::me_auth>},
    {"api_key", check_model<tr::api_key>},
    {"api_key_owner", check_model<tr::api_key_owner>},
    {"created_api_key", check_model<tr::created_api_key>},
    {"api_key_usage", check_model<tr::api_key_usage>},
    {"api_key_usage_owner", check_model<tr::api_key_usage_owner>},
    {"api_key_usage_key", check_model<tr::api_key_usage_key>},
    {"api_key_usage_row", check_model<tr::api_key_usage_row>},
    {"career_portal", check_model<tr::career_portal>},
    {"portal_theme", check_model<tr::portal_theme>},
    {"portal_org", check_model<tr::portal_org>},
    {"portal_role", check_model<tr::portal_role>},
    {"public_job", check_model<tr::public_job>},
    {"invite", check_model<tr::invite>},
    {"offset_pagination", check_model<tr::offset_pagination>},
    {"cursor_pagination", check_model<tr::cursor_pagination>},
    {"offset_page<candidate>", check_model<tr::offset_page<tr::candidate>>},
    {"offset_page<role>", check_model<tr::offset_page<tr::role>>},
    {"offset_page<test>", check_model<tr::offset_page<tr::test>>},
    {"offset_page<potential_candidate>", check_model<tr::offset_page<tr::potential_candidate>>},
    {"full_list<candidate_step>", check_model<tr::full_list<tr::candidate_step>>},
    {"full_list<role_step>", check_model<tr::full_list<tr::role_step>>},
    {"legacy_success<created_api_key>", check_model<tr::legacy_success<tr::created_api_key>>},
    {"legacy_success<api_keys>", check_model<tr::legacy_success<std::vector<tr::api_key>>>},
    {"legacy_success<api_key_usage>", check_model<tr::legacy_success<tr::api_key_usage>>},
};

const model_entry& pick_model(std::string_view name) {
    for (const model_entry& entry : models)
        if (entry.name == name) return entry;
    std::size_t hash = 0;
    for (char c : name) hash = hash * 31 + static_cast<unsigned char>(c);
    return models[hash % std::size(models)];
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    for (std::string& body : talentray::fuzz::deeply_nested_bodies())
        FUZZ_CHECK(!parse_like_client(std::move(body)).has_value(), "a 100k-deep body was accepted");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto newline = input.find('\n');
    const std::string_view name = input.substr(0, newline);
    const std::string_view body = newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1);
    const std::optional<json::value> parsed = parse_like_client(std::string(body));
    if (parsed) pick_model(name).check(*parsed);
    return 0;
}
