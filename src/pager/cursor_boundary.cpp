#include "pager/cursor_boundary.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>

namespace talentray::detail {
namespace json = boost::json;
namespace {

error_info bad_row(std::size_t index, std::string_view what) {
    return make_error_info(errc::invalid_response, "usage log page: rows[" + std::to_string(index) + "]." +
                                                       std::string(what) +
                                                       "; the walk needs each row's id and timestamp to "
                                                       "tell rows at a page boundary apart");
}

result<row_mark> mark_of(const json::value& row, std::size_t index) {
    const json::object* object = row.if_object();
    if (object == nullptr) return bad_row(index, "is not an object");
    const json::value* id = object->if_contains("id");
    if (id == nullptr || !id->is_string() || id->get_string().empty())
        return bad_row(index, "id is missing or not a non-empty string");
    const json::value* at = object->if_contains("timestamp");
    if (at == nullptr || !at->is_string()) return bad_row(index, "timestamp is missing or not a string");
    auto parsed = timestamp::parse(at->get_string());
    if (!parsed) return bad_row(index, "timestamp: " + parsed.error().diag.client_message);
    return row_mark{std::string(id->get_string()), *parsed};
}

result<row_mark> mark_of_text(std::string_view text, std::size_t index) {
    boost::system::error_code ec;
    const json::value row = json::parse(text, ec);
    if (ec) return bad_row(index, "is not JSON");
    return mark_of(row, index);
}

}  // namespace

result<std::vector<row_mark>> read_row_marks(const raw_page& page) {
    std::vector<row_mark> marks;
    marks.reserve(page.row_count());
    for (std::size_t i = 0; i < page.row_count(); ++i) {
        result<row_mark> mark = page.rows.empty() ? mark_of_text(page.row_texts[i], i) : mark_of(page.rows[i], i);
        if (!mark) return std::move(mark).error();
        marks.push_back(std::move(*mark));
    }
    return marks;
}

bool handed_out(const row_mark& row, const std::optional<cursor_boundary>& boundary) {
    if (!boundary) return false;
    if (row.at != boundary->at) return row.at > boundary->at;
    return std::find(boundary->ids.begin(), boundary->ids.end(), row.id) != boundary->ids.end();
}

std::optional<cursor_boundary> boundary_after(const std::optional<cursor_boundary>& previous,
                                              std::span<const row_mark> rows) {
    if (rows.empty()) return previous;
    const auto oldest = std::min_element(rows.begin(), rows.end(),
                                         [](const row_mark& a, const row_mark& b) { return a.at < b.at; })->at;
    cursor_boundary out{oldest, {}};
    if (previous && previous->at == oldest) out.ids = previous->ids;
    for (const row_mark& row : rows)
        if (row.at == oldest) out.ids.push_back(row.id);
    return out;
}

timestamp::duration ask_again_margin(std::span<const row_mark> page_rows) noexcept {
    const bool fractions = std::any_of(page_rows.begin(), page_rows.end(), [](const row_mark& row) {
        return row.at.to_sys_time() != std::chrono::floor<std::chrono::seconds>(row.at.to_sys_time());
    });
    if (fractions) return std::chrono::milliseconds{1};
    return std::chrono::seconds{1};
}

timestamp ask_again_before(const cursor_boundary& boundary, timestamp::duration margin,
                           const std::optional<timestamp>& previous_before) {
    const timestamp ahead{boundary.at.to_sys_time() + margin};
    if (previous_before && *previous_before < ahead) return *previous_before;
    return ahead;
}

}  // namespace talentray::detail
