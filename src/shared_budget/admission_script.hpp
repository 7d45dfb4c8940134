// The Lua script that decides a shared budget's admissions atomically inside Redis, and the
// commands that run it. Pure: building arguments and reading answers needs no connection.
#pragma once

#include "shared_budget/redis_reply.hpp"

#include <boost/system/result.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace talentray::detail {

/// The Redis keys of one API key's shared budget.
struct shared_budget_keys {
    std::string tat;    ///< GCRA's theoretical arrival time (server microseconds)
    std::string pause;  ///< a 429's pause: admissions resume at this server time (microseconds)
    std::string limit;  ///< the limit learned from rate refusals (requests per window)
    std::string strike; ///< set by a refusal for the recovery period: the next one lowers the limit
};

/// The identity in Redis of the key whose `api_key_digest` is `key_digest`: the hex SHA-256 of
/// a fixed prefix and the digest, so Redis (and anyone reading it) never sees the key, and the
/// name is not a hash used elsewhere. Both ways of making a shared budget (a client's, and a
/// `rate_budget` made by hand with the key's digest) name a key's state with it.
/// Throws `talentray::error` (errc::invalid_argument) if OpenSSL has no SHA-256.
std::string shared_budget_identity(std::string_view key_digest);

/// The keys under `talentray:budget:{identity}:` (one hash tag, so a cluster keeps them on one
/// node, as a script requires).
shared_budget_keys shared_budget_keys_for(std::string_view identity);

/// The pacing every process applies: the same shape as the in-process budget, a rate of
/// (limit - burst) / window with `burst` permits of tolerance, so no window sees more than
/// the limit.
struct shared_pacing {
    std::uint32_t requests_per_window = 600;
    std::chrono::milliseconds window{60'000};
    std::uint32_t burst = 1;
    /// How far ahead a take may reserve permits: each permit due within it is granted at once
    /// with the time it is due, the time at which a taker asking then would have got it. Zero:
    /// only permits due now. Reserving ahead keeps a slot from being lost when no process
    /// happens to ask for it in time (timers wake late on a loaded host).
    std::chrono::microseconds horizon{0};
};

/// What a 429 tells the others: pause everyone until `pause` from now (server time). A 429
/// after that pause ended and within `recovery` of the previous one also lowers the shared
/// limit by `decrease_factor`, never below `floor`, for `recovery`; a lone one does not (the
/// limit is configured: one 429 says more about a burst of late arrivals than about it).
struct shared_refusal {
    std::chrono::microseconds pause{0};
    double decrease_factor = 0.5;
    std::uint32_t floor = 1;
    std::chrono::milliseconds recovery{30'000};
};

/// The script's answer. Permit k of a grant (from 0) is due `due(k)` after the script ran.
struct script_answer {
    std::uint32_t granted = 0;           ///< permits taken (take), or given back (give)
    std::chrono::microseconds wait{0};   ///< when none: until the next one comes within the horizon
    std::uint32_t limit = 0;             ///< the limit in force (configured or learned)
    std::uint32_t ready = 0;             ///< of the granted, those due now
    std::chrono::microseconds next_due{0};  ///< when the first permit not ready is due
    std::chrono::microseconds spacing{0};   ///< between the permits that are not ready
    std::int64_t tat = 0;                ///< the budget's state after the call (for give-backs)

    std::chrono::microseconds due(std::uint32_t k) const noexcept {
        return k < ready ? std::chrono::microseconds{0} : next_due + (k - ready) * spacing;
    }
};

/// The Lua source, and its SHA-1 in hex as EVALSHA wants it.
const std::string& admission_script();
const std::string& admission_script_sha1();

/// EVALSHA arguments. `clock_offset` is added to the server's TIME (tests move time with it;
/// production passes zero).
std::vector<std::string> take_command(const shared_budget_keys& keys, const shared_pacing& pacing,
                                      std::uint32_t wanted, std::chrono::microseconds clock_offset = {});
/// Gives back the newest `unused` permits of the take that answered `taken_tat`; the script
/// takes them back only while no other take came after it (the answer's `granted` says how
/// many it took back: all or none).
std::vector<std::string> give_back_command(const shared_budget_keys& keys, const shared_pacing& pacing,
                                           std::uint32_t unused, std::int64_t taken_tat,
                                           std::chrono::microseconds clock_offset = {});
/// Counts `permits` more against the budget at once, without granting them: for requests
/// that reached the server later than the take that counted them, so no window of the
/// server's sees them uncounted. Answers `granted` = `permits`.
std::vector<std::string> charge_command(const shared_budget_keys& keys, const shared_pacing& pacing,
                                        std::uint32_t permits, std::chrono::microseconds clock_offset = {});
/// Pauses every process of the key (see `shared_refusal`).
std::vector<std::string> refuse_command(const shared_budget_keys& keys, const shared_pacing& pacing,
                                        const shared_refusal& refusal, std::chrono::microseconds clock_offset = {});

/// Reads the script's reply: an array {granted, wait_us, limit, ready, next_due_us, spacing_us,
/// tat}; anything else is
/// `errc::invalid_argument`-like protocol error (boost::system::errc::bad_message).
boost::system::result<script_answer> parse_script_answer(const redis_reply& reply);

/// True for Redis's "NOSCRIPT" error: the script must be loaded (SCRIPT LOAD) and run again.
bool is_noscript(const redis_reply& reply) noexcept;

}  // namespace talentray::detail
