#include "fault_plan.hpp"

#include "seeded_random.hpp"

namespace talentray::mock::detail {

fault_kind choose_fault(std::uint64_t seed, std::uint64_t sequence, const fault_options& faults) {
    const double draw = seeded_random{derive(seed, hash_text("fault"), sequence)}.unit();
    double bound = faults.server_error_rate;
    if (draw < bound) return fault_kind::server_error;
    bound += faults.drop_before_header_rate;
    if (draw < bound) return fault_kind::drop_before_header;
    bound += faults.drop_after_header_rate;
    if (draw < bound) return fault_kind::drop_after_header;
    bound += faults.truncate_body_rate;
    if (draw < bound) return fault_kind::truncate_body;
    return fault_kind::none;
}

}  // namespace talentray::mock::detail
