#include "scheduler/learned_limit.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <utility>

namespace talentray::detail {

namespace {

// Probing stops when the limit that holds is this close to the one refused: closer, a probe
// would gain less than it costs (a 429, a pause, and the requests then in flight).
constexpr double settled_gap = 0.03;

// Holds a learned limit stays unquestioned: the key's other users may have gone, or the
// server's limit may have been raised.
constexpr int retest_after_holds = 10;

}  // namespace

learned_limit::learned_limit(double ceiling, settings s, time_point now) noexcept
    : ceiling_(ceiling), current_(ceiling), settings_(s), clean_from_(now) {}

// --- What the limit is measured against ---------------------------------------------------------

void learned_limit::on_admit(time_point now) {
    // Two windows: a 429 arrives a latency after its admission and looks one window back.
    while (!admissions_.empty() && saturating_add(admissions_.front().at, settings_.window + settings_.window) < now)
        admissions_.pop_front();
    if (admissions_.size() >= settings_.remembered && !admissions_.empty()) admissions_.pop_front();
    admissions_.push_back({now});
}

void learned_limit::on_refused(time_point admitted_at) noexcept {
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

std::uint64_t learned_limit::accepted_before(time_point sent_at) const noexcept {
    const time_point from = sent_at - settings_.window;
    std::uint64_t accepted = 0;
    for (const admission& a : admissions_)
        if (a.at >= from && a.at < sent_at && !a.refused) ++accepted;
    return accepted;
}

// --- Learning ----------------------------------------------------------------------------------

void learned_limit::lower_to(double limit) noexcept { current_ = std::clamp(limit, floor(), current_); }

bool learned_limit::on_rate_limited(time_point sent_at, std::optional<std::uint64_t> accepted,
                                    time_point recovery_from, time_point now) noexcept {
    const double before = current_;
    if (last_decrease_ && sent_at <= *last_decrease_) {
        // In flight when the server started refusing: the same overload. The last decrease
        // counted it as accepted if it was admitted in that window; it was not.
        if (counted_ && sent_at >= counted_->first && sent_at < counted_->second) {
            lower_to(current_ - 1);
            if (refused_) refused_ = std::min(*refused_, current_ + 1);
        }
        return current_ != before;
    }
    last_decrease_ = now;
    clean_from_ = std::max(now, recovery_from);
    last_success_.reset();
    clean_ = duration::zero();
    settled_holds_ = 0;
    refused_ = std::min(refused_.value_or(current_), current_);
    // A limit that held clean is a better landing than a blind cut, unless it is the one refused.
    if (held_ && *held_ >= current_) held_.reset();

    const double deepest = current_ * settings_.decrease_factor;
    counted_.reset();
    if (accepted && double(*accepted) < current_ && double(*accepted) > deepest) {
        // The server's own count, as far as this process sees it: trusted, so probing does not
        // go back above it (one more than it was refused).
        lower_to(double(*accepted));
        refused_ = std::min(*refused_, double(*accepted) + 1);
        counted_.emplace(sent_at - settings_.window, sent_at);
    } else if (held_) {
        lower_to(std::max(*held_, deepest));
    } else {
        lower_to(deepest);
    }
    return current_ != before;
}

bool learned_limit::on_success(time_point now) noexcept {
    if (now < clean_from_ || current_ >= ceiling_) return false;
    const time_point since = std::max(last_success_.value_or(clean_from_), clean_from_);
    last_success_ = now;
    // Two request intervals at the current limit, at least a second: gaps longer than that are
    // idle time, which says nothing about whether the limit holds.
    const duration interval = std::chrono::duration_cast<duration>(settings_.window / std::max(1.0, current_));
    const duration gap_cap = std::max<duration>(std::chrono::seconds{1}, 2 * interval);
    clean_ += std::min(now - since, gap_cap);
    if (clean_ < settings_.hold) return false;
    clean_ = duration::zero();
    held_ = current_;
    return probe();
}

bool learned_limit::probe() noexcept {
    const double upper = std::min(refused_.value_or(ceiling_ + 1), ceiling_ + 1);
    const double target = std::min(ceiling_, std::floor((current_ + upper) / 2));
    if (upper - current_ > std::max(1.0, settled_gap * current_) && target > current_) {
        current_ = target;
        return true;
    }
    // Settled: as close to the refused limit as is worth a 429.
    if (!refused_ || ++settled_holds_ < retest_after_holds) return false;
    // Long enough clean at the learned limit: question it again, halfway to the ceiling.
    refused_.reset();
    settled_holds_ = 0;
    return probe();
}

bool learned_limit::set_ceiling(double ceiling) noexcept {
    ceiling_ = ceiling;
    const double kept = std::clamp(current_, floor(), ceiling_);
    const bool changed = kept != current_;
    current_ = kept;
    return changed;
}

}  // namespace talentray::detail
