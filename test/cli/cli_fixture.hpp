// The talentray executable against an in-process mock server over TLS: a scratch directory, the
// server's CA in a file, and the API's own pages (read without the pager or the CLI) to compare
// the command's output with.
#pragma once

#include "scratch_files.hpp"

#include "subprocess.hpp"

#include <talentray/mock/server.hpp>

#include <boost/json/value.hpp>

#include <chrono>

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cli_test {

namespace mock = talentray::mock;

/// The built talentray program.
std::string talentray_program();

/// Waits until `file` exists, watching its directory with inotify (no polling), for at most
/// `limit`. Returns whether it exists.
bool wait_for_file(const std::filesystem::path& file, std::chrono::milliseconds limit = std::chrono::seconds{30});

/// Waits until `ready()` holds, asking again each time a file is created in or renamed into
/// `directory` (inotify, no polling), for at most `limit`. Returns whether it holds.
bool wait_for_directory_event(const std::filesystem::path& directory, const std::function<bool()>& ready,
                              std::chrono::milliseconds limit = std::chrono::seconds{30});

/// Splits JSON Lines into parsed values (fails the test on a line that is not JSON).
std::vector<boost::json::value> parse_json_lines(const std::string& text);

/// Splits RFC 4180 CSV into records of fields (fails the test on text that breaks the RFC). A
/// reader written for the tests, separately from the tool's writer.
std::vector<std::vector<std::string>> parse_csv(const std::string& text);

class cli_fixture {
public:
    explicit cli_fixture(mock::server_options options = default_options());

    /// TLS, no rate limit, 1,200 candidates.
    static mock::server_options default_options();

    /// --base-url, --ca-file and a budget that does not slow the tests.
    std::vector<std::string> connection_args() const;

    /// Runs `talentray <connection args> <arguments>` with TALENTRAY_API_KEY = `key` (none when
    /// empty) and nothing else in the environment; `streams` says what its standard streams are.
    outcome talentray(const std::vector<std::string>& arguments, const std::string& key,
                      const std::optional<std::string>& input = {}, child_streams streams = {}) const;
    /// The same with the employer key (every scope, org_acme's owner).
    outcome as_employer(const std::vector<std::string>& arguments, const std::optional<std::string>& input = {},
                        child_streams streams = {}) const {
        return talentray(arguments, server.keys().employer.key, input, streams);
    }
    /// The environment `talentray` uses.
    std::map<std::string, std::string> environment(const std::string& key) const;

    /// Every row of an offset-paged list as the server sends it, read page by page with the SDK's
    /// raw `send` (not the pager), as `key`.
    std::vector<boost::json::value> offset_rows(const std::string& path, const std::string& key) const;

    /// Every row of the usage log of `key_id`, read with raw `send` as the admin key.
    std::vector<boost::json::value> usage_rows(const std::string& key_id) const;

    /// The whole usage log of `key_id` in one answer (limit 500; fails the test if it has more),
    /// read with raw `send` as the admin key: exact whatever the timestamps' resolution.
    std::vector<boost::json::value> usage_log_in_one_page(const std::string& key_id) const;

    /// One answer of the API, read with raw `send`.
    boost::json::value get_json(const std::string& path, const std::string& key) const;

    mock::server server;
    scratch_directory scratch;
    std::filesystem::path ca_file;
};

}  // namespace cli_test
