// GET /api/v1/cv-screening/batches/{batchId} (§7.25): only members the caller can see are
// counted and listed; a batch without visible members does not exist for the caller.
#include "../access.hpp"
#include "../handlers.hpp"
#include "../json_render.hpp"

#include <boost/json/array.hpp>

namespace talentray::mock::detail {
namespace json = boost::json;

http_response get_cv_screening_batch(request_context& context) {
    std::vector<std::string> problems;
    const auto page = read_page_request(context.query, problems);
    if (!problems.empty()) return v1_bad_request("Invalid query parameter(s)", problems);

    const batch_record* batch = context.state.find_batch(context.params[0]);
    std::vector<const lead_record*> members;
    if (batch != nullptr) {
        for (const std::string& id : batch->member_ids) {
            const lead_record* lead = context.state.find_lead(id);
            if (lead != nullptr && can_see_lead(*context.user, *lead)) members.push_back(lead);
        }
    }
    if (members.empty()) return v1_error(http::status::not_found, "not_found", "CV-screening batch not found");

    std::size_t processing = 0;
    for (const lead_record* lead : members) processing += lead->processing ? 1 : 0;
    const std::size_t first = page_start(page->page, page->page_size, members.size());
    const std::size_t last = std::min(members.size(), first + page->page_size);
    json::array items;
    for (std::size_t i = first; i < last; ++i) items.push_back(render_lead(*members[i], context.state.roles()));

    http_response response = json_response(
        http::status::ok, json::object{{"batchId", batch->id},
                                       {"status", processing > 0 ? "processing" : "completed"},
                                       {"totalCandidates", members.size()},
                                       {"completedCandidates", members.size() - processing},
                                       {"processingCandidates", processing},
                                       {"data", std::move(items)},
                                       {"pagination", offset_pagination(page->page, page->page_size, members.size())}});
    // Screening progresses as the batch is polled; this read shows the state before it.
    context.state.count_batch_read(*batch, context.now_seconds());
    return response;
}

}  // namespace talentray::mock::detail
