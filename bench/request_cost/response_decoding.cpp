#include "response_decoding.hpp"

#include <talentray/model/candidate.hpp>
#include <talentray/model/pagination.hpp>

#include <boost/json/parse.hpp>

#include <stdexcept>

namespace talentray::bench {

std::size_t decode_response(workload_kind workload, std::string_view body) {
    boost::json::parse_options options;
    options.max_depth = 64;
    boost::system::error_code ec;
    const boost::json::value json = boost::json::parse(body, ec, {}, options);
    if (ec) throw std::runtime_error("the body is not JSON: " + ec.message());
    if (workload == workload_kind::candidate) {
        auto decoded = decode<candidate>(json);
        if (!decoded) throw std::runtime_error("not a candidate: " + decoded.error().diag.to_string());
        return 1;
    }
    auto decoded = decode<offset_page<candidate>>(json);
    if (!decoded) throw std::runtime_error("not a page of candidates: " + decoded.error().diag.to_string());
    return decoded->data.size();
}

}  // namespace talentray::bench
