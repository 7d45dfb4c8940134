#include "shared_budget/admission_script.hpp"

#include <talentray/error.hpp>

#include <openssl/evp.h>

#include <cmath>

namespace talentray::detail {

namespace {

// GCRA over the server's clock (TIME: the hosts' clocks differ). KEYS: tat, pause, limit,
// strike. ARGV: mode (take | give | charge | refuse), clock offset (us), configured limit,
// window (us), burst, then: take n, horizon_us | give n, the tat of the take they came from |
// charge n | refuse pause_us, decrease factor, floor, recovery_ms.
// Answer: {granted (or given back), wait_us, limit, ready, next_due_us, spacing_us, tat}.
// Numbers stay below 2^53 (microseconds since 1970), exact in Lua's doubles; times are stored
// with %.0f since tostring would round them to 14 digits.
constexpr const char* script_source = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2]) + tonumber(ARGV[2])
local configured = tonumber(ARGV[3])
local window = tonumber(ARGV[4])
local limit = tonumber(redis.call('GET', KEYS[3])) or configured
if limit > configured then limit = configured end
local burst = tonumber(ARGV[5])
if burst > limit - 1 then burst = limit - 1 end
local interval = window / (limit - burst)
local tau = burst * interval
local ttl_ms = math.ceil((tau + window) / 1000) + 1000
local mode = ARGV[1]
if mode == 'refuse' then
  local resume = now + tonumber(ARGV[6])
  local paused = tonumber(redis.call('GET', KEYS[2])) or 0
  if resume > paused then
    redis.call('SET', KEYS[2], string.format('%.0f', resume), 'PX', math.ceil((resume - now) / 1000) + 1)
  end
  -- One overload (every 429 until its pause ends) is one strike. The first pauses everyone
  -- and only marks the recovery period; a second strike within it lowers the limit. A lone
  -- 429 (processes starting at once) then costs one pause, not the rest of the period.
  local struck = false
  if paused <= now then
    struck = redis.call('EXISTS', KEYS[4]) == 1
    redis.call('SET', KEYS[4], '1', 'PX', tonumber(ARGV[9]))
  end
  if struck then
    local lowered = math.floor(limit * tonumber(ARGV[7]))
    local floor = tonumber(ARGV[8])
    if lowered < floor then lowered = floor end
    if lowered < limit then
      redis.call('SET', KEYS[3], lowered, 'PX', tonumber(ARGV[9]))
      limit = lowered
    end
  end
  return {0, 0, limit, 0, 0, 0, 0}
end
local stored_tat = redis.call('GET', KEYS[1])
local tat = tonumber(stored_tat) or now
if tat < now then tat = now end
if mode == 'charge' then
  -- Permits counted again, whatever the budget holds: their requests reached the server
  -- later than the take that counted them (see charge_command).
  tat = tat + tonumber(ARGV[6]) * interval
  local stored = string.format('%.0f', math.ceil(tat))
  redis.call('SET', KEYS[1], stored, 'PX', ttl_ms + math.ceil((tat - now) / 1000))
  return {tonumber(ARGV[6]), 0, limit, 0, 0, 0, tonumber(stored)}
end
if mode == 'give' then
  -- Only the newest permits come back, and only while nobody has taken after them: handing
  -- back a slot from the middle would let a later taker fill a window twice.
  if stored_tat ~= ARGV[7] then return {0, 0, limit, 0, 0, 0, 0} end
  local given = tonumber(ARGV[6])
  tat = tonumber(ARGV[7]) - given * interval
  if tat < now then tat = now end
  local stored = string.format('%.0f', math.ceil(tat))
  redis.call('SET', KEYS[1], stored, 'PX', ttl_ms)
  return {given, 0, limit, 0, 0, 0, tonumber(stored)}
end
local paused = tonumber(redis.call('GET', KEYS[2])) or 0
if paused > now then return {0, math.ceil(paused - now), limit, 0, 0, 0, 0} end
-- Permit k (from 0) is due at tat + (k + 1) * interval - tau: exactly when GCRA would grant it
-- to a taker asking then. Those due within the horizon are granted now, as reservations.
local horizon = tonumber(ARGV[7])
local wanted = tonumber(ARGV[6])
local granted = math.floor((now + horizon + tau - tat) / interval)
if granted > wanted then granted = wanted end
if granted < 1 then return {0, math.ceil(tat + interval - tau - horizon - now), limit, 0, 0, 0, 0} end
local ready = math.floor((now + tau - tat) / interval)
if ready < 0 then ready = 0 end
if ready > granted then ready = granted end
local next_due = 0
if ready < granted then next_due = math.ceil(tat + (ready + 1) * interval - tau - now) end
tat = tat + granted * interval
local stored = string.format('%.0f', math.ceil(tat))
redis.call('SET', KEYS[1], stored, 'PX', ttl_ms)
return {granted, 0, limit, ready, next_due, math.ceil(interval), tonumber(stored)}
)lua";

