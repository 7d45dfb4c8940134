// talentray/model/cv_screening.hpp — a CV-screening batch and its visible members.
#pragma once

#include <talentray/model/json.hpp>
#include <talentray/model/pagination.hpp>
#include <talentray/model/sourcing.hpp>

#include <cstdint>
#include <string>

namespace talentray {

/// A CV-screening batch (`CvScreeningBatch`) with one page of its members.
///
/// On the wire the members' `data` and `pagination` sit beside the batch fields; here they are
/// grouped in `members` so that the page can be handled like any other offset page.
struct cv_screening_batch {
    std::string batch_id;
    std::string status;  ///< "processing" while any member is, then "completed"; newer kept
    std::int64_t total_candidates = 0;
    std::int64_t completed_candidates = 0;
    std::int64_t processing_candidates = 0;
    offset_page<potential_candidate> members;  ///< only members visible to the key

    friend bool operator==(const cv_screening_batch&, const cv_screening_batch&) = default;
};

/// JSON of the batch, with `data` and `pagination` flattened beside the batch fields.
boost::json::value encode(const cv_screening_batch& batch);

}  // namespace talentray
