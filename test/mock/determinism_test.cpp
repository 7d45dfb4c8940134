// Seeded data: the same seed gives byte-identical pages, a different seed different data, and a
// million candidates cost no more than the pages read.
#include "mock_fixture.hpp"

#include <catch2/catch.hpp>

using namespace mock_test;

namespace {

mock::server_options seeded(std::uint64_t seed) {
    mock::server_options options = plain_options();
    options.seed = seed;
    return options;
}

const std::vector<std::string> pages{
    "/api/v1/candidates?page=0&pageSize=100",
    "/api/v1/candidates?page=7&pageSize=50",
    "/api/v1/candidates/cand_777/steps",
    "/api/v1/roles?pageSize=100",
    "/api/v1/roles/role_eng_be/steps",
    "/api/v1/tests?pageSize=100",
    "/api/v1/sourcing?page=2&pageSize=100",
    "/api/v1/cv-screening/batches/batch_2026_05_20",
    "/api/admin/api-keys/apikey_employer/usage?limit=500&before=2026-06-04T00:00:00Z",
    "/api/public/portal/acme",
};

}  // namespace

TEST_CASE("determinism: two servers with the same seed serve byte-identical pages") {
    plain_server first{seeded(7)};
    plain_server second{seeded(7)};
    CHECK(first.keys().employer.key == second.keys().employer.key);
    CHECK(first.keys().admin.key == second.keys().admin.key);
    for (const std::string& target : pages) {
        const reply a = first.client.get(target, first.keys().admin.key);
        const reply b = second.client.get(target, second.keys().admin.key);
        INFO(target);
        REQUIRE(a.status == 200);
        CHECK(a.body == b.body);
    }
}

TEST_CASE("determinism: a different seed gives different data and keys") {
    plain_server first{seeded(7)};
    plain_server other{seeded(8)};
    CHECK(first.keys().employer.key != other.keys().employer.key);
    for (const std::string target : {"/api/v1/candidates?pageSize=100", "/api/v1/sourcing?pageSize=100",
                                     "/api/admin/api-keys/apikey_employer/usage?limit=50&before=2026-06-04T00:00:00Z"}) {
        INFO(target);
        CHECK(first.client.get(target, first.keys().admin.key).body != other.client.get(target, other.keys().admin.key).body);
    }
}

TEST_CASE("scale: a million candidates are generated on demand") {
    mock::server_options options = plain_options();
    options.candidates = 1'000'000;
    plain_server mock{options};
    const json::value last = mock.client.get("/api/v1/candidates?page=9999&pageSize=100", mock.keys().admin.key).json();
    CHECK(last.at("pagination") == json::parse(R"({"page":9999,"pageSize":100,"totalCount":1000000,"totalPages":10000})"));
    CHECK(last.at("data").at(99).at("id") == "cand_1000000");
    CHECK(mock.client.get("/api/v1/candidates/cand_1000000", mock.keys().admin.key).status == 200);

    const json::value employer = mock.client.get("/api/v1/candidates?page=2000", mock.keys().employer.key).json();
    const auto total = employer.at("pagination").at("totalCount").as_int64();
    CHECK(total > 480'000);
    CHECK(total < 520'000);
    CHECK(employer.at("data").as_array().size() == 20);
}
