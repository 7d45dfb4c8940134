// Checking that the model refused a value as an invalid argument.
#pragma once

#include <talentray/error.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace talentray::testing {

/// The client message of `outcome`, after checking that it failed with invalid_argument.
template <class T>
std::string invalid(const result<T>& outcome) {
    REQUIRE_FALSE(outcome.has_value());
    CHECK(outcome.error().code == errc::invalid_argument);
    return outcome.error().diag.client_message;
}

}  // namespace talentray::testing
