// GET /api/v1/cv-screening/batches/{batchId} (§7.25): visible members only, offset pages,
// processing until screening finishes.
#include "mock_fixture.hpp"

#include <catch2/catch.hpp>

using namespace mock_test;
using http::verb;

namespace {

json::value batch(plain_server& mock, const std::string& key, const std::string& target) {
    const reply res = mock.client.get("/api/v1/cv-screening/batches/" + target, key);
    REQUIRE(res.status == 200);
    return res.json();
}

}  // namespace

TEST_CASE("cv batch: counts, status, members and pagination side by side (§7.25)") {
    plain_server mock;
    const json::value body = batch(mock, mock.keys().employer.key, "batch_2026_06_01");
    CHECK(keys_of(body) == std::vector<std::string>{"batchId", "status", "totalCandidates", "completedCandidates",
                                                    "processingCandidates", "data", "pagination"});
    CHECK(body.at("batchId") == "batch_2026_06_01");
    CHECK(body.at("status") == "completed");
    CHECK(body.at("totalCandidates") == 25);
    CHECK(body.at("completedCandidates") == 25);
    CHECK(body.at("processingCandidates") == 0);
    CHECK(body.at("pagination") == json::parse(R"({"page":0,"pageSize":20,"totalCount":25,"totalPages":2})"));
    CHECK(body.at("data").at(0).at("id") == "pc_1");
    CHECK(body.at("data").as_array().size() == 20);

    const json::value second = batch(mock, mock.keys().employer.key, "batch_2026_06_01?page=1");
    CHECK(second.at("data").as_array().size() == 5);
    CHECK(second.at("data").at(4).at("id") == "pc_25");
    CHECK(mock.client.get("/api/v1/cv-screening/batches/batch_2026_06_01?pageSize=-1", mock.keys().employer.key).status ==
          400);
}

TEST_CASE("cv batch: only members the key can see are counted; none visible is 404") {
    plain_server mock;
    const json::value mixed_admin = batch(mock, mock.keys().admin.key, "batch_2026_05_20");
    CHECK(mixed_admin.at("totalCandidates") == 10);
    const json::value mixed_employer = batch(mock, mock.keys().employer.key, "batch_2026_05_20");
    CHECK(mixed_employer.at("totalCandidates") == 3);
    CHECK(mixed_employer.at("pagination").at("totalCount") == 3);

    CHECK(batch(mock, mock.keys().admin.key, "batch_2026_05_02").at("totalCandidates") == 8);
    const reply invisible = mock.client.get("/api/v1/cv-screening/batches/batch_2026_05_02", mock.keys().employer.key);
    CHECK(invisible.status == 404);
    CHECK(invisible.json().at("error") == "not_found");
    CHECK(mock.client.get("/api/v1/cv-screening/batches/batch_nope", mock.keys().admin.key).status == 404);
    CHECK(batch(mock, mock.keys().read_only.key, "batch_2026_06_01").at("totalCandidates") == 25);
}

TEST_CASE("cv batch: processing until its members are screened over successive polls") {
    plain_server mock;  // batch_polls_to_complete = 4, four members processing
    const std::string& key = mock.keys().employer.key;
    std::vector<std::int64_t> processing;
    for (int poll = 0; poll < 6; ++poll) {
        const json::value body = batch(mock, key, "batch_2026_06_02?pageSize=100");
        processing.push_back(integer(body, "processingCandidates"));
        CHECK(integer(body, "totalCandidates") == 12);
        CHECK(integer(body, "completedCandidates") + integer(body, "processingCandidates") == 12);
        CHECK(body.at("status") == (processing.back() > 0 ? "processing" : "completed"));
        for (const json::value& member : body.at("data").as_array()) {
            if (member.at("status") == "processing") CHECK(member.at("skills").as_array().empty());
        }
    }
    CHECK(processing == std::vector<std::int64_t>{4, 3, 2, 1, 0, 0});
    CHECK(mock.client.get("/api/v1/sourcing/pc_34", key).json().at("status") == "parsed");
}
