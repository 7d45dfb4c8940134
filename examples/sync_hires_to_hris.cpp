// Sync hires into an HRIS: walk the candidates of one role page by page and, for each one whose
// status says they were hired, print one JSON line an HRIS import can read — who they are and
// the pipeline steps they went through in that role.
//
//   export TALENTRAY_API_KEY=tr_...          # scopes candidates:read and pipeline:read
//   sync_hires_to_hris role_eng_be [Hired] > hires.jsonl
//
// TALENTRAY_BASE_URL selects a dedicated instance; TALENTRAY_CA_FILE a private CA.
#include <talentray/api/candidates.hpp>
#include <talentray/client.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/serialize.hpp>

#include <exception>
#include <iostream>
#include <string>

namespace asio = boost::asio;
namespace json = boost::json;
namespace tr = talentray;

namespace {

json::value optional_text(const std::optional<std::string>& text) {
    return text ? json::value(*text) : json::value(nullptr);
}

json::value optional_time(const std::optional<tr::timestamp>& at) {
    return at ? json::value(at->to_string()) : json::value(nullptr);
}

// One record of the import file. The candidate's steps cover all of their roles; the HRIS only
// wants the ones of the role being synced.
json::object hris_record(const tr::candidate& hire, const std::string& role_id,
                         const std::vector<tr::candidate_step>& steps) {
    json::array pipeline;
    for (const tr::candidate_step& step : steps) {
        if (step.role_id != role_id) continue;
        pipeline.push_back(json::object{{"step", step.name},
                                        {"type", step.step_type},
                                        {"status", step.status},
                                        {"completedAt", optional_time(step.completed_at)}});
    }
    return json::object{{"externalId", hire.id},
                        {"fullName", hire.full_name},
                        {"email", optional_text(hire.email)},
                        {"phone", optional_text(hire.phone)},
                        {"roleId", role_id},
                        {"pipeline", std::move(pipeline)}};
}

// The endpoint group is a cheap handle, taken by value like every coroutine argument.
asio::awaitable<void> sync_hires(tr::candidates_api candidates, std::string role_id, std::string hired_status) {
    // A sync is background work: let interactive calls of the same key go first.
    const tr::call_options bulk{.priority = tr::priority::bulk};
    tr::list_candidates_params params;
    params.role_id = role_id;
    params.page_size = tr::max_page_size;

    int hires = 0;
    for (;;) {
        const tr::offset_page<tr::candidate> page = co_await candidates.list_page(params, bulk);
        for (const tr::candidate& candidate : page.data) {
            if (candidate.status != hired_status) continue;
            const std::vector<tr::candidate_step> steps = co_await candidates.steps(candidate.id, bulk);
            std::cout << json::serialize(hris_record(candidate, role_id, steps)) << '\n';
            ++hires;
        }
        // Pages are 0-indexed; the first answer says how many there are.
        if (++params.page >= page.pagination.total_pages) break;
    }
    std::cerr << hires << " hire(s) of " << role_id << " exported\n";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: " << argv[0] << " <role id> [hired status, default Hired]\n";
        return 2;
    }
    try {
        asio::io_context io;
        const tr::client api{io.get_executor(), tr::client_options::from_env()};
        std::exception_ptr failure;
        asio::co_spawn(io, sync_hires(api.candidates(), argv[1], argc > 2 ? argv[2] : "Hired"),
                       [&failure](std::exception_ptr e) { failure = e; });
        io.run();
        if (failure) std::rethrow_exception(failure);
        return 0;
    } catch (const tr::error& e) {
        // e.what() names the request and the server's answer, e.g. missing scopes.
        std::cerr << "sync failed: " << e.what() << '\n';
        return 1;
    }
}
