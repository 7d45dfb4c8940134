// /api/v1/tests, /{id}, PATCH /{id} (§7.17-7.19). Question content is never part of the mock.
#include "../access.hpp"
#include "../handlers.hpp"
#include "../json_render.hpp"

#include <boost/json/array.hpp>

namespace talentray::mock::detail {
namespace json = boost::json;
namespace {

http_response test_not_found() { return v1_error(http::status::not_found, "not_found", "Test not found"); }

test_record* visible_test(request_context& context, std::string_view id) {
    test_record* test = context.state.find_test(id);
    return test != nullptr && can_see_test(*context.user, *test) ? test : nullptr;
}

bool is_language_code(std::string_view text) {
    return text.size() == 2 && text[0] >= 'a' && text[0] <= 'z' && text[1] >= 'a' && text[1] <= 'z';
}

}  // namespace

http_response list_tests(request_context& context) {
    std::vector<std::string> problems;
    const auto page = read_page_request(context.query, problems);
    const auto type = read_filter(context.query, "type", problems);
    const auto category = read_filter(context.query, "analysisCategory", problems);
    const auto language = read_filter(context.query, "language", problems);
    if (!problems.empty()) return v1_bad_request("Invalid query parameter(s)", problems);

    std::vector<const test_record*> matching;
    for (const test_record& test : context.state.tests()) {
        if (!can_see_test(*context.user, test)) continue;
        if (type && test.type != *type) continue;
        if (category && test.analysis_category != *category) continue;
        if (language && test.language != *language) continue;
        matching.push_back(&test);
    }
    list_rows rows;
    rows.list = "tests";
    rows.id_prefix = "test_";
    if (type) rows.filters += "&type=" + std::string(*type);
    if (category) rows.filters += "&category=" + std::string(*category);
    if (language) rows.filters += "&language=" + std::string(*language);
    if (!rows.filters.empty()) rows.filters[0] = '?';
    rows.count = matching.size();
    rows.id_of = [&](std::size_t i) { return std::string(matching[i]->id); };
    rows.render = [&](std::size_t i) { return render_test(*matching[i]); };
    return list_page(context, *page, rows);
}

http_response get_test(request_context& context) {
    const test_record* test = visible_test(context, context.params[0]);
    if (test == nullptr) return test_not_found();
    return json_response(http::status::ok, render_test(*test));
}

http_response update_test(request_context& context) {
    const object_body body = parse_object_body(context.body);
    if (!body.object) return v1_bad_request("Invalid request body", {body.problem});
    field_reader fields{*body.object};
    auto name = fields.non_empty_string("name");
    auto description = fields.string("description");
    auto category = fields.non_empty_string("analysisCategory");
    auto language = fields.string("language");
    auto type = fields.non_empty_string("type");
    auto persona = fields.nullable_string("targetPersona");
    auto duration = fields.integer_within("duration", 1, 1440);
    std::vector<std::string> problems = fields.problems();
    if (language && !is_language_code(*language)) {
        problems.emplace_back("language must be a two-letter ISO 639-1 code");
        language.reset();
    }
    if (!problems.empty()) return v1_bad_request("Invalid field(s)", problems);
    if (!fields.saw_known_field())
        return v1_bad_request("No updatable fields", {"body must contain at least one of name, description, "
                                                      "analysisCategory, language, type, targetPersona, duration"});

    test_record* test = visible_test(context, context.params[0]);
    if (test == nullptr) return test_not_found();
    if (!can_write_test(*context.user, *test))
        return v1_error(http::status::forbidden, "forbidden",
                        test->is_public() ? "Platform-global tests can only be changed by an admin"
                                          : "The key's owner lacks employer-write authority in the test's organizations");

    if (name) test->name = std::move(*name);
    if (description) test->description = std::move(*description);
    if (category) test->analysis_category = std::move(*category);
    if (language) test->language = std::move(*language);
    if (type) test->type = std::move(*type);
    if (persona) test->target_persona = std::move(*persona);
    if (duration) test->duration = *duration;
    test->updated_at = context.now_seconds();
    context.record_write();
    return json_response(http::status::ok, render_test(*test));
}

}  // namespace talentray::mock::detail
