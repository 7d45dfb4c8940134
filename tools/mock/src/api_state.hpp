// Everything the mock knows and remembers: the seeded fixtures, what writes changed, API keys and
// their usage logs, and lookup indexes. Not thread-safe: api_service serialises access.
#pragma once

#include "candidates.hpp"
#include "fixtures.hpp"
#include "live_list.hpp"
#include "records.hpp"

#include <talentray/mock/options.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace talentray::mock::detail {

class api_state {
public:
    /// Generates the fixtures and keys; `started_at` anchors what is relative to start-up (the
    /// expired key). Throws std::invalid_argument for unusable options.
    api_state(const server_options& options, timestamp started_at);

    api_state(const api_state&) = delete;
    api_state& operator=(const api_state&) = delete;

    std::uint64_t seed() const { return seed_; }
    const fixtures& world() const { return world_; }
    const candidate_generator& candidates() const { return candidates_; }

    const user_record* find_user(std::string_view id) const;
    const organization_record* find_organization(std::string_view id) const;
    const organization_record* find_organization_by_slug(std::string_view slug) const;
    role_record* find_role(std::string_view id);
    test_record* find_test(std::string_view id);
    std::vector<role_record>& roles() { return world_.roles; }
    std::vector<test_record>& tests() { return world_.tests; }

    // --- candidates -------------------------------------------------------------------------
    /// The candidate as it is now: generated, then with every stored PATCH applied.
    candidate_record candidate(std::uint32_t index) const;
    /// Remembers a PATCH; later reads of the candidate reflect it.
    void change_candidate(std::uint32_t index, const candidate_changes& changes);
    /// Ascending indexes of the candidates `user` can see (only those linked to the role at
    /// `role_position`, if given). nullptr means every candidate, 1..count. Built on first use
    /// by scanning all candidates, then cached: placements never change.
    const std::vector<std::uint32_t>* candidate_index(const user_record& user, std::optional<std::size_t> role_position);
    /// The position of a role in world().roles, or nullopt.
    std::optional<std::size_t> role_position(std::string_view role_id) const;

    // --- leads (potential candidates) ---------------------------------------------------------
    /// Leads in creation order.
    const std::map<std::uint64_t, lead_record>& leads() const { return leads_; }
    lead_record* find_lead(std::string_view id);
    /// Stores a new lead, giving it the next id ("pc_<n>"); returns it.
    lead_record& add_lead(lead_record lead);
    /// Deletes a lead and its organization and role links; false when there was none.
    bool erase_lead(std::string_view id);

    // --- CV-screening batches -------------------------------------------------------------------
    const batch_record* find_batch(std::string_view id) const;
    /// Counts a read of a batch; a batch with members still processing finishes screening them
    /// evenly over `batch_polls_to_complete` reads (0: never).
    void count_batch_read(const batch_record& batch, timestamp now);

    // --- API keys and usage ---------------------------------------------------------------------
    /// The key with this plaintext, if it exists, is not revoked and has not expired at `now`.
    api_key_record* authenticate(std::string_view secret, timestamp now);
    api_key_record* find_key(std::string_view id);
    /// Keys in creation order (revoked keys are gone).
    const std::vector<std::unique_ptr<api_key_record>>& keys() const { return keys_; }
    api_key_record& create_key(std::string name, std::string owner_user_id, std::vector<std::string> scopes,
                               timestamp expires_at, timestamp now);
    /// Revokes permanently; false when no such key exists.
    bool revoke_key(std::string_view id);
    /// Appends a usage row. At 1 ms resolution its timestamp is `now`, bumped to 1 ms after the
    /// key's newest row if needed, so a key's rows have strictly increasing, unique timestamps.
    /// At 1 s resolution it is `now` cut to the second (never before the key's newest row): rows
    /// of one second share it.
    void record_usage(api_key_record& key, std::string method, std::string path, optional_text ip,
                      optional_text user_agent, timestamp now);
    /// 1 ms or 1 s (server_options::usage_timestamp_resolution).
    std::chrono::milliseconds usage_resolution() const noexcept { return usage_resolution_; }
    /// `t` cut to the usage log's resolution.
    timestamp at_usage_resolution(timestamp t) const noexcept;

    // --- live lists ----------------------------------------------------------------------------
    /// The order of the offset lists and the churn configuration (server_options).
    list_order order() const { return order_; }
    const churn_options& churn() const { return churn_; }
    /// The live list named `name` (see live_list), or null before its first read.
    live_list* find_live_list(const std::string& name);
    /// Starts a live list; churn is measured from `now`.
    live_list& add_live_list(const std::string& name, std::vector<std::string> base_ids, std::string id_prefix,
                             timestamp now);

    // --- career portal --------------------------------------------------------------------------
    /// The invitation link for (organization, role, locale): made on first request, then reused.
    std::string invite_url(std::string_view organization_id, std::string_view role_id, std::string_view locale);

private:
    std::uint64_t seed_;
    std::size_t usage_log_capacity_;
    std::chrono::milliseconds usage_resolution_;
    unsigned batch_polls_to_complete_;
    fixtures world_;
    candidate_generator candidates_;
    std::unordered_map<std::uint32_t, candidate_changes> candidate_changes_;
    std::unordered_map<std::string, std::vector<std::uint32_t>> candidate_indexes_;
    std::map<std::uint64_t, lead_record> leads_;
    std::uint64_t next_lead_number_;
    struct batch_progress {
        std::size_t processing_at_start = 0;
        std::size_t finished = 0;
        std::size_t reads = 0;
    };
    std::map<std::string, batch_progress, std::less<>> batch_progress_;
    std::vector<std::unique_ptr<api_key_record>> keys_;
    std::unordered_map<std::string, api_key_record*> keys_by_secret_;
    std::uint64_t keys_created_ = 0;
    std::uint64_t next_usage_sequence_;
    std::map<std::string, std::string, std::less<>> invite_urls_;
    list_order order_;
    churn_options churn_;
    std::map<std::string, live_list> live_lists_;
};

}  // namespace talentray::mock::detail
