// Deterministic pseudo-randomness: every generated value is a pure function of the server seed
// and what is being generated (a domain tag and an index), never of generation order. That is
// what lets the mock produce row i of a million-row collection without producing rows 0..i-1.
#pragma once

#include <cstdint>
#include <string_view>

namespace talentray::mock::detail {

/// SplitMix64 finaliser: a bijective 64-bit mix with good avalanche.
constexpr std::uint64_t mix64(std::uint64_t x) noexcept {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/// FNV-1a of a string, used to turn names (ids, domain tags) into hash inputs.
constexpr std::uint64_t hash_text(std::string_view text) noexcept {
    std::uint64_t h = 0xCBF29CE484222325ULL;
    for (char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001B3ULL;
    }
    return h;
}

/// Combines a seed with any number of 64-bit inputs into one well-mixed value.
template <class... Parts>
constexpr std::uint64_t derive(std::uint64_t seed, Parts... parts) noexcept {
    std::uint64_t h = mix64(seed);
    ((h = mix64(h ^ static_cast<std::uint64_t>(parts))), ...);
    return h;
}

/// A small stream of random numbers for one generated object (SplitMix64 sequence).
class seeded_random {
public:
    explicit constexpr seeded_random(std::uint64_t state) noexcept : state_(state) {}

    constexpr std::uint64_t next() noexcept {
        state_ += 0x9E3779B97F4A7C15ULL;
        return mix64(state_);
    }
    /// Uniform in [0, bound); bound must be positive. The modulo bias is irrelevant for fixtures.
    constexpr std::uint64_t below(std::uint64_t bound) noexcept { return next() % bound; }
    /// Uniform in [low, high].
    constexpr std::int64_t between(std::int64_t low, std::int64_t high) noexcept {
        return low + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(high - low) + 1));
    }
    /// true with probability percent/100.
    constexpr bool chance(unsigned percent) noexcept { return below(100) < percent; }
    /// Uniform in [0, 1).
    double unit() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

private:
    std::uint64_t state_;
};

}  // namespace talentray::mock::detail
