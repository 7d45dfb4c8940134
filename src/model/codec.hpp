// The JSON mapping machinery shared by every model: readers and writers for the primitive
// types, a declarative field schema per model, and the generic object reader and writer that
// walk a schema.
//
// A model's mapping is written once, as data:
//
//   constexpr auto schema(model_tag<candidate_role_link>) {
//       return std::tuple{required("roleId", &candidate_role_link::role_id), ...};
//   }
//
// and both directions follow from it, so decoding and encoding cannot drift apart.
#pragma once

#include "model/decode_context.hpp"
#include "model/member_finder.hpp"

#include <talentray/model/api_key.hpp>
#include <talentray/model/candidate.hpp>
#include <talentray/model/career_portal.hpp>
#include <talentray/model/cv_screening.hpp>
#include <talentray/model/field.hpp>
#include <talentray/model/legacy_envelope.hpp>
#include <talentray/model/me.hpp>
#include <talentray/model/pagination.hpp>
#include <talentray/model/role.hpp>
#include <talentray/model/sourcing.hpp>
#include <talentray/model/test.hpp>
#include <talentray/model/timestamp.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value.hpp>

#include <concepts>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace talentray::model_json {

namespace json = boost::json;

// ---------------------------------------------------------------------------------------------
// Values that are not objects.

void read_json(decode_context& ctx, const json::value& json, std::string& out);
void read_json(decode_context& ctx, const json::value& json, bool& out);
void read_json(decode_context& ctx, const json::value& json, timestamp& out);
void read_json(decode_context& ctx, const json::value& json, json::value& out);

/// Reads an integer in [min, max]. Integral doubles (`82.0`, `1e3`) are integers in JSON's
/// number model and are accepted when exact; fractions and out-of-range values are not,
/// so a value never silently changes on its way into a member.
std::optional<std::int64_t> read_integer(decode_context& ctx, const json::value& json,
                                         std::int64_t min, std::int64_t max);

template <std::signed_integral I>
void read_json(decode_context& ctx, const json::value& json, I& out) {
    static_assert(sizeof(I) <= sizeof(std::int64_t));
    if (auto n = read_integer(ctx, json, std::numeric_limits<I>::min(), std::numeric_limits<I>::max()))
        out = static_cast<I>(*n);
}

json::value write_json(const std::string& in);
json::value write_json(bool in);
json::value write_json(const timestamp& in);
json::value write_json(const json::value& in);

template <std::signed_integral I>
json::value write_json(I in) {
    return json::value(static_cast<std::int64_t>(in));
}

// ---------------------------------------------------------------------------------------------
// Every model, envelope and body; defined in <group>_json.cpp from the group's schemas.

#define TALENTRAY_DECLARE_CODEC(type)                                               \
    void read_json(decode_context& ctx, const json::value& json, type& out);        \
    json::value write_json(const type& in)
// (a macro only to keep this list readable: it expands to two declarations and nothing else)

TALENTRAY_DECLARE_CODEC(offset_pagination);
TALENTRAY_DECLARE_CODEC(cursor_pagination);
TALENTRAY_DECLARE_CODEC(candidate_role_link);
TALENTRAY_DECLARE_CODEC(candidate);
TALENTRAY_DECLARE_CODEC(candidate_step);
TALENTRAY_DECLARE_CODEC(candidate_update);
TALENTRAY_DECLARE_CODEC(role);
TALENTRAY_DECLARE_CODEC(role_step);
TALENTRAY_DECLARE_CODEC(role_update);
TALENTRAY_DECLARE_CODEC(test);
TALENTRAY_DECLARE_CODEC(test_update);
TALENTRAY_DECLARE_CODEC(lead_organization_link);
TALENTRAY_DECLARE_CODEC(lead_role_link);
TALENTRAY_DECLARE_CODEC(potential_candidate);
TALENTRAY_DECLARE_CODEC(potential_candidate_create);
TALENTRAY_DECLARE_CODEC(potential_candidate_update);
TALENTRAY_DECLARE_CODEC(cv_screening_batch);
TALENTRAY_DECLARE_CODEC(me_user);
TALENTRAY_DECLARE_CODEC(me_auth);
TALENTRAY_DECLARE_CODEC(me);
TALENTRAY_DECLARE_CODEC(api_key_owner);
TALENTRAY_DECLARE_CODEC(api_key);
TALENTRAY_DECLARE_CODEC(create_api_key_request);
TALENTRAY_DECLARE_CODEC(created_api_key);
TALENTRAY_DECLARE_CODEC(api_key_usage_owner);
TALENTRAY_DECLARE_CODEC(api_key_usage_key);
TALENTRAY_DECLARE_CODEC(api_key_usage_row);
TALENTRAY_DECLARE_CODEC(api_key_usage);
TALENTRAY_DECLARE_CODEC(portal_theme);
TALENTRAY_DECLARE_CODEC(portal_org);
TALENTRAY_DECLARE_CODEC(portal_role);
TALENTRAY_DECLARE_CODEC(career_portal);
TALENTRAY_DECLARE_CODEC(public_job);
TALENTRAY_DECLARE_CODEC(apply_request);
TALENTRAY_DECLARE_CODEC(invite);

