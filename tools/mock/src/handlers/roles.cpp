// /api/v1/roles, /{id}, PATCH /{id}, /{id}/steps (§7.13-7.16).
#include "../access.hpp"
#include "../handlers.hpp"
#include "../json_render.hpp"

#include <boost/json/array.hpp>

namespace talentray::mock::detail {
namespace json = boost::json;
namespace {

http_response role_not_found() { return v1_error(http::status::not_found, "not_found", "Role not found"); }

role_record* visible_role(request_context& context, std::string_view id) {
    role_record* role = context.state.find_role(id);
    return role != nullptr && can_see_role(*context.user, *role) ? role : nullptr;
}

template <class T>
void assign_if(std::optional<T>& value, T& target) {
    if (value) target = std::move(*value);
}

}  // namespace

http_response list_roles(request_context& context) {
    std::vector<std::string> problems;
    const auto page = read_page_request(context.query, problems);
    const auto organization_id = read_filter(context.query, "organizationId", problems);
    const auto status = read_filter(context.query, "status", problems);
    if (!problems.empty()) return v1_bad_request("Invalid query parameter(s)", problems);

    std::vector<const role_record*> matching;
    for (const role_record& role : context.state.roles()) {
        if (!can_see_role(*context.user, role)) continue;
        if (organization_id && role.organization_id != *organization_id) continue;
        if (status && role.status != *status) continue;
        matching.push_back(&role);
    }
    list_rows rows;
    rows.list = "roles";
    rows.id_prefix = "role_";
    if (organization_id) rows.filters += "&organization_id=" + std::string(*organization_id);
    if (status) rows.filters += "&status=" + std::string(*status);
    if (!rows.filters.empty()) rows.filters[0] = '?';
    rows.count = matching.size();
    rows.id_of = [&](std::size_t i) { return std::string(matching[i]->id); };
    rows.render = [&](std::size_t i) { return render_role(*matching[i]); };
    return list_page(context, *page, rows);
}

http_response get_role(request_context& context) {
    const role_record* role = visible_role(context, context.params[0]);
    if (role == nullptr) return role_not_found();
    return json_response(http::status::ok, render_role(*role));
}

http_response update_role(request_context& context) {
    const object_body body = parse_object_body(context.body);
    if (!body.object) return v1_bad_request("Invalid request body", {body.problem});
    field_reader fields{*body.object};
    auto name = fields.non_empty_string("name");
    auto status = fields.non_empty_string("status");
    auto priority = fields.nullable_string("priority");
    auto department = fields.nullable_string("department");
    auto location = fields.nullable_string("location");
    auto work_type = fields.nullable_choice("workType", {"remote", "hybrid", "onsite"});
    auto salary_min = fields.nullable_integer("salaryMin");
    auto salary_max = fields.nullable_integer("salaryMax");
    auto salary_currency = fields.nullable_string("salaryCurrency");
    auto salary_period = fields.nullable_string("salaryPeriod");
    auto target_hire_count = fields.nullable_integer("targetHireCount");
    auto role_level = fields.nullable_string("roleLevel");
    auto is_public = fields.boolean("isPublic");
    if (!fields.problems().empty()) return v1_bad_request("Invalid field(s)", fields.problems());
    if (!fields.saw_known_field())
        return v1_bad_request("No updatable fields",
                              {"body must contain at least one of name, status, priority, department, location, "
                               "workType, salaryMin, salaryMax, salaryCurrency, salaryPeriod, targetHireCount, "
                               "roleLevel, isPublic"});

    role_record* role = visible_role(context, context.params[0]);
    if (role == nullptr) return role_not_found();
    if (!can_write_role(*context.user, *role))
        return v1_error(http::status::forbidden, "forbidden",
                        "The key's owner lacks employer-write authority in the role's organization");

    assign_if(name, role->name);
    assign_if(status, role->status);
    assign_if(priority, role->priority);
    assign_if(department, role->department);
    assign_if(location, role->location);
    assign_if(work_type, role->work_type);
    assign_if(salary_min, role->salary_min);
    assign_if(salary_max, role->salary_max);
    assign_if(salary_currency, role->salary_currency);
    assign_if(salary_period, role->salary_period);
    assign_if(target_hire_count, role->target_hire_count);
    assign_if(role_level, role->role_level);
    assign_if(is_public, role->is_public);
    role->updated_at = context.now_seconds();
    context.record_write();
    return json_response(http::status::ok, render_role(*role));
}

http_response list_role_steps(request_context& context) {
    const role_record* role = visible_role(context, context.params[0]);
    if (role == nullptr) return role_not_found();
    json::array items;
    for (const role_step_record& step : role->steps) items.push_back(render_role_step(step));
    return json_response(http::status::ok, json::object{{"data", std::move(items)}});
}

}  // namespace talentray::mock::detail
