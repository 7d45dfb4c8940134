// The client's internals are private: only the library's own layers reach them, through
// detail::client_access (src/client/client_access.hpp).
#include "client/client_access.hpp"
#include "client/client_impl.hpp"

#include <talentray/client.hpp>

#include <catch2/catch.hpp>

#include <boost/asio/io_context.hpp>

#include <memory>

namespace {

template <class T>
concept exposes_impl = requires(const T& owner) { owner.impl(); };

}  // namespace

TEST_CASE("client access: the public client has no impl() accessor") {
    STATIC_REQUIRE_FALSE(exposes_impl<talentray::client>);
}

TEST_CASE("client access: the internals outlive the client object that made them") {
    boost::asio::io_context io;
    talentray::client_options options;
    options.base_url = "http://127.0.0.1:9";
    std::shared_ptr<talentray::detail::client_impl> internals;
    {
        talentray::client owner{io.get_executor(), options};
        internals = talentray::detail::client_access::internals(owner);
        CHECK(internals->target().to_string() == owner.origin());
    }
    CHECK(internals.use_count() == 1);
}