#undef TALENTRAY_DECLARE_CODEC

// ---------------------------------------------------------------------------------------------
// Arrays.

template <class T>
void read_json(decode_context& ctx, const json::value& json, std::vector<T>& out) {
    const json::array* array = json.if_array();
    if (!array) return ctx.fail_type("array", json);
    out.clear();
    out.reserve(array->size());
    for (std::size_t i = 0; i < array->size() && !ctx.failed(); ++i) {
        auto guard = ctx.enter(i);
        read_json(ctx, (*array)[i], out.emplace_back());
    }
}

template <class T>
json::value write_json(const std::vector<T>& in) {
    json::array array;
    array.reserve(in.size());
    for (const T& item : in) array.push_back(write_json(item));
    return array;
}

// ---------------------------------------------------------------------------------------------
// Schemas.

/// Selects a model's `schema` overload.
template <class T>
struct model_tag {};

/// How a member maps to a key. Reading tolerates more than writing produces where the API
/// may; request bodies (`optional`, `tristate`) are read strictly because the server would
/// refuse what they refuse.
enum class presence {
    required,   // present and not null; always written
    nullable,   // optional<T>: null or absent -> nullopt; nullopt written as null
    omittable,  // optional<T>: null or absent -> nullopt; nullopt not written
    optional,   // optional<T> in a request body: absent -> nullopt, null refused; nullopt not written
    tristate,   // nullable_field<T>: absent, null or a value, each written as it is
    any_json,   // json::value: anything, absent -> null; always written
    flattened,  // a sub-model whose fields sit in this same object
};

template <presence P, class Model, class Member>
struct field {
    std::string_view key;
    Member Model::*member;
};

/// A key that must hold `true` and maps to no member (the legacy `success` flag).
struct true_flag {
    std::string_view key;
};

template <class Model, class Member>
constexpr auto required(std::string_view key, Member Model::*member) {
    return field<presence::required, Model, Member>{key, member};
}
template <class Model, class T>
constexpr auto nullable(std::string_view key, std::optional<T> Model::*member) {
    return field<presence::nullable, Model, std::optional<T>>{key, member};
}
template <class Model, class T>
constexpr auto omittable(std::string_view key, std::optional<T> Model::*member) {
    return field<presence::omittable, Model, std::optional<T>>{key, member};
}
template <class Model, class T>
constexpr auto optional(std::string_view key, std::optional<T> Model::*member) {
    return field<presence::optional, Model, std::optional<T>>{key, member};
}
template <class Model, class T>
constexpr auto tristate(std::string_view key, nullable_field<T> Model::*member) {
    return field<presence::tristate, Model, nullable_field<T>>{key, member};
}
template <class Model>
constexpr auto any_json(std::string_view key, json::value Model::*member) {
    return field<presence::any_json, Model, json::value>{key, member};
}
template <class Model, class Member>
constexpr auto flattened(Member Model::*member) {
    return field<presence::flattened, Model, Member>{{}, member};
}

// ---------------------------------------------------------------------------------------------
// Walking a schema.

template <class Model, class... Fields>
void read_fields(decode_context& ctx, member_finder& members, Model& out, const std::tuple<Fields...>& fields);

template <class Model>
void read_field(decode_context& ctx, member_finder& members, Model&, const true_flag& flag) {
    if (ctx.failed()) return;
    auto guard = ctx.enter(flag.key);
    const json::value* json = members.find(flag.key);
    if (!json) return ctx.fail("required field is missing");
    if (!json->is_bool()) return ctx.fail_type("boolean", *json);
    if (!json->get_bool()) ctx.fail("expected true, got false");
}

