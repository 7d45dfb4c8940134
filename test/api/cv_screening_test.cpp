// /api/v1/cv-screening/batches/{batchId} through client::cv_screening().batch() (§7.25).
#include "api_fixture.hpp"

#include <catch2/catch.hpp>

using namespace api_test;

TEST_CASE("cv_screening batch: progress plus one page of members") {
    api_fixture fixture;
    const tr::client employer = fixture.client_for(fixture.keys().employer);

    tr::cv_screening_batch_params params;
    params.page = 1;
    params.page_size = 10;
    const tr::cv_screening_batch batch = fixture.run(employer.cv_screening().batch("batch_2026_06_01", params));
    CHECK(batch.batch_id == "batch_2026_06_01");
    CHECK(batch.status == "completed");
    CHECK(batch.total_candidates == 25);
    CHECK(batch.completed_candidates == 25);
    CHECK(batch.processing_candidates == 0);
    CHECK(batch.members.pagination == tr::offset_pagination{1, 10, 25, 3});
    REQUIRE(batch.members.data.size() == 10);
    CHECK(batch.members.data.front().id == "pc_11");
    CHECK(fixture.last_request_of(fixture.keys().employer) == "GET /api/v1/cv-screening/batches/batch_2026_06_01");
}

TEST_CASE("cv_screening batch: polling a processing batch until it completes") {
    api_fixture fixture;
    const tr::client employer = fixture.client_for(fixture.keys().employer);
    std::vector<std::int64_t> processing;
    for (int poll = 0; poll < 10; ++poll) {
        const auto batch = fixture.run(employer.cv_screening().try_batch("batch_2026_06_02"));
        REQUIRE(batch);
        processing.push_back(batch->processing_candidates);
        if (batch->status == "completed") break;
        CHECK(batch->status == "processing");
    }
    CHECK(processing == std::vector<std::int64_t>{4, 3, 2, 1, 0});
}

TEST_CASE("cv_screening batch: 404 for an unknown batch or one without visible members") {
    api_fixture fixture;
    const tr::client employer = fixture.client_for(fixture.keys().employer);
    for (const char* id : {"batch_nope", "batch_2026_05_02"}) {
        INFO(id);
        const auto missing = fixture.run(employer.cv_screening().try_batch(id));
        REQUIRE_FALSE(missing);
        CHECK(missing.error().code == tr::errc::not_found);
        CHECK(missing.error().diag.api_code == "not_found");
    }
    // The globex-heavy batch shows the employer only its three acme members.
    const auto mixed = fixture.run(employer.cv_screening().batch("batch_2026_05_20"));
    CHECK(mixed.total_candidates == 3);
    CHECK(mixed.members.data.size() == 3);

    const auto refused = fixture.run(employer.cv_screening().try_batch(""));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == tr::errc::invalid_argument);
    CHECK(fixture.route_count("GET /api/v1/cv-screening/batches/{batchId}") == 3);
}
