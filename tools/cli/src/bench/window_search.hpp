// Finding a key's rate-limit window after a burst was refused, with as few further 429s as
// possible. The server frees room one window after the first accepted request (a sliding log
// frees its slot; a fixed window ends): a request sent `d` after it is accepted when d >= window
// and refused when d < window. The 429's Retry-After (whole seconds, rounded up) puts the window
// in an interval one second wide; single requests then step up through it, each refusal raising
// the lower end, and the first acceptance ends the search. Only the first crossing is usable:
// once room was freed, a sliding log frees the rest of the burst's slots at the pace the burst
// was sent, faster than requests can step. Pure logic: times are passed in.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <vector>

namespace talentray::cli::bench {

class window_search {
public:
    using clock = std::chrono::steady_clock;

    /// `accepted`: when each request of the burst was sent, in order (at least one);
    /// `refused_at`: when the first refused one was sent; `retry_after`: its Retry-After, if any
    /// (whole seconds, rounded up: the slot opens within the last second before it).
    window_search(std::vector<clock::time_point> accepted, clock::time_point refused_at,
                  std::optional<std::chrono::seconds> retry_after);

    /// True after the first accepted probe, when the interval is within `relative_precision` of
    /// its lower end, or after `max_probes` probes.
    bool done() const noexcept;

    /// When to send the next probe.
    clock::time_point next_probe() const noexcept;

    /// The response to a probe sent at `sent`.
    void on_response(clock::time_point sent, bool accepted, std::optional<std::chrono::seconds> retry_after);

    /// The window lies in [low, high]; the estimate is the middle.
    double low_seconds() const noexcept { return low_; }
    double high_seconds() const noexcept { return high_; }
    double estimate_seconds() const noexcept { return (low_ + high_) / 2; }
    std::size_t probes() const noexcept { return probes_; }
    /// Whether a probe was accepted (room was freed), rather than the search running out.
    bool crossed() const noexcept { return crossed_; }

    static constexpr double relative_precision = 0.02;
    static constexpr std::size_t max_probes = 8;
    /// The interval after the Retry-After is cut in this many steps.
    static constexpr double steps = 6;

private:
    double since_first(clock::time_point at) const noexcept;
    void keep_ordered() noexcept;

    std::vector<clock::time_point> accepted_;
    double step_ = 0;
    bool crossed_ = false;  // a probe was accepted: room was freed
    double low_ = 0;
    double high_ = 0;
    std::size_t probes_ = 0;
};

}  // namespace talentray::cli::bench
