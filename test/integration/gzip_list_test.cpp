// The SDK's list against the mock over TLS, with compression on and off: the same rows either
// way, and the mock's counters show which walk travelled gzipped.
#include "mock_client.hpp"
#include "run.hpp"

#include <talentray/api/candidates.hpp>
#include <talentray/client.hpp>
#include <talentray/mock/server.hpp>
#include <talentray/model/candidate.hpp>
#include <talentray/pager.hpp>

#include <catch2/catch.hpp>

namespace {

namespace asio = boost::asio;
namespace tr = talentray;
namespace mock = talentray::mock;

struct walk {
    std::vector<std::string> rows;  // id, name and e-mail of every candidate, in order
};

asio::awaitable<std::vector<std::string>> read_all(tr::client& c) {
    tr::list_candidates_params params;
    params.page_size = 100;
    tr::pager<tr::candidate> pager = c.candidates().list(params);
    std::vector<std::string> rows;
    for (;;) {
        auto row = co_await pager.try_next();
        if (!row) throw tr::error(row.error());
        if (!*row) break;
        rows.push_back((*row)->id + " " + (*row)->full_name + " " + (*row)->email.value_or("-"));
    }
    co_return rows;
}

walk list_everything(const mock::server& server, bool compression) {
    auto options = tr::testing::mock_client_options(server, server.keys().employer.key);
    options.compression = compression;
    asio::io_context io;
    tr::client c{io.get_executor(), std::move(options)};
    walk out;
    out.rows = tr::testing::run(io, read_all(c));
    return out;
}

}  // namespace

TEST_CASE("gzip: the candidate list reads the same rows with compression on and off") {
    mock::server_options options;
    options.candidates = 1000;  // the employer's organisation sees about half of them
    options.limit = {0, std::chrono::milliseconds{0}};
    mock::server server{options};

    const walk packed = list_everything(server, true);
    const std::uint64_t gzipped = server.stats().gzip_responses;
    const walk plain = list_everything(server, false);

    REQUIRE(packed.rows.size() > 300);
    CHECK(packed.rows == plain.rows);
    CHECK(gzipped >= packed.rows.size() / 100);       // every full 100-row page
    CHECK(server.stats().gzip_responses == gzipped);  // none while compression was off
}
