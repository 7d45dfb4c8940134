// JSON mapping of a CV-screening batch: batch fields with the members page beside them.
#include "model/codec.hpp"

namespace talentray::model_json {

constexpr auto schema(model_tag<cv_screening_batch>) {
    using m = cv_screening_batch;
    return std::tuple{required("batchId", &m::batch_id),
                      required("status", &m::status),
                      required("totalCandidates", &m::total_candidates),
                      required("completedCandidates", &m::completed_candidates),
                      required("processingCandidates", &m::processing_candidates),
                      flattened(&m::members)};
}

void read_json(decode_context& ctx, const json::value& json, cv_screening_batch& out) { read_object(ctx, json, out); }
json::value write_json(const cv_screening_batch& in) { return write_object(in); }

}  // namespace talentray::model_json

namespace talentray {

boost::json::value encode(const cv_screening_batch& batch) { return model_json::write_json(batch); }

}  // namespace talentray
