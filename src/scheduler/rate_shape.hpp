// From "N requests per window" to the token bucket that can never exceed it.
#pragma once

#include "scheduler/clock.hpp"

#include <cstdint>

namespace talentray::detail {

/// A token bucket's refill rate (tokens per second) and capacity.
struct rate_shape {
    double rate;
    double capacity;
};

/// The bucket admitting at most `limit` requests in any interval of length `window`: a bucket
/// of capacity B refilled at r admits at most B + r·window in such an interval, so
/// r = (limit − B) / window. The capacity is `burst`, cut to half the limit (at least 1) when
/// the limit is that small, so the rate stays positive. Precondition: limit ≥ 1, window > 0,
/// burst ≥ 1.
rate_shape shape_for(std::uint64_t limit, duration window, std::uint64_t burst) noexcept;

}  // namespace talentray::detail
