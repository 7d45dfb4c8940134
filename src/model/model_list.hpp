// Every model, envelope and pager row type the library instantiates, listed once.
//
// `decode<T>` (decode.cpp), the envelope encoders (envelope_json.cpp) and `pager<T>` (pager.cpp)
// are templates defined in one source file each and explicitly instantiated there for the types
// below. A new model is added to these lists and nowhere else: each list is an X-macro that
// calls `X(type)` once per type, e.g. `TALENTRAY_OFFSET_ROWS(INSTANTIATE)`.
#pragma once

#include <talentray/model/api_key.hpp>
#include <talentray/model/candidate.hpp>
#include <talentray/model/career_portal.hpp>
#include <talentray/model/cv_screening.hpp>
#include <talentray/model/legacy_envelope.hpp>
#include <talentray/model/me.hpp>
#include <talentray/model/pagination.hpp>
#include <talentray/model/role.hpp>
#include <talentray/model/sourcing.hpp>
#include <talentray/model/test.hpp>

#include <vector>

/// Row types of the offset-paged lists: `offset_page<T>` envelopes and `pager<T>`.
#define TALENTRAY_OFFSET_ROWS(X) X(candidate) X(role) X(test) X(potential_candidate)

/// Row types of the cursor-paged lists (the key usage log): `pager<T>`.
#define TALENTRAY_CURSOR_ROWS(X) X(api_key_usage_row)

/// Element types of the lists returned whole: `full_list<T>` envelopes.
#define TALENTRAY_FULL_LIST_ROWS(X) X(candidate_step) X(role_step)

/// Payloads of the admin API's `{success, data}` responses: `legacy_success<T>` envelopes.
#define TALENTRAY_LEGACY_PAYLOADS(X) X(created_api_key) X(std::vector<api_key>) X(api_key_usage)

/// Every other model that `decode<T>` reads on its own: objects, their parts and request bodies.
#define TALENTRAY_PLAIN_MODELS(X)                                                                  \
    X(offset_pagination) X(cursor_pagination)                                                      \
    X(candidate_role_link) X(candidate) X(candidate_step) X(candidate_update)                      \
    X(role) X(role_step) X(role_update)                                                            \
    X(test) X(test_update)                                                                         \
    X(lead_organization_link) X(lead_role_link) X(potential_candidate) X(potential_candidate_create) \
    X(potential_candidate_update)                                                                  \
    X(cv_screening_batch)                                                                          \
    X(me_user) X(me_auth) X(me)                                                                    \
    X(api_key_owner) X(api_key) X(create_api_key_request) X(created_api_key)                       \
    X(api_key_usage_owner) X(api_key_usage_key) X(api_key_usage_row) X(api_key_usage)              \
    X(portal_theme) X(portal_org) X(portal_role) X(career_portal) X(public_job) X(apply_request)    \
    X(invite)
