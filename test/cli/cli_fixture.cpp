#include "cli_fixture.hpp"
#include "mock_client.hpp"

#include <talentray/client.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>

namespace cli_test {
namespace {

namespace asio = boost::asio;
namespace tr = talentray;

tr::client make_client(asio::io_context& io, const mock::server& server, const std::string& key) {
    return tr::client{io.get_executor(), tr::testing::mock_client_options(server, key)};
}

asio::awaitable<boost::json::value> fetch(const tr::client& client, tr::request_spec request) {
    const tr::response res = co_await client.send(std::move(request));
    co_return res.json();
}

boost::json::value fetch_now(const mock::server& server, const std::string& key, tr::request_spec request) {
    asio::io_context io;
    const tr::client client = make_client(io, server, key);
    auto done = asio::co_spawn(io, fetch(client, std::move(request)), asio::use_future);
    io.run();
    return done.get();
}

}  // namespace

std::string talentray_program() { return TALENTRAY_CLI_EXECUTABLE; }

bool wait_for_file(const std::filesystem::path& file, std::chrono::milliseconds limit) {
    return wait_for_directory_event(file.parent_path(), [&] { return std::filesystem::exists(file); }, limit);
}

bool wait_for_directory_event(const std::filesystem::path& directory, const std::function<bool()>& ready,
                              std::chrono::milliseconds limit) {
    const int watch = ::inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    REQUIRE(watch >= 0);
    // Watching before looking, so that a file appearing in between is not missed.
    REQUIRE(::inotify_add_watch(watch, directory.c_str(), IN_CREATE | IN_MOVED_TO) >= 0);
    const auto deadline = std::chrono::steady_clock::now() + limit;
    bool found = ready();
    while (!found) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        pollfd events{watch, POLLIN, 0};
        ::poll(&events, 1, static_cast<int>(left.count()));
        char buffer[4096];
        while (::read(watch, buffer, sizeof buffer) > 0) {
        }
        found = ready();
    }
    ::close(watch);
    return found;
}

std::vector<boost::json::value> parse_json_lines(const std::string& text) {
    std::vector<boost::json::value> rows;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        REQUIRE(end != std::string::npos);  // every record ends with a newline
        boost::system::error_code ec;
        rows.push_back(boost::json::parse(std::string_view(text).substr(start, end - start), ec));
        INFO(text.substr(start, end - start));
        REQUIRE_FALSE(ec);
        start = end + 1;
    }
    return rows;
}

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            REQUIRE(field.empty());  // a quote only opens a field
            quoted = true;
        } else if (c == ',') {
            record.push_back(std::move(field));
            field.clear();
        } else if (c == '\r') {
            REQUIRE(i + 1 < text.size());
            REQUIRE(text[i + 1] == '\n');  // records end with CRLF
            ++i;
            record.push_back(std::move(field));
            field.clear();
            records.push_back(std::move(record));
            record.clear();
        } else {
            REQUIRE(c != '\n');  // a bare LF only inside quotes
            field += c;
        }
    }
    REQUIRE_FALSE(quoted);
    REQUIRE(record.empty());
    REQUIRE(field.empty());
    return records;
}

mock::server_options cli_fixture::default_options() {
    mock::server_options options;
    options.limit = {0, std::chrono::milliseconds{0}};
    options.candidates = 1200;
    return options;
}

cli_fixture::cli_fixture(mock::server_options options) : server(std::move(options)) {
    ca_file = scratch / "ca.pem";
    write_text(ca_file, server.ca_certificate_pem());
}

std::vector<std::string> cli_fixture::connection_args() const {
    return {"--base-url", server.base_url(), "--ca-file", ca_file.string(), "--rate-limit", "100000/1s",
            "--max-in-flight", "32"};
}

std::map<std::string, std::string> cli_fixture::environment(const std::string& key) const {
    std::map<std::string, std::string> env;
    if (!key.empty()) env["TALENTRAY_API_KEY"] = key;
    return env;
}

outcome cli_fixture::talentray(const std::vector<std::string>& arguments, const std::string& key,
                               const std::optional<std::string>& input, child_streams streams) const {
    std::vector<std::string> all = connection_args();
    all.insert(all.end(), arguments.begin(), arguments.end());
    return run(talentray_program(), all, environment(key), input, streams);
}

std::vector<boost::json::value> cli_fixture::offset_rows(const std::string& path, const std::string& key) const {
    std::vector<boost::json::value> rows;
    for (std::int64_t page = 0;; ++page) {
        tr::request_spec request;
        request.path = path;
        request.query = {{"page", std::to_string(page)}, {"pageSize", "100"}};
        const boost::json::value body = fetch_now(server, key, request);
        for (const auto& row : body.at("data").as_array()) rows.push_back(row);
        if (page + 1 >= body.at("pagination").at("totalPages").as_int64()) break;
    }
    return rows;
}

std::vector<boost::json::value> cli_fixture::usage_rows(const std::string& key_id) const {
    std::vector<boost::json::value> rows;
    std::optional<std::string> before;
    for (;;) {
        tr::request_spec request;
        request.path = "/api/admin/api-keys/" + key_id + "/usage";
        request.query = {{"limit", "500"}};
        if (before) request.query.push_back({"before", *before});
        const boost::json::value body = fetch_now(server, server.keys().admin.key, request);
        const auto& data = body.at("data");
        for (const auto& row : data.at("rows").as_array()) rows.push_back(row);
        if (!data.at("pagination").at("hasMore").as_bool()) break;
        before = std::string(data.at("pagination").at("nextBefore").as_string());
    }
    return rows;
}

std::vector<boost::json::value> cli_fixture::usage_log_in_one_page(const std::string& key_id) const {
    tr::request_spec request;
    request.path = "/api/admin/api-keys/" + key_id + "/usage";
    request.query = {{"limit", "500"}};
    const boost::json::value body = fetch_now(server, server.keys().admin.key, request);
    const auto& data = body.at("data");
    REQUIRE_FALSE(data.at("pagination").at("hasMore").as_bool());
    const auto& rows = data.at("rows").as_array();
    return {rows.begin(), rows.end()};
}

boost::json::value cli_fixture::get_json(const std::string& path, const std::string& key) const {
    tr::request_spec request;
    request.path = path;
    return fetch_now(server, key, request);
}

}  // namespace cli_test
