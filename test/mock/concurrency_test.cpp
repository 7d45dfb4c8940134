// Several server threads and several clients at once: every request is answered and counted once.
#include "mock_fixture.hpp"

#include <catch2/catch.hpp>

#include <thread>

using namespace mock_test;
using http::verb;

TEST_CASE("concurrency: parallel clients on a multi-threaded server are each served and counted") {
    mock::server_options options = plain_options();
    options.threads = 3;
    options.limit = {0, std::chrono::milliseconds{60'000}};
    mock::server server{options};

    constexpr int clients = 4;
    constexpr int rounds = 25;
    std::vector<int> failures(clients, 0);
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&server, &failures, c] {
            raw_client client{server};
            for (int i = 0; i < rounds; ++i) {
                request_options create;
                create.key = server.keys().employer.key;
                create.body = R"({"fullName":"Parallel )" + std::to_string(c) + "-" + std::to_string(i) +
                              R"(","organizationId":"org_acme"})";
                if (client.send(verb::post, "/api/v1/sourcing", create).status != 201) ++failures[c];
                request_options read;
                read.key = server.keys().read_only.key;
                if (client.send(verb::get, "/api/v1/candidates?page=" + std::to_string(i), read).status != 200) ++failures[c];
            }
        });
    }
    for (std::thread& thread : threads) thread.join();
    CHECK(failures == std::vector<int>(clients, 0));

    const mock::stats_snapshot stats = server.stats();
    CHECK(stats.requests == 2 * clients * rounds);
    CHECK(stats.executions("POST /api/v1/sourcing") == clients * rounds);
    CHECK(stats.connections_accepted == clients);
    raw_client check{server};
    const json::value leads = check.get("/api/v1/sourcing?pageSize=1", server.keys().admin.key).json();
    CHECK(leads.at("pagination").at("totalCount") == 500 + clients * rounds);
    const json::value usage = check.get("/api/admin/api-keys/apikey_read_only/usage?limit=500", server.keys().admin.key).json();
    CHECK(usage.at("data").at("rows").as_array().size() == static_cast<std::size_t>(clients * rounds));
}
