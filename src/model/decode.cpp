// The public `decode<T>`, instantiated for every model, body and envelope of model_list.hpp.
#include "model/codec.hpp"
#include "model/model_list.hpp"

namespace talentray {

template <json_model T>
result<T> decode(const boost::json::value& json) {
    model_json::decode_context ctx;
    T out{};
    model_json::read_json(ctx, json, out);
    if (ctx.failed()) return ctx.take_error();
    return out;
}

#define TALENTRAY_DECODE(T) template result<T> decode(const boost::json::value&);
#define TALENTRAY_DECODE_OFFSET_PAGE(T) TALENTRAY_DECODE(offset_page<T>)
#define TALENTRAY_DECODE_FULL_LIST(T) TALENTRAY_DECODE(full_list<T>)
#define TALENTRAY_DECODE_LEGACY(T) TALENTRAY_DECODE(legacy_success<T>)
TALENTRAY_PLAIN_MODELS(TALENTRAY_DECODE)
TALENTRAY_OFFSET_ROWS(TALENTRAY_DECODE_OFFSET_PAGE)
TALENTRAY_FULL_LIST_ROWS(TALENTRAY_DECODE_FULL_LIST)
TALENTRAY_LEGACY_PAYLOADS(TALENTRAY_DECODE_LEGACY)
#undef TALENTRAY_DECODE_LEGACY
#undef TALENTRAY_DECODE_FULL_LIST
#undef TALENTRAY_DECODE_OFFSET_PAGE
#undef TALENTRAY_DECODE

}  // namespace talentray
