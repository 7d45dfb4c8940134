// `talentray bench` against the in-process mock at a known limit (60 requests per 2 s, so the
// runs stay short): what it reports is compared with what the mock counted.
#include "cli_fixture.hpp"

#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>

using namespace cli_test;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

constexpr auto mock_latency = 20ms;

mock::server_options limited(mock::limit_shape shape = mock::limit_shape::sliding) {
    mock::server_options options = cli_fixture::default_options();
    options.limit = {60, 2000ms, shape, 1};
    options.faults.latency = mock_latency;
    return options;
}

// The connection arguments, with the mock's limit as the key's configured limit.
outcome bench(const cli_fixture& f, std::vector<std::string> arguments) {
    std::vector<std::string> all = {"--base-url", f.server.base_url(), "--ca-file", f.ca_file.string(),
                                    "--rate-limit", "60/2s", "bench"};
    all.insert(all.end(), arguments.begin(), arguments.end());
    return run(talentray_program(), all, f.environment(f.server.keys().employer.key));
}

json::object read_json(const std::filesystem::path& file) {
    boost::system::error_code ec;
    json::value value = json::parse(read_text(file), ec);
    REQUIRE_FALSE(ec);
    REQUIRE(value.is_object());
    return value.as_object();
}

std::uint64_t number(const json::object& o, const char* name) { return o.at(name).to_number<std::uint64_t>(); }

std::uint64_t mock_requests(const cli_fixture& f) {
    const mock::stats_snapshot stats = f.server.stats();
    const auto it = stats.requests_by_key.find(f.server.keys().employer.id);
    return it == stats.requests_by_key.end() ? 0 : it->second;
}

}  // namespace

TEST_CASE("bench run: at 50%, 90% and 120% of the limit, requests and 429s are what the mock counted") {
    for (const char* share : {"50%", "90%", "120%"}) {
        DYNAMIC_SECTION("rate " << share) {
            const cli_fixture f{limited()};
            const auto figures = f.scratch / "run.json";
            const outcome result = bench(f, {"run", "--op", "candidates.list", "--op", "candidates.get", "--rate", share,
                                             "--duration", "4s", "--json", figures.string()});
            INFO(result.err);
            REQUIRE(result.exit_status == 0);
            const json::object run = read_json(figures);
            const mock::stats_snapshot stats = f.server.stats();
            CHECK(number(run, "requests") + number(run, "setup_requests") == mock_requests(f));
            CHECK(number(run, "rate_limited") == stats.rate_limited);
            CHECK(result.out.find("latency p99.9") != std::string::npos);
            if (std::string(share) != "120%") {
                CHECK(stats.rate_limited == 0);
                // Open loop: every scheduled call was sent, 4 s at 15/s or 27/s.
                CHECK(number(run, "calls") == (std::string(share) == "50%" ? 60u : 108u));
            } else {
                CHECK(stats.rate_limited > 0);
            }
        }
    }
}

TEST_CASE("bench run: the latency histogram agrees with the mock's added latency") {
    const cli_fixture f{limited()};
    const auto figures = f.scratch / "run.json";
    const outcome result =
        bench(f, {"run", "--op", "me", "--rate", "10/s", "--duration", "2s", "--json", figures.string()});
    INFO(result.err);
    REQUIRE(result.exit_status == 0);
    const json::object latency = read_json(figures).at("latency_ms").as_object();
    const double floor_ms = 20.0 * (1 - 1.0 / 1024);
    // Each call waits at least the mock's latency; loopback TLS adds a little, a new connection more.
    CHECK(latency.at("p50").to_number<double>() >= floor_ms);
    CHECK(latency.at("p50").to_number<double>() <= 20.0 + 25.0);
    CHECK(latency.at("p90").to_number<double>() <= 20.0 + 40.0);
    CHECK(latency.at("count").to_number<std::uint64_t>() == 20);
}

TEST_CASE("bench run --no-scheduler: sends at the rate without retries and meets the server's 429s") {
    const cli_fixture f{limited()};
    const auto figures = f.scratch / "run.json";
    const outcome result = bench(f, {"run", "--op", "me", "--rate", "150%", "--duration", "3s", "--no-scheduler",
                                     "--json", figures.string()});
    INFO(result.err);
    REQUIRE(result.exit_status == 0);
    const json::object run = read_json(figures);
    CHECK(number(run, "calls") == 135);
    CHECK(number(run, "requests") == 135);
    CHECK(number(run, "retries") == 0);
    CHECK(number(run, "rate_limited") == f.server.stats().rate_limited);
    CHECK(number(run, "rate_limited") > 0);
    CHECK(run.at("errors_by_kind").as_object().at("rate limited").to_number<std::uint64_t>() == number(run, "rate_limited"));
}

