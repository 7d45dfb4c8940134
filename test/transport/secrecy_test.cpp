// Where the key may be: in the secrets the client keeps (its header value, its redactor's copy)
// and, for the life of one request, in that request's Authorization header. Nowhere else on
// the wire, and not in freed memory.
#include "fixtures.hpp"
#include "transport/cleansing_allocator.hpp"
#include "transport/connection.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <type_traits>

using namespace talentray;
using namespace talentray::testing;
namespace asio = boost::asio;

namespace {

/// Records, for each block handed back, whether every byte was zero by then.
struct zero_check_log {
    std::size_t blocks = 0;
    std::size_t wiped = 0;
};

template <class T>
struct checking_allocator {
    using value_type = T;
    zero_check_log* log;
    explicit checking_allocator(zero_check_log* l) noexcept : log(l) {}
    template <class U>
    checking_allocator(const checking_allocator<U>& other) noexcept : log(other.log) {}
    T* allocate(std::size_t n) { return std::allocator<T>{}.allocate(n); }
    void deallocate(T* block, std::size_t n) noexcept {
        const auto* bytes = reinterpret_cast<const unsigned char*>(block);
        ++log->blocks;
        if (std::all_of(bytes, bytes + n * sizeof(T), [](unsigned char b) { return b == 0; })) ++log->wiped;
        std::allocator<T>{}.deallocate(block, n);
    }
    template <class U>
    bool operator==(const checking_allocator<U>& other) const noexcept { return log == other.log; }
};

}  // namespace

TEST_CASE("the request header that carries the key is wiped before its memory is released") {
    zero_check_log log;
    {
        using fields = boost::beast::http::basic_fields<detail::cleansing_allocator<char, checking_allocator<char>>>;
        fields header{detail::cleansing_allocator<char, checking_allocator<char>>{checking_allocator<char>{&log}}};
        header.set(boost::beast::http::field::authorization, "Bearer " + fake_key);
        header.set(boost::beast::http::field::user_agent, "talentray-cpp");
        header.erase(boost::beast::http::field::user_agent);  // released early, wiped too
    }
    CHECK(log.blocks >= 2);
    CHECK(log.wiped == log.blocks);

    // And it is the allocator the transport writes requests with.
    STATIC_REQUIRE(std::is_same_v<detail::http_request::fields_type::allocator_type, detail::cleansing_allocator<char>>);
}

TEST_CASE("the key reaches the wire only in the Authorization header of requests to the configured origin") {
    test_server server{{}};
    asio::io_context io;
    client c{io.get_executor(), options_for(server)};
    REQUIRE_FALSE(run(io, c.try_send(get("/api/v1/candidates?ignored"))));  // refused before sending
    auto spec = get("/api/v1/candidates");
    spec.query = {{"search", fake_key.substr(0, 10)}};
    REQUIRE(run(io, c.try_send(spec)));
    REQUIRE(run(io, c.try_send(post("/api/v1/sourcing/candidates", boost::json::object{{"fullName", "A"}}))));
    const auto seen = server.requests();
    REQUIRE(seen.size() == 2);
    for (const auto& request : seen) {
        CHECK(request.headers.at("authorization") == "Bearer " + fake_key);
        CHECK(request.target.find(fake_key) == std::string::npos);
        CHECK(request.body.find(fake_key) == std::string::npos);
        for (const auto& [name, value] : request.headers)
            if (name != "authorization") CHECK(value.find(fake_key) == std::string::npos);
    }
}

TEST_CASE("header values from the options cannot smuggle a line break onto the wire") {
    test_server server{{}};
    asio::io_context io;
    auto options = options_for(server);
    options.user_agent = "my-service/1.0\r\nX-Injected: 1";
    try {
        client c{io.get_executor(), options};
        FAIL("a user agent with CR/LF was accepted");
    } catch (const talentray::error& e) {
        CHECK(e.code() == errc::invalid_argument);
        CHECK_THAT(std::string{e.what()}, Catch::Contains("user_agent"));
    }
    options.user_agent = "my-service/1.0";
    options.api_key = secret{fake_key + "\r\nX-Injected: 1"};
    CHECK_THROWS_AS((client{io.get_executor(), options}), talentray::error);
    CHECK(server.requests().empty());
}
