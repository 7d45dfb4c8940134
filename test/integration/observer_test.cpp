// client_options::observer over TLS against the mock: what typed calls report, and the
// Prometheus example (examples/prometheus_metrics.cpp) run as a program against the mock.
#include "run.hpp"
#include "subprocess.hpp"

#include <talentray/api/candidates.hpp>
#include <talentray/client.hpp>
#include <talentray/mock/server.hpp>
#include <talentray/scheduler/rate_budget.hpp>

#include <boost/asio/io_context.hpp>

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace tr = talentray;
namespace mock = talentray::mock;
using talentray::testing::run;

struct event_capture {
    std::mutex mutex;
    std::vector<tr::request_event> events;
};

tr::client_options observed(const mock::server& server, event_capture& capture) {
    tr::client_options options;
    options.base_url = server.base_url();
    options.tls.ca_pem = server.ca_certificate_pem();
    options.api_key = tr::secret{server.keys().employer.key};
    options.budget = std::make_shared<tr::rate_budget>();
    options.observer = [&capture](const tr::request_event& event) {
        std::lock_guard lock{capture.mutex};
        capture.events.push_back(event);
    };
    return options;
}

asio::awaitable<std::string> first_candidate_then_get(const tr::client& c) {
    tr::list_candidates_params params;
    params.page_size = 1;
    const tr::offset_page<tr::candidate> page = co_await c.candidates().list_page(params);
    const tr::candidate found = co_await c.candidates().get(page.data.at(0).id);
    co_return found.id;
}

#ifdef PROMETHEUS_METRICS_EXECUTABLE
/// One sample line of the text exposition format, split into its parts.
struct sample {
    std::string name;
    std::map<std::string, std::string> labels;
    double value = 0;
};

/// Parses the exposition; fails the test on any line that is not a HELP or TYPE comment or a
/// well-formed sample of a family whose TYPE came before it.
std::vector<sample> parse_exposition(const std::string& text) {
    static const std::regex comment{R"(# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*))"};
    static const std::regex sample_line{R"(([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+))"};
    static const std::regex label{R"(([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)\"(,|$))"};
    std::map<std::string, std::string> types;
    std::vector<sample> samples;
    std::istringstream lines{text};
    for (std::string line; std::getline(lines, line);) {
        INFO("line: " << line);
        std::smatch m;
        if (line.starts_with("#")) {
            REQUIRE(std::regex_match(line, m, comment));
            if (m[1] == "TYPE") {
                REQUIRE(std::set<std::string>{"counter", "gauge", "histogram", "summary", "untyped"}.count(m[3]) == 1);
                types[m[2]] = m[3];
            }
            continue;
        }
        REQUIRE(std::regex_match(line, m, sample_line));
        sample s;
        s.name = m[1];
        std::string family = s.name;
        for (const char* suffix : {"_bucket", "_sum", "_count"})
            if (!types.count(family) && family.ends_with(suffix)) family.resize(family.size() - std::strlen(suffix));
        REQUIRE(types.count(family) == 1);
        const std::string labels = m[3];
        std::size_t consumed = 0;
        for (auto it = std::sregex_iterator(labels.begin(), labels.end(), label); it != std::sregex_iterator(); ++it) {
            REQUIRE(static_cast<std::size_t>(it->position()) == consumed);  // nothing skipped between labels
            s.labels[(*it)[1]] = (*it)[2];
            consumed += static_cast<std::size_t>(it->length());
        }
        REQUIRE(consumed == labels.size());
        const std::string value = m[4];
        s.value = value == "+Inf" ? HUGE_VAL : std::stod(value);
        samples.push_back(std::move(s));
    }
    return samples;
}

std::string without(std::map<std::string, std::string> labels, const std::string& name) {
    labels.erase(name);
    std::string key;
    for (const auto& [k, v] : labels) key += k + "=" + v + ";";
    return key;
}

#endif

}  // namespace

TEST_CASE("observer: typed calls report their operation and route template, never the id") {
    mock::server server{mock::server_options{}};
    event_capture capture;
    asio::io_context io;
    const tr::client c{io.get_executor(), observed(server, capture)};
    const std::string id = run(io, first_candidate_then_get(c));
    REQUIRE(capture.events.size() == 2);
    const tr::request_event& listed = capture.events[0];
    CHECK(listed.operation == "list_candidates");
    CHECK(listed.route == "/api/v1/candidates");
    CHECK(listed.http_status == 200);
    const tr::request_event& got = capture.events[1];
    CHECK(got.operation == "get_candidate");
    CHECK(got.route == "/api/v1/candidates/{id}");
    CHECK(got.route.find(id) == std::string_view::npos);
    CHECK(got.method == tr::http_method::get);
}

