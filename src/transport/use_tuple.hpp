// The completion token of the transport's awaited operations.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace talentray::detail {

/// Awaits an operation and returns its error code with its results instead of throwing: the
/// transport turns every failure into an error_info, and an exception per closed socket would
/// cost more than the round trip.
inline constexpr auto use_tuple = boost::asio::as_tuple(boost::asio::use_awaitable);

}  // namespace talentray::detail
