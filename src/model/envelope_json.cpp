// JSON mapping of the pagination objects, and the envelope encoders for the element types the
// API returns.
#include "model/codec.hpp"
#include "model/model_list.hpp"

namespace talentray::model_json {

constexpr auto schema(model_tag<offset_pagination>) {
    using m = offset_pagination;
    return std::tuple{required("page", &m::page),
                      required("pageSize", &m::page_size),
                      required("totalCount", &m::total_count),
                      required("totalPages", &m::total_pages)};
}

constexpr auto schema(model_tag<cursor_pagination>) {
    using m = cursor_pagination;
    return std::tuple{required("limit", &m::limit),
                      required("hasMore", &m::has_more),
                      nullable("nextBefore", &m::next_before)};
}

void read_json(decode_context& ctx, const json::value& json, offset_pagination& out) { read_object(ctx, json, out); }
void read_json(decode_context& ctx, const json::value& json, cursor_pagination& out) { read_object(ctx, json, out); }

json::value write_json(const offset_pagination& in) { return write_object(in); }
json::value write_json(const cursor_pagination& in) { return write_object(in); }

}  // namespace talentray::model_json

namespace talentray {

boost::json::value encode(const offset_pagination& pagination) { return model_json::write_json(pagination); }
boost::json::value encode(const cursor_pagination& pagination) { return model_json::write_json(pagination); }

template <class T>
boost::json::value encode(const offset_page<T>& page) {
    return model_json::write_json(page);
}

template <class T>
boost::json::value encode(const full_list<T>& list) {
    return model_json::write_json(list);
}

template <class T>
boost::json::value encode(const legacy_success<T>& envelope) {
    return model_json::write_json(envelope);
}

// The envelopes the API actually uses (model_list.hpp, as for `decode`).
#define TALENTRAY_ENCODE_OFFSET_PAGE(T) template boost::json::value encode(const offset_page<T>&);
#define TALENTRAY_ENCODE_FULL_LIST(T) template boost::json::value encode(const full_list<T>&);
#define TALENTRAY_ENCODE_LEGACY(T) template boost::json::value encode(const legacy_success<T>&);
TALENTRAY_OFFSET_ROWS(TALENTRAY_ENCODE_OFFSET_PAGE)
TALENTRAY_FULL_LIST_ROWS(TALENTRAY_ENCODE_FULL_LIST)
TALENTRAY_LEGACY_PAYLOADS(TALENTRAY_ENCODE_LEGACY)
#undef TALENTRAY_ENCODE_LEGACY
#undef TALENTRAY_ENCODE_FULL_LIST
#undef TALENTRAY_ENCODE_OFFSET_PAGE

}  // namespace talentray