TEST_CASE("observer: a new TLS connection reports its connect and handshake, a reused one neither") {
    mock::server server{mock::server_options{}};
    event_capture capture;
    asio::io_context io;
    const tr::client c{io.get_executor(), observed(server, capture)};
    run(io, first_candidate_then_get(c));
    REQUIRE(server.stats().connections_accepted == 1);
    REQUIRE(capture.events.size() == 2);
    const tr::request_event& first = capture.events[0];
    CHECK_FALSE(first.connection_reused);
    CHECK(first.connect > tr::request_event::duration::zero());
    CHECK(first.tls_handshake > tr::request_event::duration::zero());
    CHECK(first.first_byte > tr::request_event::duration::zero());
    CHECK(first.total >= first.connect + first.tls_handshake + first.first_byte);
    CHECK(first.bytes_out > 0);
    CHECK(first.bytes_in > 0);
    const tr::request_event& second = capture.events[1];
    CHECK(second.connection_reused);
    CHECK(second.connect == tr::request_event::duration::zero());
    CHECK(second.tls_handshake == tr::request_event::duration::zero());
}

#ifdef PROMETHEUS_METRICS_EXECUTABLE
TEST_CASE("prometheus example: its exposition parses, and its counts agree with the calls it made") {
    mock::server server{mock::server_options{}};
    const auto ca_file =
        std::filesystem::temp_directory_path() / ("talentray_observer_ca_" + std::to_string(::getpid()) + ".pem");
    std::ofstream{ca_file} << server.ca_certificate_pem();
    constexpr int fetched = 3;
    const auto ran = cli_test::run(PROMETHEUS_METRICS_EXECUTABLE, {std::to_string(fetched)},
                                   {{"TALENTRAY_BASE_URL", server.base_url()},
                                    {"TALENTRAY_CA_FILE", ca_file.string()},
                                    {"TALENTRAY_API_KEY", server.keys().employer.key}});
    std::filesystem::remove(ca_file);
    INFO("stderr: " << ran.err);
    REQUIRE(ran.exit_status == 0);
    CHECK(ran.out.find(server.keys().employer.key) == std::string::npos);

    const std::vector<sample> samples = parse_exposition(ran.out);
    std::map<std::string, double> attempts;  // labels -> attempts
    std::map<std::string, double> counts;    // labels -> histogram count
    std::map<std::string, double> infinite;  // labels -> le="+Inf" bucket
    std::map<std::string, double> last_bucket;
    double total_attempts = 0;
    for (const sample& s : samples) {
        for (const auto& [name, value] : s.labels) CHECK(value.find("cand_") == std::string::npos);
        const std::string key = without(s.labels, "le");
        if (s.name == "talentray_attempts_total") {
            attempts[key] = s.value;
            total_attempts += s.value;
        } else if (s.name == "talentray_request_duration_seconds_count") {
            counts[key] = s.value;
        } else if (s.name == "talentray_request_duration_seconds_bucket") {
            CHECK(s.value >= last_bucket[key]);  // cumulative
            last_bucket[key] = s.value;
            if (s.labels.at("le") == "+Inf") infinite[key] = s.value;
        }
    }
    // me, one page, `fetched` candidates, one missing candidate; nothing was retried.
    CHECK(total_attempts == fetched + 3);
    CHECK(total_attempts == static_cast<double>(server.stats().requests));
    CHECK(counts == attempts);
    CHECK(infinite == attempts);
    CHECK(attempts[without({{"operation", "get_candidate"}, {"route", "/api/v1/candidates/{id}"}, {"method", "GET"},
                            {"status", "200"}},
                           "")] == fetched);
    CHECK(attempts[without({{"operation", "get_candidate"}, {"route", "/api/v1/candidates/{id}"}, {"method", "GET"},
                            {"status", "404"}},
                           "")] == 1);
    CHECK(attempts[without({{"operation", "get_me"}, {"route", "/api/v1/me"}, {"method", "GET"}, {"status", "200"}},
                           "")] == 1);
}
#endif
