// Where one admission stood relative to the key's steady pace: what tells a 429 caused by a
// burst from one caused by the rate. Carried from the admission to the attempt's response.
#pragma once

#include <cstdint>

namespace talentray::detail {

/// Where an admission stood relative to the steady pace.
struct admission_depth {
    /// Admissions ahead of the pace at this one, itself included (GCRA's excess, in requests):
    /// 1 for a request after an idle period, k for the k-th of a burst started at once.
    std::uint32_t excess = 1;
    /// Admitted sooner after the previous admission than the steady interval: it spent a stored
    /// token rather than waiting for a fresh one.
    bool ahead_of_pace = false;

    /// Whether a 429 for this admission says the burst was too deep (rather than the rate too
    /// high): it came inside a burst, past its first request.
    bool in_burst() const noexcept { return ahead_of_pace && excess >= 2; }
};

}  // namespace talentray::detail
