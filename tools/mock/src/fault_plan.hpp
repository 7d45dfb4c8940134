// Which fault (if any) a request gets: a pure function of the seed, the request's sequence
// number and the configured rates, so a failing run can be replayed exactly.
#pragma once

#include <talentray/mock/options.hpp>

#include <cstdint>

namespace talentray::mock::detail {

enum class fault_kind { none, server_error, drop_before_header, drop_after_header, truncate_body };

/// One uniform draw per request, split into consecutive intervals of the four rates (in the order
/// server_error, drop_before_header, drop_after_header, truncate_body); the rest is `none`.
fault_kind choose_fault(std::uint64_t seed, std::uint64_t sequence, const fault_options& faults);

}  // namespace talentray::mock::detail
