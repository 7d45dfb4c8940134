// talentray/scheduler/options.hpp — what the rate budget and the retry policy can be told.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace talentray {

/// The admission class of a request. Interactive requests are admitted ahead of bulk ones, but
/// bulk requests still progress (see `scheduler_options::bulk_admission_interval`).
enum class priority { interactive, bulk };

/// How one API key's `rate_budget` admits requests. Every client sharing the key shares these.
///
/// The defaults follow the documented limit of 600 requests per minute per key.
struct scheduler_options {
    // --- The key's rate limit --------------------------------------------------------------

    /// Requests the key may make per `window`.
    std::uint32_t requests_per_window = 600;

    /// The length of the server's rate-limit window.
    std::chrono::seconds window{60};

    /// The most requests that may start back to back after an idle period (the token bucket's
    /// capacity). The refill rate is lowered by the same amount, to
    /// (requests_per_window - burst) / window, so that no `window`-long interval can see more
    /// than `requests_per_window` admissions whether the server counts in fixed or sliding
    /// windows: 590 per minute by default.
    ///
    /// Many limiters take far fewer requests at once than their rate (a token bucket of 20 per
    /// second may allow 5 at once). Unset, the budget opens with a burst of 2 and grows it by one
    /// each time the server accepts a burst that used all of it, up to requests_per_window / 60
    /// rounded, at least 1 and at most 10 (10 for the documented 600, 1 for 60; see
    /// `burst_for`). Set, the budget starts at it. Either way, a 429 for a request sent inside a
    /// burst lowers the burst below the depth that was refused, for the life of the budget, and
    /// leaves the rate alone. When set, it must be at least 1 and less than `requests_per_window`.
    std::optional<std::uint32_t> burst;

    /// Requests of this key that may be in flight at once; further requests queue.
    std::uint32_t max_in_flight = 16;

    /// When both classes are waiting, a bulk request is admitted after at most this many
    /// interactive ones in a row, so bulk work is slowed by interactive traffic but never
    /// starved. Must be at least 1.
    std::uint32_t bulk_admission_interval = 4;

    // --- 429 Too Many Requests -------------------------------------------------------------

    /// Pause of the whole key after a 429 without a usable `Retry-After`. It doubles with each
    /// further such 429 in a row, up to `max_pause`.
    std::chrono::milliseconds default_pause{2000};

