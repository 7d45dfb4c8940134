// The public `decode<T>`, instantiated for every model, body and envelope.
#include "model/codec.hpp"

namespace talentray {

template <json_model T>
result<T> decode(const boost::json::value& json) {
    model_json::decode_context ctx;
    T out{};
    model_json::read_json(ctx, json, out);
    if (ctx.failed()) return ctx.take_error();
    return out;
}

template result<offset_pagination> decode(const boost::json::value&);
template result<cursor_pagination> decode(const boost::json::value&);
template result<offset_page<candidate>> decode(const boost::json::value&);
template result<offset_page<role>> decode(const boost::json::value&);
template result<offset_page<test>> decode(const boost::json::value&);
template result<offset_page<potential_candidate>> decode(const boost::json::value&);
template result<full_list<candidate_step>> decode(const boost::json::value&);
template result<full_list<role_step>> decode(const boost::json::value&);
template result<legacy_success<created_api_key>> decode(const boost::json::value&);
template result<legacy_success<std::vector<api_key>>> decode(const boost::json::value&);
template result<legacy_success<api_key_usage>> decode(const boost::json::value&);

template result<candidate_role_link> decode(const boost::json::value&);
template result<candidate> decode(const boost::json::value&);
template result<candidate_step> decode(const boost::json::value&);
template result<candidate_update> decode(const boost::json::value&);
template result<role> decode(const boost::json::value&);
template result<role_step> decode(const boost::json::value&);
template result<role_update> decode(const boost::json::value&);
template result<test> decode(const boost::json::value&);
template result<test_update> decode(const boost::json::value&);
template result<lead_organization_link> decode(const boost::json::value&);
template result<lead_role_link> decode(const boost::json::value&);
template result<potential_candidate> decode(const boost::json::value&);
template result<potential_candidate_create> decode(const boost::json::value&);
template result<potential_candidate_update> decode(const boost::json::value&);
template result<cv_screening_batch> decode(const boost::json::value&);
template result<me_user> decode(const boost::json::value&);
template result<me_auth> decode(const boost::json::value&);
template result<me> decode(const boost::json::value&);
template result<api_key_owner> decode(const boost::json::value&);
template result<api_key> decode(const boost::json::value&);
template result<create_api_key_request> decode(const boost::json::value&);
template result<created_api_key> decode(const boost::json::value&);
template result<api_key_usage_owner> decode(const boost::json::value&);
template result<api_key_usage_key> decode(const boost::json::value&);
template result<api_key_usage_row> decode(const boost::json::value&);
template result<api_key_usage> decode(const boost::json::value&);
template result<portal_theme> decode(const boost::json::value&);
template result<portal_org> decode(const boost::json::value&);
template result<portal_role> decode(const boost::json::value&);
template result<career_portal> decode(const boost::json::value&);
template result<public_job> decode(const boost::json::value&);
template result<apply_request> decode(const boost::json::value&);
template result<invite> decode(const boost::json::value&);

}  // namespace talentray
