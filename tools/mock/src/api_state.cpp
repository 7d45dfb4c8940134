#include "api_state.hpp"

#include "access.hpp"
#include "seeded_random.hpp"

#include <algorithm>
#include <charconv>

namespace talentray::mock::detail {
namespace {

// Parses the number of "<prefix><n>" (no sign, no leading zero); 0 when malformed.
std::uint64_t number_after(std::string_view id, std::string_view prefix) {
    if (!id.starts_with(prefix)) return 0;
    const std::string_view digits = id.substr(prefix.size());
    if (digits.empty() || digits.front() == '0') return 0;
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc{} || end != digits.data() + digits.size()) return 0;
    return value;
}

}  // namespace

api_state::api_state(const server_options& options, timestamp started_at)
    : seed_(options.seed),
      usage_log_capacity_(options.usage_log_capacity),
      usage_resolution_(options.usage_timestamp_resolution),
      batch_polls_to_complete_(options.batch_polls_to_complete),
      world_(make_fixtures(options.seed, options.potential_candidates, options.candidates)),
      candidates_(options.seed, options.candidates, world_.roles, world_.organizations.size()),
      next_lead_number_(options.potential_candidates + 1),
      next_usage_sequence_(options.seeded_usage_rows + 1),
      order_(options.order),
      churn_(options.churn) {
    for (lead_record& lead : world_.leads) leads_.emplace(number_after(lead.id, "pc_"), std::move(lead));
    world_.leads.clear();  // leads_ owns them from here on
    for (const batch_record& batch : world_.batches) {
        batch_progress progress;
        for (const std::string& id : batch.member_ids) {
            const lead_record* lead = find_lead(id);
            if (lead != nullptr && lead->processing) ++progress.processing_at_start;
        }
        batch_progress_.emplace(batch.id, progress);
    }
    for (api_key_record& key :
         make_seeded_keys(options.seed, started_at, options.seeded_usage_rows, options.usage_rows_per_second)) {
        for (usage_row& row : key.usage) row.at = at_usage_resolution(row.at);
        auto owned = std::make_unique<api_key_record>(std::move(key));
        keys_by_secret_.emplace(owned->key, owned.get());
        keys_.push_back(std::move(owned));
    }
}

live_list* api_state::find_live_list(const std::string& name) {
    const auto it = live_lists_.find(name);
    return it == live_lists_.end() ? nullptr : &it->second;
}

live_list& api_state::add_live_list(const std::string& name, std::vector<std::string> base_ids, std::string id_prefix,
                                    timestamp now) {
    live_list list{std::move(base_ids), std::move(id_prefix), derive(seed_, hash_text("live-list"), hash_text(name)),
                   now};
    return live_lists_.insert_or_assign(name, std::move(list)).first->second;
}

const user_record* api_state::find_user(std::string_view id) const {
    for (const user_record& user : world_.users)
        if (user.id == id) return &user;
    return nullptr;
}

const organization_record* api_state::find_organization(std::string_view id) const {
    for (const organization_record& org : world_.organizations)
        if (org.id == id) return &org;
    return nullptr;
}

const organization_record* api_state::find_organization_by_slug(std::string_view slug) const {
    for (const organization_record& org : world_.organizations)
        if (org.slug == slug) return &org;
    return nullptr;
}

role_record* api_state::find_role(std::string_view id) {
    for (role_record& role : world_.roles)
        if (role.id == id) return &role;
    return nullptr;
}

std::optional<std::size_t> api_state::role_position(std::string_view role_id) const {
    for (std::size_t i = 0; i < world_.roles.size(); ++i)
        if (world_.roles[i].id == role_id) return i;
    return std::nullopt;
}

test_record* api_state::find_test(std::string_view id) {
    for (test_record& test : world_.tests)
        if (test.id == id) return &test;
    return nullptr;
}

candidate_record api_state::candidate(std::uint32_t index) const {
    candidate_record record = candidates_.record(index);
    const auto changed = candidate_changes_.find(index);
    if (changed == candidate_changes_.end()) return record;
    const candidate_changes& changes = changed->second;
    if (changes.full_name) record.full_name = *changes.full_name;
    if (changes.status) record.status = *changes.status;
    if (changes.email) record.email = *changes.email;
    if (changes.phone) record.phone = *changes.phone;
    if (changes.summary) record.summary = *changes.summary;
    record.updated_at = changes.updated_at;
    return record;
}

void api_state::change_candidate(std::uint32_t index, const candidate_changes& changes) {
    candidate_changes& stored = candidate_changes_[index];
    if (changes.full_name) stored.full_name = changes.full_name;
    if (changes.status) stored.status = changes.status;
    if (changes.email) stored.email = changes.email;
    if (changes.phone) stored.phone = changes.phone;
    if (changes.summary) stored.summary = changes.summary;
    stored.updated_at = changes.updated_at;
}

const std::vector<std::uint32_t>* api_state::candidate_index(const user_record& user,
                                                             std::optional<std::size_t> role_position) {
    if (user.is_admin() && !role_position) return nullptr;
    std::string cache_key = user.id + "|";
    if (role_position) cache_key += std::to_string(*role_position);
    auto [entry, inserted] = candidate_indexes_.try_emplace(std::move(cache_key));
    if (!inserted) return &entry->second;

    std::vector<std::uint32_t>& index = entry->second;
    const auto count = static_cast<std::uint32_t>(candidates_.count());
    for (std::uint32_t i = 1; i <= count; ++i) {
        const candidate_placement place = candidates_.placement(i);
        if (role_position) {
            const bool linked = place.role_positions[0] == *role_position ||
                                (place.role_count == 2 && place.role_positions[1] == *role_position);
            if (!linked) continue;
        }
        if (can_see_candidate(user, place, world_)) index.push_back(i);
    }
    index.shrink_to_fit();
    return &index;
}

