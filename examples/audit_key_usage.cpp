// Audit an API key: read its usage log, newest first, back to a given instant, and summarise
// the requests by method and path with when each was first and last seen — the questions an
// admin asks before revoking a key ("what still uses it?").
//
//   export TALENTRAY_API_KEY=tr_...          # a key whose owner is a platform admin
//   audit_key_usage apikey_xyz789 [2026-06-01T00:00:00Z]
#include <talentray/api/api_keys.hpp>
#include <talentray/client.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <exception>
#include <iostream>
#include <map>
#include <optional>
#include <string>

namespace asio = boost::asio;
namespace tr = talentray;

namespace {

struct route_usage {
    std::int64_t requests = 0;
    tr::timestamp first_seen;
    tr::timestamp last_seen;
};

asio::awaitable<void> audit(tr::api_keys_api keys, std::string key_id, std::optional<tr::timestamp> since) {
    std::map<std::string, route_usage> by_route;  // "GET /api/v1/candidates" -> usage
    tr::api_key_usage_params params;
    params.limit = tr::max_usage_limit;

    std::optional<tr::api_key_usage_key> key;
    bool reached_since = false;
    while (!reached_since) {
        const tr::api_key_usage page = co_await keys.usage_page(key_id, params);
        key = page.key;
        for (const tr::api_key_usage_row& row : page.rows) {
            if (since && row.timestamp < *since) {
                reached_since = true;
                break;
            }
            route_usage& usage = by_route[row.method + ' ' + row.path];
            if (usage.requests++ == 0) usage.last_seen = row.timestamp;  // newest first
            usage.first_seen = row.timestamp;
        }
        // Follow the cursor: the next page holds the rows strictly older than this one's last.
        if (!page.pagination.has_more || !page.pagination.next_before) break;
        params.before = page.pagination.next_before;
    }

    std::cout << "key " << key->id << " (" << key->name.value_or("unnamed") << "), owner " << key->owner.email << ", "
              << key->request_count << " request(s) in total\n";
    for (const auto& [route, usage] : by_route)
        std::cout << usage.requests << '\t' << route << "\tfirst " << usage.first_seen << "\tlast " << usage.last_seen
                  << '\n';
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: " << argv[0] << " <key id> [since, ISO 8601]\n";
        return 2;
    }
    std::optional<tr::timestamp> since;
    if (argc > 2) {
        auto parsed = tr::timestamp::parse(argv[2]);
        if (!parsed) {
            std::cerr << parsed.error() << '\n';
            return 2;
        }
        since = *parsed;
    }
    try {
        asio::io_context io;
        const tr::client api{io.get_executor(), tr::client_options::from_env()};
        std::exception_ptr failure;
        asio::co_spawn(io, audit(api.api_keys(), argv[1], since), [&failure](std::exception_ptr e) { failure = e; });
        io.run();
        if (failure) std::rethrow_exception(failure);
        return 0;
    } catch (const tr::error& e) {
        // A key whose owner is not an admin gets `forbidden` here.
        std::cerr << "audit failed: " << e.what() << '\n';
        return 1;
    }
}
