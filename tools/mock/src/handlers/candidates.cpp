// /api/v1/candidates, /{id}, PATCH /{id}, /{id}/steps (§7.9-7.12).
#include "../access.hpp"
#include "../handlers.hpp"
#include "../json_render.hpp"

#include <boost/json/array.hpp>

namespace talentray::mock::detail {
namespace json = boost::json;
namespace {

http_response candidate_not_found() { return v1_error(http::status::not_found, "not_found", "Candidate not found"); }

// The candidate's index when it exists and the caller may see it, else 0.
std::uint32_t visible_candidate(request_context& context, std::string_view id) {
    const candidate_generator& generator = context.state.candidates();
    const std::uint32_t index = generator.index_of(id);
    if (index == 0 || !can_see_candidate(*context.user, generator.placement(index), context.state.world())) return 0;
    return index;
}

}  // namespace

http_response list_candidates(request_context& context) {
    std::vector<std::string> problems;
    const auto page = read_page_request(context.query, problems);
    const auto role_id = read_filter(context.query, "roleId", problems);
    if (!problems.empty()) return v1_bad_request("Invalid query parameter(s)", problems);

    std::optional<std::size_t> role_position;
    if (role_id) {
        role_position = context.state.role_position(*role_id);
        if (!role_position) return offset_page({}, page->page, page->page_size, 0);  // no such role: nobody in it
    }
    const std::vector<std::uint32_t>* index = context.state.candidate_index(*context.user, role_position);
    const std::size_t total = index != nullptr ? index->size() : context.state.candidates().count();
    const auto index_at = [&](std::size_t i) {
        return index != nullptr ? (*index)[i] : static_cast<std::uint32_t>(i + 1);
    };
    list_rows rows;
    rows.list = "candidates";
    rows.id_prefix = "cand_";
    if (role_id) rows.filters = "?roleId=" + std::string(*role_id);
    rows.count = total;
    rows.id_of = [&](std::size_t i) { return "cand_" + std::to_string(index_at(i)); };
    rows.render = [&](std::size_t i) { return render_candidate(context.state.candidate(index_at(i)), context.state.roles()); };
    return list_page(context, *page, rows);
}

http_response get_candidate(request_context& context) {
    const std::uint32_t index = visible_candidate(context, context.params[0]);
    if (index == 0) return candidate_not_found();
    return json_response(http::status::ok, render_candidate(context.state.candidate(index), context.state.roles()));
}

http_response update_candidate(request_context& context) {
    const object_body body = parse_object_body(context.body);
    if (!body.object) return v1_bad_request("Invalid request body", {body.problem});
    field_reader fields{*body.object};
    candidate_changes changes;
    changes.full_name = fields.non_empty_string("fullName");
    changes.status = fields.non_empty_string("status");
    changes.email = fields.nullable_email("email");
    changes.phone = fields.nullable_phone("phone");
    changes.summary = fields.nullable_string("summary");
    if (!fields.problems().empty()) return v1_bad_request("Invalid field(s)", fields.problems());
    if (!fields.saw_known_field())
        return v1_bad_request("No updatable fields", {"body must contain at least one of fullName, status, email, "
                                                      "phone, summary"});

    const std::uint32_t index = visible_candidate(context, context.params[0]);
    if (index == 0) return candidate_not_found();
    if (!can_write_candidate(*context.user, context.state.candidates().placement(index), context.state.world()))
        return v1_error(http::status::forbidden, "forbidden",
                        "The key's owner lacks employer-write authority in the candidate's organization");

    changes.updated_at = context.now_seconds();
    context.state.change_candidate(index, changes);
    context.record_write();
    return json_response(http::status::ok, render_candidate(context.state.candidate(index), context.state.roles()));
}

http_response list_candidate_steps(request_context& context) {
    const std::uint32_t index = visible_candidate(context, context.params[0]);
    if (index == 0) return candidate_not_found();
    json::array items;
    for (const candidate_step& step : context.state.candidates().steps(context.state.candidate(index)))
        items.push_back(render_candidate_step(step));
    return json_response(http::status::ok, json::object{{"data", std::move(items)}});
}

}  // namespace talentray::mock::detail