lead_record* api_state::find_lead(std::string_view id) {
    const auto it = leads_.find(number_after(id, "pc_"));
    return it == leads_.end() ? nullptr : &it->second;
}

lead_record& api_state::add_lead(lead_record lead) {
    const std::uint64_t number = next_lead_number_++;
    lead.id = "pc_" + std::to_string(number);
    return leads_.emplace(number, std::move(lead)).first->second;
}

bool api_state::erase_lead(std::string_view id) {
    const std::uint64_t number = number_after(id, "pc_");
    return number != 0 && leads_.erase(number) == 1;
}

const batch_record* api_state::find_batch(std::string_view id) const {
    for (const batch_record& batch : world_.batches)
        if (batch.id == id) return &batch;
    return nullptr;
}

void api_state::count_batch_read(const batch_record& batch, timestamp now) {
    const auto found = batch_progress_.find(batch.id);
    if (found == batch_progress_.end() || batch_polls_to_complete_ == 0) return;
    batch_progress& progress = found->second;
    if (progress.finished == progress.processing_at_start) return;
    ++progress.reads;
    const std::size_t reads = std::min<std::size_t>(progress.reads, batch_polls_to_complete_);
    // After r of n reads, ceil(processing_at_start * r / n) members have finished screening.
    const std::size_t target =
        (progress.processing_at_start * reads + batch_polls_to_complete_ - 1) / batch_polls_to_complete_;
    for (const std::string& id : batch.member_ids) {
        if (progress.finished >= target) break;
        lead_record* lead = find_lead(id);
        if (lead == nullptr || !lead->processing) continue;
        lead->processing = false;
        lead->status = "parsed";
        lead->updated_at = now;
        ++progress.finished;
    }
    // Members deleted while processing will never finish; stop waiting for them.
    if (progress.reads >= batch_polls_to_complete_) progress.finished = progress.processing_at_start;
}

api_key_record* api_state::authenticate(std::string_view secret, timestamp now) {
    const auto it = keys_by_secret_.find(std::string(secret));
    if (it == keys_by_secret_.end()) return nullptr;
    api_key_record* key = it->second;
    if (key->expires_at && *key->expires_at <= now) return nullptr;
    return key;
}

api_key_record* api_state::find_key(std::string_view id) {
    for (const auto& key : keys_)
        if (key->id == id) return key.get();
    return nullptr;
}

api_key_record& api_state::create_key(std::string name, std::string owner_user_id, std::vector<std::string> scopes,
                                      timestamp expires_at, timestamp now) {
    static constexpr std::string_view id_alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    const std::uint64_t number = ++keys_created_;
    seeded_random random{derive(seed_, hash_text("created-key-id"), number)};
    auto key = std::make_unique<api_key_record>();
    key->id = "apikey_";
    for (int i = 0; i < 8; ++i) key->id += id_alphabet[random.below(id_alphabet.size())];
    key->id += std::to_string(number);  // keeps ids unique whatever the random part
    key->name = std::move(name);
    key->key = make_key_secret(seed_, "created-" + std::to_string(number));
    key->owner_user_id = std::move(owner_user_id);
    key->scopes = std::move(scopes);
    key->created_at = std::chrono::floor<std::chrono::seconds>(now);
    key->updated_at = key->created_at;
    key->expires_at = expires_at;
    api_key_record& stored = *key;
    keys_by_secret_.emplace(key->key, key.get());
    keys_.push_back(std::move(key));
    return stored;
}

bool api_state::revoke_key(std::string_view id) {
    const auto it = std::find_if(keys_.begin(), keys_.end(), [&](const auto& key) { return key->id == id; });
    if (it == keys_.end()) return false;
    keys_by_secret_.erase((*it)->key);
    keys_.erase(it);
    return true;
}

timestamp api_state::at_usage_resolution(timestamp t) const noexcept {
    if (usage_resolution_ == std::chrono::milliseconds{1}) return t;
    return std::chrono::floor<std::chrono::seconds>(t);
}

void api_state::record_usage(api_key_record& key, std::string method, std::string path, optional_text ip,
                             optional_text user_agent, timestamp now) {
    usage_row row;
    row.sequence = next_usage_sequence_++;
    if (usage_resolution_ == std::chrono::milliseconds{1})
        row.at = key.usage.empty() ? now : std::max(now, key.usage.back().at + std::chrono::milliseconds{1});
    else
        row.at = key.usage.empty() ? at_usage_resolution(now)
                                   : std::max(at_usage_resolution(now), key.usage.back().at);
    row.method = std::move(method);
    row.path = std::move(path);
    row.ip = std::move(ip);
    row.user_agent = std::move(user_agent);
    key.last_request = row.at;
    key.usage.push_back(std::move(row));
    if (key.usage.size() > usage_log_capacity_) key.usage.pop_front();
    ++key.request_count;
}

std::string api_state::invite_url(std::string_view organization_id, std::string_view role_id,
                                  std::string_view locale) {
    std::string cache_key = std::string(organization_id) + "|" + std::string(role_id) + "|" + std::string(locale);
    const auto found = invite_urls_.find(cache_key);
    if (found != invite_urls_.end()) return found->second;
    static constexpr std::string_view alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    seeded_random random{derive(seed_, hash_text("invite"), hash_text(cache_key))};
    std::string url = "https://app.talent-ray.com/" + std::string(locale) + "/signup/invite/inv_";
    for (int i = 0; i < 12; ++i) url += alphabet[random.below(alphabet.size())];
    invite_urls_.emplace(std::move(cache_key), url);
    return url;
}

}  // namespace talentray::mock::detail
