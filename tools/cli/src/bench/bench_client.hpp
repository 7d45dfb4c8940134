// The client a bench runs with: the user's options, with a rate budget of its own set to the
// asked rate (so the run never goes faster, whatever else uses the key in this process), or
// with every limit of the budget out of the way (--no-scheduler), to see the server push back.
// Pure: it only computes options.
#pragma once

#include <talentray/client_options.hpp>

namespace talentray::cli::bench {

/// The key's limit the user configured (--rate-limit, else the SDK's 600 per 60 s).
struct key_limit {
    std::uint32_t requests = 600;
    std::chrono::seconds window{60};
};

key_limit configured_limit(const client_options& options) noexcept;

/// `base` with an explicit rate budget that admits `per_second` on average: N per window (the
/// key's window, longer for rates too low for 2 per window) plus a burst of N / 10 (2 to 10), so
/// any window sees at most N + burst, and calls the schedule sends on time are not held back.
/// Requests retry as `base` says.
/// Throws `talentray::error` (invalid_argument) for options the budget refuses.
client_options scheduled_options(client_options base, double per_second);

/// `base` with a budget that never holds a request back (a million per second, 1 ms pauses
/// after a 429, no header sync) and no retries: every 429 comes back as the call's response.
client_options raw_options(client_options base);

}  // namespace talentray::cli::bench
