// When each request of an open-loop run is due. The times depend only on the rate and the start,
// never on when earlier requests completed: a slow response does not delay the next send, so a
// stall shows up as latency instead of vanishing from the results ("coordinated omission").
// Latency is therefore measured from a request's scheduled time, not from when it was sent.
#pragma once

#include <chrono>
#include <cstdint>

namespace talentray::cli::bench {

class open_loop_schedule {
public:
    using clock = std::chrono::steady_clock;

    /// `per_second` requests a second from `start` for `duration`. Throws std::invalid_argument
    /// for a rate that is not positive or a duration that is negative.
    open_loop_schedule(double per_second, clock::time_point start, std::chrono::nanoseconds duration);

    /// How many requests the run sends: those due before `start + duration`.
    std::uint64_t count() const noexcept { return count_; }

    /// When request `index` (from 0) is due: `start + index / rate`, computed from the start
    /// each time so that no rounding accumulates.
    clock::time_point due(std::uint64_t index) const noexcept;

    double per_second() const noexcept { return per_second_; }
    clock::time_point start() const noexcept { return start_; }

private:
    double per_second_;
    clock::time_point start_;
    std::uint64_t count_;
};

}  // namespace talentray::cli::bench