    /// Upper bound on any pause, jitter included: a `Retry-After` (or rate-limit reset) beyond
    /// it is cut to it.
    std::chrono::milliseconds max_pause{120'000};

    /// A random extra of up to this fraction of each pause, so that processes sharing the key
    /// do not all resume at the same instant. In [0, 1].
    double pause_jitter = 0.1;

    // --- Adaptive limit --------------------------------------------------------------------

    // A 429 for a request admitted at the steady pace (not inside a burst: see `burst`) after
    // the previous decrease lowers the limit the key works with (requests per `window`; the
    // bucket's rate and the window check follow it). The server has just refused after
    // accepting some number C of this key's requests in the window before the refused one was
    // admitted: C is at most its real limit, and all of it when this process is the key's only
    // user. So the limit becomes C, but never less than `rate_decrease_factor` of what it was (a
    // small C says more about other users of the key, or a window shorter than `window`, than
    // about the limit). Otherwise it drops to the last limit that held through a recovery
    // period, or by `rate_decrease_factor`. The configured limit is a ceiling: the budget never
    // admits faster, and lowers its rate only when the server refuses at a steady pace.

    /// The deepest single decrease of the limit, as a factor. In (0, 1].
    double rate_decrease_factor = 0.5;

    /// The limit never drops below this fraction of the configured one. In (0, 1].
    double min_rate_fraction = 0.1;

    /// Seconds of clean admissions (responses without a 429, idle time not counted) a lowered
    /// limit is held before the budget tries higher: halfway to the lowest limit a 429 refused.
    /// Probing stops when the two are within 3 %, or when the limit came from the server's own
    /// count (C above); the learned limit is then re-tested only after ten such periods in a row
    /// without a 429. Unset: 30 seconds (see `rate_recovery_period_for`). When set: positive and
    /// at most a year.
    std::optional<std::chrono::seconds> rate_recovery_period;

    /// Re-synchronise the bucket from `RateLimit`/`RateLimit-Policy`, `RateLimit-*` and
    /// `X-RateLimit-*` response headers when the server sends them. Nothing depends on them.
    bool sync_from_headers = true;

    // --- Retry budget (shared by every retry of the key) -----------------------------------

    /// Each attempt reported to `rate_budget::on_response` earns this fraction of a retry, so
    /// retries for 5xx, timeouts and network errors stay below this share of all attempts.
    /// In [0, 1]. Retries after a 429 are paced by the pause instead and are not counted here.
    double retry_budget_ratio = 0.15;

    /// Retries earned per second regardless of traffic: the floor that lets a quiet client
    /// still retry.
    double retry_budget_min_per_second = 1.0;

    /// Most retries that can be saved up (and the number available at start). At least 1.
    std::uint32_t retry_budget_burst = 10;

    // --- One budget for many processes (Redis) ---------------------------------------------

    /// Where every process using the key shares its budget: `redis://[[user]:password@]host[:port][/db]`
    /// (port 6379, db 0 when absent) or `redis+unix:///path/to/socket[?db=N][&password=P]`.
    /// Empty: the budget is this process's alone. Set, the key's admissions across all processes
    /// naming the same Redis stay within `requests_per_window`, a 429 seen by any of them pauses
    /// all, and the limit learned from 429s is shared; Redis sees a SHA-256 of the key, never the
    /// key. Invalid URLs are refused by `validate` (the password is never quoted); a library
    /// built without Redis (`TALENTRAY_WITH_REDIS=OFF`) refuses any non-empty value.
    std::string shared_budget;

    /// The longest a Redis round trip may take before the budget stops waiting for it and
    /// admits from its in-process fallback. Positive, at most 60 seconds.
    std::chrono::milliseconds shared_budget_timeout{200};

    /// While Redis cannot be reached, each process paces itself at this fraction of the key's
    /// limit (it cannot know how many others are running), and rejoins the shared budget as
    /// soon as Redis answers again. In (0, 1].
    double shared_budget_fallback_share = 0.25;
};

/// How one request is retried. Set per client, and overridable per call.
struct retry_options {
    /// Attempts a request may make when it fails with 5xx, a timeout or a network error,
    /// counting the first one. 1 disables those retries. At least 1.
    std::uint32_t max_attempts = 4;

    /// 429 responses a single request tolerates before it fails with `errc::rate_limited`.
    /// At least 1.
    std::uint32_t max_rate_limited_attempts = 8;

    /// Ceiling of the first backoff; each further failure multiplies it by `backoff_multiplier`
    /// up to `max_backoff`. The actual delay is drawn uniformly below the ceiling (full jitter).
    std::chrono::milliseconds initial_backoff{250};

    /// Largest backoff ceiling. At least `initial_backoff`.
    std::chrono::milliseconds max_backoff{20'000};

    /// Growth of the backoff ceiling per failure. At least 1.
    double backoff_multiplier = 2.0;

    /// No retry is started later than this after the first attempt began (the request's own
    /// deadline, when earlier, wins). Positive.
    std::chrono::milliseconds total_timeout{120'000};
};

/// Checks every field of `options`.
/// Throws `talentray::error` with `errc::invalid_argument`, naming the first bad field and value.
void validate(const scheduler_options& options);

/// The burst `options` works with: `options.burst` when set, otherwise
/// clamp(round(requests_per_window / 60), 1, 10). Meaningful for valid options; never throws.
std::uint32_t burst_for(const scheduler_options& options) noexcept;

/// The recovery period `options` works with: `options.rate_recovery_period` when set,
/// otherwise 30 seconds. Meaningful for valid options; never throws.
std::chrono::seconds rate_recovery_period_for(const scheduler_options& options) noexcept;

/// Checks every field of `options`.
/// Throws `talentray::error` with `errc::invalid_argument`, naming the first bad field and value.
void validate(const retry_options& options);

}  // namespace talentray