TEST_CASE("bench run: writes are refused, and a bad rate is named") {
    const cli_fixture f{limited()};
    const outcome write = bench(f, {"run", "--op", "candidates.update"});
    CHECK(write.exit_status == 2);
    CHECK(write.err.find("'candidates.update' changes data") != std::string::npos);
    const outcome rate = bench(f, {"run", "--op", "me", "--rate", "fast"});
    CHECK(rate.exit_status == 2);
    CHECK(rate.err.find("--rate: 'fast'") != std::string::npos);
    CHECK(mock_requests(f) == 0);
}

namespace {

// The sourcing leads whose name carries the run's mark, read with the employer key.
std::size_t leads_named(const cli_fixture& f, const std::string& run_id) {
    std::size_t found = 0;
    for (const json::value& row : f.offset_rows("/api/v1/sourcing", f.server.keys().employer.key))
        if (std::string_view(row.at("fullName").as_string()).starts_with("bench-" + run_id + "-")) ++found;
    return found;
}

}  // namespace

TEST_CASE("bench run --allow-writes: a read and a write at 50 %: requests are what the mock counted") {
    const cli_fixture f{limited()};
    const auto figures = f.scratch / "run.json";
    const outcome result = bench(f, {"run", "--op", "candidates.list", "--op", "sourcing.create", "--allow-writes",
                                     "--organization", "org_acme", "--rate", "50%", "--duration", "2s", "--json",
                                     figures.string()});
    INFO(result.err);
    REQUIRE(result.exit_status == 0);
    const json::object run = read_json(figures);
    CHECK(number(run, "requests") + number(run, "setup_requests") == mock_requests(f));
    CHECK(number(run, "rate_limited") == f.server.stats().rate_limited);
    CHECK(number(run, "calls") == 30);
    CHECK(number(run, "succeeded") == 30);
    CHECK(number(run, "created") == 15);
    CHECK(number(run, "created_left") == 15);
    const std::string run_id{run.at("run_id").as_string()};
    CHECK(result.out.find("15 created (named bench-" + run_id + "-*)") != std::string::npos);
    CHECK(leads_named(f, run_id) == 15);
}

TEST_CASE("bench run --allow-writes --yes: deletes and updates act on the leads the run created") {
    const cli_fixture f{limited()};
    const std::size_t leads_before = f.offset_rows("/api/v1/sourcing", f.server.keys().employer.key).size();
    const auto figures = f.scratch / "run.json";
    const outcome result = bench(f, {"run", "--op", "sourcing.delete", "--op", "sourcing.update", "--allow-writes",
                                     "--yes", "--organization", "org_acme", "--rate", "10/s", "--duration", "1s",
                                     "--json", figures.string()});
    INFO(result.err);
    REQUIRE(result.exit_status == 0);
    const json::object run = read_json(figures);
    CHECK(number(run, "succeeded") == 10);
    CHECK(number(run, "created") == 6);  // five to delete, one to update
    CHECK(number(run, "deleted") == 5);
    CHECK(number(run, "updated") == 5);
    CHECK(number(run, "created_left") == 1);
    CHECK(leads_named(f, std::string(run.at("run_id").as_string())) == 1);
    CHECK(f.offset_rows("/api/v1/sourcing", f.server.keys().employer.key).size() == leads_before + 1);
}

TEST_CASE("bench run: a write needs --allow-writes, a delete --yes as well, a lead its organization") {
    const cli_fixture f{limited()};
    const outcome write = bench(f, {"run", "--op", "me", "--op", "sourcing.create", "--organization", "org_acme"});
    CHECK(write.exit_status == 2);
    CHECK(write.err.find("'sourcing.create' changes data") != std::string::npos);
    CHECK(write.err.find("--allow-writes") != std::string::npos);
    const outcome remove =
        bench(f, {"run", "--op", "sourcing.delete", "--allow-writes", "--organization", "org_acme"});
    CHECK(remove.exit_status == 2);
    CHECK(remove.err.find("(sourcing.delete)") != std::string::npos);
    CHECK(remove.err.find("pass --yes") != std::string::npos);
    const outcome overwrite = bench(f, {"run", "--op", "candidates.update", "--allow-writes"});
    CHECK(overwrite.exit_status == 2);
    CHECK(overwrite.err.find("(candidates.update)") != std::string::npos);
    const outcome no_organization = bench(f, {"run", "--op", "sourcing.create", "--allow-writes"});
    CHECK(no_organization.exit_status == 2);
    CHECK(no_organization.err.find("--organization ORG_ID") != std::string::npos);
    CHECK(mock_requests(f) == 0);
}

