// The seeded world the server starts with (everything except candidates, which are generated on
// demand by candidate_generator because there may be millions of them).
#pragma once

#include "records.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace talentray::mock::detail {

struct fixtures {
    std::vector<organization_record> organizations;
    std::vector<user_record> users;
    std::vector<role_record> roles;  // organization by organization, templates in catalogue order
    std::vector<test_record> tests;
    std::vector<lead_record> leads;  // ids pc_1 .. pc_<count>
    std::vector<batch_record> batches;
};

/// Lead ids that belong to CV-screening batches are pc_1 .. pc_<batch_member_count>.
inline constexpr std::size_t batch_member_count = 55;

/// Builds organizations, users, roles with their pipelines, tests, `lead_count` leads (at least
/// batch_member_count) and the CV-screening batches. `candidate_count` bounds the candidate ids
/// that converted leads point to. Deterministic in `seed`.
fixtures make_fixtures(std::uint64_t seed, std::size_t lead_count, std::size_t candidate_count);

/// Generates one lead (1-based index) the way make_fixtures does.
lead_record make_lead(std::uint64_t seed, std::size_t index, std::size_t candidate_count,
                      const std::vector<role_record>& roles);

/// "tr_" + 64 characters of [A-Za-z0-9], a pure function of the seed and a per-key salt.
std::string make_key_secret(std::uint64_t seed, std::string_view salt);

/// The seeded keys (admin, employer, hiring_manager, no_scopes, read_only, expired, in that
/// order). The employer key carries `usage_rows` pre-recorded usage rows ending at
/// 2026-06-04T15:30:45Z, in bursts of up to `usage_rows_per_second` rows within one second;
/// the expired key expired a day before `started_at`.
std::vector<api_key_record> make_seeded_keys(std::uint64_t seed, timestamp started_at, std::size_t usage_rows,
                                             std::size_t usage_rows_per_second = 1);

/// The seeded usage rows count as sequence numbers 1..usage_rows; live rows continue after them.
std::string usage_row_id(std::uint64_t sequence);

/// ASCII letters of `text`, lower-cased (for e-mail addresses made from names).
std::string ascii_lower_letters(std::string_view text);

}  // namespace talentray::mock::detail
