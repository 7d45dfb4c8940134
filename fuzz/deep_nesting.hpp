// Bodies nested far deeper than any parser in the SDK allows, for the harnesses to feed their
// parser once at start-up: a parser that recursed per level would overflow the stack here.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace talentray::fuzz {

inline constexpr std::size_t hostile_depth = 100'000;

/// `[[[...]]]`, `{"a":{"a":...}}` and the two interleaved, each `hostile_depth` levels deep,
/// closed properly so only the depth is wrong.
inline std::vector<std::string> deeply_nested_bodies() {
    std::vector<std::string> bodies;
    bodies.push_back(std::string(hostile_depth, '[') + std::string(hostile_depth, ']'));
    std::string objects, mixed;
    for (std::size_t i = 0; i < hostile_depth; ++i) objects += "{\"a\":";
    objects += "0";
    objects += std::string(hostile_depth, '}');
    for (std::size_t i = 0; i < hostile_depth / 2; ++i) mixed += "{\"data\":[";
    for (std::size_t i = 0; i < hostile_depth / 2; ++i) mixed += "]}";
    bodies.push_back(std::move(objects));
    bodies.push_back(std::move(mixed));
    return bodies;
}

}  // namespace talentray::fuzz