namespace {

/// Probes a mock limited to 60 per 2 s in `shape`: the probe must report a window, its limit and
/// length within 5 %, at most 7 429s, and the mock's own counts.
void probe_finds_window(mock::limit_shape shape) {
    const cli_fixture f{limited(shape)};
    const auto findings = f.scratch / "probe.json";
    const outcome result = bench(f, {"probe", "--json", findings.string()});
    INFO(result.err << result.out);
    REQUIRE(result.exit_status == 0);
    const json::object probe = read_json(findings);
    CHECK(probe.at("shape") == "window");
    CHECK(number(probe, "limit") >= 57);
    CHECK(number(probe, "limit") <= 63);
    CHECK(probe.at("window_seconds").to_number<double>() == Approx(2.0).epsilon(0.05));
    CHECK(number(probe, "rate_limited") <= 7);
    CHECK(number(probe, "rate_limited") == f.server.stats().rate_limited);
    CHECK(number(probe, "requests") == mock_requests(f));
}

}  // namespace

TEST_CASE("bench probe: finds a sliding window's limit and length within 5 % with a handful of 429s") {
    probe_finds_window(mock::limit_shape::sliding);
}

TEST_CASE("bench probe: finds a fixed window's limit and length within 5 % with a handful of 429s") {
    probe_finds_window(mock::limit_shape::fixed);
}

TEST_CASE("bench probe: reads a token bucket as its refill rate within 5 % and its burst, with no window") {
    mock::server_options options = limited(mock::limit_shape::bucket);
    options.limit = {30, 1000ms, mock::limit_shape::bucket, 10};  // 30/s, a bucket of 10
    const cli_fixture f{options};
    const auto findings = f.scratch / "probe.json";
    const outcome result = bench(f, {"probe", "--json", findings.string()});
    INFO(result.err << result.out);
    REQUIRE(result.exit_status == 0);
    const json::object probe = read_json(findings);
    CHECK(probe.at("shape") == "bucket");
    CHECK(probe.at("rate_per_second").to_number<double>() == Approx(30.0).epsilon(0.05));
    CHECK(probe.at("burst").to_number<double>() == Approx(10.0).margin(2.0));
    CHECK_FALSE(probe.contains("window_seconds"));
    CHECK_FALSE(probe.contains("limit"));
    CHECK(result.out.find("shape       bucket-like: burst ") == 0);
    CHECK(result.out.find("window") == result.out.find("window to report"));
    CHECK(number(probe, "rate_limited") <= 7);
    CHECK(number(probe, "rate_limited") == f.server.stats().rate_limited);
    CHECK(number(probe, "requests") == mock_requests(f));
}

TEST_CASE("bench export-estimate: one request for the count, then pages over the rate") {
    const cli_fixture f{limited()};
    const auto estimate_file = f.scratch / "estimate.json";
    const outcome result =
        bench(f, {"export-estimate", "candidates", "--rate", "10/s", "--json", estimate_file.string()});
    INFO(result.err);
    REQUIRE(result.exit_status == 0);
    CHECK(mock_requests(f) == 1);
    // What the key sees, read with another key so that the count above stays the estimate's.
    const std::size_t rows = f.offset_rows("/api/v1/candidates", f.server.keys().read_only.key).size();
    const std::size_t pages = (rows + 99) / 100;
    const json::object estimate = read_json(estimate_file);
    CHECK(number(estimate, "rows") == rows);
    CHECK(number(estimate, "pages") == pages);
    // At 10/s after the opening burst of 1 (60 per window), and a round trip.
    const double paced = static_cast<double>(pages - 1) / 10.0;
    CHECK(estimate.at("seconds").to_number<double>() >= paced);
    CHECK(estimate.at("seconds").to_number<double>() < paced + 0.5);
    CHECK(estimate.at("low_seconds").to_number<double>() <= estimate.at("seconds").to_number<double>());
    CHECK(estimate.at("high_seconds").to_number<double>() >= static_cast<double>(pages) / 10.0);
    CHECK(result.out.find("candidates: " + std::to_string(rows) + " rows in " + std::to_string(pages) +
                          " pages of 100; at 10.00 requests/s about ") == 0);
}