template <class Model, presence P, class Member>
void read_field(decode_context& ctx, member_finder& members, Model& out, const field<P, Model, Member>& f) {
    if (ctx.failed()) return;
    Member& target = out.*f.member;
    if constexpr (P == presence::flattened) {
        read_fields(ctx, members, target, schema(model_tag<Member>{}));
    } else {
        auto guard = ctx.enter(f.key);
        const json::value* json = members.find(f.key);
        if constexpr (P == presence::required) {
            if (!json) return ctx.fail("required field is missing");
            read_json(ctx, *json, target);
        } else if constexpr (P == presence::nullable || P == presence::omittable) {
            if (!json || json->is_null()) return target.reset();
            read_json(ctx, *json, target.emplace());
        } else if constexpr (P == presence::optional) {
            if (!json) return target.reset();
            read_json(ctx, *json, target.emplace());
        } else if constexpr (P == presence::tristate) {
            if (!json) return target.reset();
            if (json->is_null()) {
                target = talentray::null;
                return;
            }
            typename Member::value_type value{};
            read_json(ctx, *json, value);
            target = std::move(value);
        } else if constexpr (P == presence::any_json) {
            target = json ? *json : json::value{};
        }
    }
}

template <class Model, class... Fields>
void read_fields(decode_context& ctx, member_finder& members, Model& out, const std::tuple<Fields...>& fields) {
    std::apply([&](const auto&... f) { (read_field(ctx, members, out, f), ...); }, fields);
}

/// Reads a model whose `schema` is visible (by argument-dependent lookup on `model_tag`).
template <class Model>
void read_object(decode_context& ctx, const json::value& json, Model& out) {
    if (ctx.failed()) return;
    const json::object* object = json.if_object();
    if (!object) return ctx.fail_type("object", json);
    member_finder members{*object};
    read_fields(ctx, members, out, schema(model_tag<Model>{}));
}

template <class Model, class... Fields>
void write_fields(json::object& object, const Model& in, const std::tuple<Fields...>& fields);

template <class Model>
void write_field(json::object& object, const Model&, const true_flag& flag) {
    object.emplace(flag.key, true);
}

template <class Model, presence P, class Member>
void write_field(json::object& object, const Model& in, const field<P, Model, Member>& f) {
    const Member& source = in.*f.member;
    if constexpr (P == presence::flattened) {
        write_fields(object, source, schema(model_tag<Member>{}));
    } else if constexpr (P == presence::required || P == presence::any_json) {
        object.emplace(f.key, write_json(source));
    } else if constexpr (P == presence::nullable) {
        object.emplace(f.key, source ? write_json(*source) : json::value{});
    } else if constexpr (P == presence::omittable || P == presence::optional) {
        if (source) object.emplace(f.key, write_json(*source));
    } else if constexpr (P == presence::tristate) {
        if (source.is_null())
            object.emplace(f.key, json::value{});
        else if (source.has_value())
            object.emplace(f.key, write_json(*source));
    }
}

template <class Model, class... Fields>
void write_fields(json::object& object, const Model& in, const std::tuple<Fields...>& fields) {
    std::apply([&](const auto&... f) { (write_field(object, in, f), ...); }, fields);
}

/// Writes a model whose `schema` is visible, keys in schema order.
template <class Model>
json::value write_object(const Model& in) {
    json::object object;
    write_fields(object, in, schema(model_tag<Model>{}));
    return object;
}

// ---------------------------------------------------------------------------------------------
// Envelope templates; instantiated in envelope_json.cpp and decode.cpp.

template <class T>
constexpr auto schema(model_tag<offset_page<T>>) {
    return std::tuple{required("data", &offset_page<T>::data),
                      required("pagination", &offset_page<T>::pagination)};
}

template <class T>
constexpr auto schema(model_tag<full_list<T>>) {
    return std::tuple{required("data", &full_list<T>::data)};
}

template <class T>
constexpr auto schema(model_tag<legacy_success<T>>) {
    return std::tuple{true_flag{"success"}, required("data", &legacy_success<T>::data)};
}

template <class T>
void read_json(decode_context& ctx, const json::value& json, offset_page<T>& out) {
    read_object(ctx, json, out);
}
template <class T>
void read_json(decode_context& ctx, const json::value& json, full_list<T>& out) {
    read_object(ctx, json, out);
}
template <class T>
void read_json(decode_context& ctx, const json::value& json, legacy_success<T>& out) {
    read_object(ctx, json, out);
}

template <class T>
json::value write_json(const offset_page<T>& in) {
    return write_object(in);
}
template <class T>
json::value write_json(const full_list<T>& in) {
    return write_object(in);
}
template <class T>
json::value write_json(const legacy_success<T>& in) {
    return write_object(in);
}

}  // namespace talentray::model_json
