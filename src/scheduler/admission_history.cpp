#include "scheduler/admission_history.hpp"

#include <algorithm>

namespace talentray::detail {

void admission_history::on_admit(time_point now) {
    // Two windows: a 429 arrives a latency after its admission and looks one window back.
    while (!admissions_.empty() && saturating_add(admissions_.front().at, window_ + window_) < now)
        admissions_.pop_front();
    if (admissions_.size() >= max_entries_ && !admissions_.empty()) admissions_.pop_front();
    admissions_.push_back({now});
}

void admission_history::on_refused(time_point admitted_at) noexcept {
    auto it = std::lower_bound(admissions_.begin(), admissions_.end(), admitted_at,
                               [](const admission& a, time_point t) { return a.at < t; });
    // Several admissions can share an instant: mark one not yet marked.
    for (; it != admissions_.end() && it->at == admitted_at; ++it) {
        if (!it->refused) {
            it->refused = true;
            return;
        }
    }
}

std::uint64_t admission_history::accepted_before(time_point sent_at) const noexcept {
    const time_point from = sent_at - window_;
    std::uint64_t accepted = 0;
    for (const admission& a : admissions_)
        if (a.at >= from && a.at < sent_at && !a.refused) ++accepted;
    return accepted;
}

}  // namespace talentray::detail