namespace {

std::optional<std::string> find_chromium() {
    for (const char* dir : {"/usr/bin", "/usr/local/bin", "/snap/bin"}) {
        const std::filesystem::path candidate = std::filesystem::path(dir) / "chromium";
        if (std::filesystem::exists(candidate)) return candidate.string();
    }
    return std::nullopt;
}

// The text of the element with `id` in a serialised DOM, or nothing.
std::optional<std::string> element_text(const std::string& dom, const std::string& id) {
    const std::string opening = "id=\"" + id + "\"";
    const auto at = dom.find(opening);
    if (at == std::string::npos) return std::nullopt;
    const auto start = dom.find('>', at);
    const auto end = dom.find('<', start);
    if (start == std::string::npos || end == std::string::npos) return std::nullopt;
    return dom.substr(start + 1, end - start - 1);
}

std::optional<std::string> attribute(const std::string& dom, const std::string& id, const std::string& name) {
    const auto at = dom.find("id=\"" + id + "\"");
    if (at == std::string::npos) return std::nullopt;
    const auto tag_start = dom.rfind('<', at);
    const auto tag_end = dom.find('>', at);
    const std::string tag = dom.substr(tag_start, tag_end - tag_start);
    const auto value = tag.find(name + "=\"");
    if (value == std::string::npos) return std::nullopt;
    const auto from = value + name.size() + 2;
    return tag.substr(from, tag.find('"', from) - from);
}

}  // namespace

TEST_CASE("bench run --report: the page rendered by a browser shows the figures of --json") {
    const std::optional<std::string> chromium = find_chromium();
    if (!chromium) {
        WARN("skipped: chromium is not installed (scripts/install-deps.sh chromium installs it)");
        return;
    }
    const cli_fixture f{limited()};
    const auto figures = f.scratch / "run.json";
    const auto page = f.scratch / "report.html";
    const outcome result = bench(f, {"run", "--op", "candidates.list", "--rate", "120%", "--duration", "3s", "--json",
                                     figures.string(), "--report", page.string()});
    INFO(result.err);
    REQUIRE(result.exit_status == 0);
    const json::object run_figures = read_json(figures);

    std::map<std::string, std::string> env{{"HOME", f.scratch.path().string()}};
    const outcome rendered = run(*chromium,
                                 {"--headless", "--disable-gpu", "--no-sandbox", "--dump-dom", "file://" + page.string()},
                                 env, std::nullopt);
    INFO(rendered.err);
    REQUIRE(rendered.exit_status == 0);
    const std::string& dom = rendered.out;
    REQUIRE(dom.find("data-rendered=\"yes\"") != std::string::npos);
    for (const char* count : {"calls", "succeeded", "failed", "requests", "rate_limited", "retries", "admitted"})
        CHECK(element_text(dom, count) == std::to_string(number(run_figures, count)));
    const json::object& latency = run_figures.at("latency_ms").as_object();
    for (const char* q : {"p50", "p90", "p99", "p99_9", "max"}) {
        const auto shown = element_text(dom, q);
        REQUIRE(shown);
        CHECK(std::stod(*shown) == Approx(latency.at(q).to_number<double>()).margin(0.0005));
    }
    const json::array& seconds = run_figures.at("per_second").as_array();
    std::uint64_t admitted = 0, refused = 0;
    for (const json::value& second : seconds) {
        admitted += second.at("admitted").to_number<std::uint64_t>();
        refused += second.at("rate_limited").to_number<std::uint64_t>();
    }
    CHECK(attribute(dom, "admitted_plot", "data-points") == std::to_string(seconds.size()));
    CHECK(attribute(dom, "admitted_plot", "data-total") == std::to_string(admitted));
    CHECK(attribute(dom, "rate_limited_plot", "data-total") == std::to_string(refused));
    CHECK(refused == number(run_figures, "rate_limited"));
    CHECK(dom.find("<polyline") != std::string::npos);
    // Self-contained: nothing is fetched from anywhere.
    const std::string html = read_text(page);
    CHECK(html.find("http://") == html.rfind("http://www.w3.org/2000/svg"));
    CHECK(html.find("https://") == std::string::npos);
    CHECK(html.find(" src=") == std::string::npos);
}
