#include "candidates.hpp"

#include "catalogue.hpp"
#include "fixtures.hpp"
#include "seeded_random.hpp"

#include <algorithm>
#include <charconv>

namespace talentray::mock::detail {
namespace {

using namespace std::chrono;

constexpr std::uint64_t candidate_tag = hash_text("candidate");
constexpr std::uint64_t step_tag = hash_text("candidate-step");

// Draws the placement first, so record() can continue with the same stream.
candidate_placement draw_placement(seeded_random& random, std::size_t organization_count,
                                   std::size_t roles_per_organization) {
    candidate_placement placement;
    const auto roll = random.below(10);
    // acme holds half of all candidates, globex 30 %, initech the rest (the first three tenants).
    placement.organization = organization_count >= 3 ? (roll < 5 ? 0 : roll < 8 ? 1 : 2) : roll % organization_count;
    const std::size_t first_role = placement.organization * roles_per_organization;
    const std::size_t a = random.below(roles_per_organization);
    placement.role_positions[0] = first_role + a;
    if (random.chance(25)) {
        const std::size_t b = (a + 1 + random.below(roles_per_organization - 1)) % roles_per_organization;
        placement.role_positions[1] = first_role + b;
        placement.role_count = 2;
        if (placement.role_positions[1] < placement.role_positions[0])
            std::swap(placement.role_positions[0], placement.role_positions[1]);
    }
    return placement;
}

std::size_t offer_stage(const role_record& role) {
    for (std::size_t i = 0; i < role.steps.size(); ++i)
        if (role.steps[i].step_type == "offer") return i;
    return role.steps.size() - 1;
}

}  // namespace

candidate_generator::candidate_generator(std::uint64_t seed, std::size_t count, const std::vector<role_record>& roles,
                                         std::size_t organization_count)
    : seed_(seed),
      count_(count),
      roles_(roles),
      organization_count_(organization_count),
      roles_per_organization_(roles.size() / organization_count) {}

candidate_placement candidate_generator::placement(std::uint32_t index) const {
    seeded_random random{derive(seed_, candidate_tag, index)};
    return draw_placement(random, organization_count_, roles_per_organization_);
}

candidate_record candidate_generator::record(std::uint32_t index) const {
    seeded_random random{derive(seed_, candidate_tag, index)};
    const candidate_placement place = draw_placement(random, organization_count_, roles_per_organization_);

    candidate_record candidate;
    candidate.index = index;
    candidate.id = "cand_" + std::to_string(index);
    const std::string_view first = first_names()[random.below(first_names().size())];
    const std::string_view last = last_names()[random.below(last_names().size())];
    candidate.full_name = std::string(first) + " " + std::string(last);
    if (random.chance(90))
        candidate.email = ascii_lower_letters(first) + "." + ascii_lower_letters(last) + std::to_string(index) +
                          "@example.com";
    if (random.chance(70)) candidate.phone = "+4915" + std::to_string(random.between(10000000, 99999999));
    const auto status_roll = random.below(20);
    candidate.status = status_roll < 17 ? "Active" : status_roll < 19 ? "Archived" : "Hired";
    candidate.created_at = make_timestamp(2026, 1, 1, 8) + minutes{random.between(0, 200000)};
    candidate.updated_at = candidate.created_at + minutes{random.between(0, 20000)};

    for (std::size_t i = 0; i < place.role_count; ++i) {
        const role_record& role = roles_[place.role_positions[i]];
        const std::size_t step_count = role.steps.size();
        candidate_role_link link;
        link.role_position = place.role_positions[i];
        const auto roll = random.below(20);
        if (roll < 14) {
            link.status = "In Pipeline";
            link.stage = random.below(step_count);
        } else if (roll < 17) {
            link.status = "Rejected";
            link.stage = random.below(step_count);
        } else if (roll < 18) {
            link.status = "Offer";
            link.stage = offer_stage(role);
        } else {
            link.status = "Hired";
            link.stage = step_count;
        }
        const bool scored = link.stage >= 2 || random.chance(30);
        link.overall_fit_score = scored ? random.between(0, 100) : -1;
        link.approved = link.status == "Hired" || link.status == "Offer" || (link.stage >= 2 && random.chance(50));
        candidate.links.push_back(std::move(link));
    }
    return candidate;
}

std::vector<candidate_step> candidate_generator::steps(const candidate_record& candidate) const {
    std::vector<candidate_step> result;
    std::vector<const candidate_role_link*> links;
    for (const candidate_role_link& link : candidate.links) links.push_back(&link);
    std::sort(links.begin(), links.end(), [&](const candidate_role_link* a, const candidate_role_link* b) {
        return roles_[a->role_position].id < roles_[b->role_position].id;
    });

    std::size_t number = 0;
    for (const candidate_role_link* link : links) {
        const role_record& role = roles_[link->role_position];
        for (std::size_t k = 0; k < role.steps.size(); ++k) {
            const role_step_record& template_step = role.steps[k];
            seeded_random random{derive(seed_, step_tag, candidate.index, link->role_position, k)};
            candidate_step step;
            step.id = "crs_" + std::to_string(candidate.index) + "_" + std::to_string(++number);
            step.role_step = &template_step;
            const timestamp begins = candidate.created_at + days{2 * static_cast<int>(k)} + hours{random.between(0, 8)};
            step.created_at = candidate.created_at;
            step.updated_at = candidate.created_at;

            if (k < link->stage) {
                const bool skipped = template_step.allow_skip && random.chance(40);
                step.status = skipped ? "skipped" : "validated";
                step.started_at = begins;
                if (!skipped) {
                    step.completed_at = begins + hours{random.between(1, 30)};
                    step.validated_at = *step.completed_at + minutes{random.between(5, 600)};
                    if (template_step.passing_score)
                        step.validation_score = random.between(*template_step.passing_score, 100);
                }
                step.updated_at = step.validated_at.value_or(begins);
            } else if (k == link->stage) {
                step.started_at = begins;
                step.updated_at = begins;
                if (link->status == "Rejected") {
                    step.status = "rejected";
                    step.completed_at = begins + hours{random.between(1, 30)};
                    step.rejected_at = *step.completed_at + minutes{random.between(5, 600)};
                    if (template_step.passing_score) {
                        step.validation_score = random.between(0, *template_step.passing_score - 1);
                        step.rejection_reason = "Below the passing score";
                    } else {
                        step.rejection_reason = "Not a fit for the role";
                    }
                    step.updated_at = *step.rejected_at;
                } else if (link->status == "In Pipeline" && random.chance(30)) {
                    step.status = "completed";
                    step.completed_at = begins + hours{random.between(1, 30)};
                    step.updated_at = *step.completed_at;
                } else {
                    step.status = "active";
                }
            } else {
                step.status = "locked";
            }
            result.push_back(std::move(step));
        }
    }
    return result;
}

std::uint32_t candidate_generator::index_of(std::string_view id) const {
    if (!id.starts_with("cand_")) return 0;
    const std::string_view digits = id.substr(5);
    if (digits.empty() || digits.front() == '0') return 0;
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc{} || end != digits.data() + digits.size() || value > count_) return 0;
    return static_cast<std::uint32_t>(value);
}

}  // namespace talentray::mock::detail