std::string hex_digest(const EVP_MD* md, std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), digest, &length, md, nullptr) != 1)
        throw_error(errc::invalid_argument, "shared budget: a digest is unavailable in this OpenSSL");
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 0x0f];
    }
    return out;
}

std::vector<std::string> common(const char* mode, const shared_budget_keys& keys, const shared_pacing& pacing,
                                std::chrono::microseconds offset) {
    const auto window_us = std::chrono::duration_cast<std::chrono::microseconds>(pacing.window).count();
    return {"EVALSHA", admission_script_sha1(), "4", keys.tat, keys.pause, keys.limit, keys.strike, mode,
            std::to_string(offset.count()), std::to_string(pacing.requests_per_window), std::to_string(window_us),
            std::to_string(pacing.burst)};
}

}  // namespace

std::string shared_budget_identity(std::string_view key_digest) {
    // The prefix keeps this hash apart from api_key_digest's plain SHA-256 of the key; v2
    // since the state is named from the key's digest (v1 hashed the key itself).
    std::string input = "talentray shared budget v2\n";
    input += key_digest;
    return hex_digest(EVP_sha256(), input);
}

shared_budget_keys shared_budget_keys_for(std::string_view identity) {
    const std::string base = "talentray:budget:{" + std::string(identity) + "}:";
    return {base + "tat", base + "pause", base + "limit", base + "strike"};
}

const std::string& admission_script() {
    static const std::string text = script_source;
    return text;
}

const std::string& admission_script_sha1() {
    static const std::string sha = hex_digest(EVP_sha1(), admission_script());
    return sha;
}

std::vector<std::string> take_command(const shared_budget_keys& keys, const shared_pacing& pacing,
                                      std::uint32_t wanted, std::chrono::microseconds clock_offset) {
    auto args = common("take", keys, pacing, clock_offset);
    args.push_back(std::to_string(wanted));
    args.push_back(std::to_string(pacing.horizon.count()));
    return args;
}

std::vector<std::string> give_back_command(const shared_budget_keys& keys, const shared_pacing& pacing,
                                           std::uint32_t unused, std::int64_t taken_tat,
                                           std::chrono::microseconds clock_offset) {
    auto args = common("give", keys, pacing, clock_offset);
    args.push_back(std::to_string(unused));
    args.push_back(std::to_string(taken_tat));
    return args;
}

std::vector<std::string> charge_command(const shared_budget_keys& keys, const shared_pacing& pacing,
                                        std::uint32_t permits, std::chrono::microseconds clock_offset) {
    auto args = common("charge", keys, pacing, clock_offset);
    args.push_back(std::to_string(permits));
    return args;
}

std::vector<std::string> refuse_command(const shared_budget_keys& keys, const shared_pacing& pacing,
                                        const shared_refusal& refusal, std::chrono::microseconds clock_offset) {
    auto args = common("refuse", keys, pacing, clock_offset);
    args.push_back(std::to_string(refusal.pause.count()));
    args.push_back(std::to_string(refusal.decrease_factor));
    args.push_back(std::to_string(refusal.floor));
    args.push_back(std::to_string(refusal.recovery.count()));
    return args;
}

boost::system::result<script_answer> parse_script_answer(const redis_reply& reply) {
    if (reply.type != redis_reply::kind::array || reply.elements.size() != 7)
        return boost::system::errc::make_error_code(boost::system::errc::bad_message);
    for (const auto& e : reply.elements)
        if (e.type != redis_reply::kind::integer || e.integer < 0)
            return boost::system::errc::make_error_code(boost::system::errc::bad_message);
    const auto& e = reply.elements;
    if (e[3].integer > e[0].integer)
        return boost::system::errc::make_error_code(boost::system::errc::bad_message);
    script_answer answer;
    answer.granted = std::uint32_t(e[0].integer);
    answer.wait = std::chrono::microseconds{e[1].integer};
    answer.limit = std::uint32_t(e[2].integer);
    answer.ready = std::uint32_t(e[3].integer);
    answer.next_due = std::chrono::microseconds{e[4].integer};
    answer.spacing = std::chrono::microseconds{e[5].integer};
    answer.tat = e[6].integer;
    return answer;
}

bool is_noscript(const redis_reply& reply) noexcept {
    return reply.is_error() && reply.text.rfind("NOSCRIPT", 0) == 0;
}

}  // namespace talentray::detail
