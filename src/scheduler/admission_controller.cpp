#include "scheduler/admission_controller.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace talentray::detail {

namespace {

std::string seconds_text(duration d) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f s", to_seconds(d));
    return text;
}

std::string rate_text(double per_second) {
    char text[48];
    std::snprintf(text, sizeof text, "%.2f requests/s", per_second);
    return text;
}

duration clamp_non_negative(duration d) noexcept { return std::max(d, duration::zero()); }

// Attempts remembered for the sent-window check and for measuring 429s: enough for any real
// per-key limit, and a bound on memory for budgets configured as practically unlimited.
constexpr std::size_t max_remembered = std::size_t{1} << 16;

// Changes of rate and burst kept for the counters: enough to tell a story, bounded.
constexpr std::size_t max_changes = 32;

// With no burst configured, a budget opens with this one and grows it as the server accepts
// deeper bursts: some limiters allow far fewer requests at once than their rate suggests.
constexpr std::uint32_t opening_burst = 2;

pace::burst_settings burst_settings_for(const scheduler_options& options) {
    if (options.burst) return {*options.burst, *options.burst, limit_cause::configured};
    return {burst_for(options), opening_burst, limit_cause::opening};
}

}  // namespace

std::string admission_shortfall::describe() const {
    std::string out;
    if (deadline_reached && waited == duration::zero()) {
        out = "the deadline had already passed when admission was requested";
    } else if (deadline_reached) {
        out = "deadline reached after " + seconds_text(waited) + " in the admission queue";
    } else {
        out = "admission would take at least " + seconds_text(earliest) + " but the deadline is " +
              (until_deadline > duration::zero() ? "in " + seconds_text(until_deadline) : "already past");
    }
    out += ": " + std::to_string(ahead) + (ahead == 1 ? " request" : " requests") + " ahead at " +
           rate_text(rate_per_second) + ", " + std::to_string(in_flight) + " of " + std::to_string(max_in_flight) +
           " in flight";
    if (pause_remaining > duration::zero())
        out += ", key paused for " + seconds_text(pause_remaining) + " more (429 or exhausted rate-limit window)";
    return out;
}

admission_controller::admission_controller(const scheduler_options& options, time_point now)
    : max_in_flight_(options.max_in_flight),
      window_length_(options.window),
      configured_limit_(options.requests_per_window),
      default_pause_(options.default_pause),
      max_pause_(options.max_pause),
      pause_jitter_(options.pause_jitter),
      sync_from_headers_(options.sync_from_headers),
      pace_(options.requests_per_window, options.window, burst_settings_for(options), now),
      window_(options.window, std::min<std::size_t>(options.requests_per_window, max_remembered)),
      limit_(double(options.requests_per_window),
             {options.rate_decrease_factor, options.min_rate_fraction,
              std::chrono::duration_cast<duration>(rate_recovery_period_for(options)),
              std::chrono::duration_cast<duration>(options.window),
              std::min<std::size_t>(2 * std::size_t{options.requests_per_window}, max_remembered)},
             now),
      queue_(options.bulk_admission_interval),
      burst_cause_(pace_.burst_cause()),
      created_at_(now) {}

waiter_id admission_controller::enqueue(priority prio, time_point deadline, time_point now, wake_list& wake) {
    const waiter_id id = ++last_id_;
    record r{prio, deadline, now};
    const std::size_t ahead = queue_.ahead_of_newcomer(prio);
    const time_point earliest = earliest_admission(ahead, now);
    r.estimate = earliest > now ? earliest : time_point::max();
    if (deadline != time_point::max()) {
        if (earliest >= deadline) {
            // Fail fast: no need to wait to learn that waiting cannot help.
            r.state = waiter_state::expired;
            r.shortfall = shortfall(r, ahead, earliest, now);
            r.shortfall.deadline_reached = deadline <= now;
            ++deadline_failures_;
            records_.emplace(id, r);
            return id;
        }
    }
    queue_.push(id, prio);
    records_.emplace(id, r);
    pump(now, wake);
    std::erase(wake, id);
    return id;
}

waiter_status admission_controller::poll(waiter_id id, time_point now, wake_list& wake) {
    const auto found = records_.find(id);
    if (found == records_.end()) return {};
    record& r = found->second;
    if (r.state == waiter_state::queued && now >= r.deadline) {
        const std::size_t ahead = position_of(id);
        auto why = shortfall(r, ahead, earliest_admission(ahead, now), now);
        why.deadline_reached = true;
        expire(id, r, why, wake);
    }
    pump(now, wake);
    std::erase(wake, id);

    waiter_status status;
    status.state = r.state;
    switch (r.state) {
    case waiter_state::granted:
        status.admitted_at = r.admitted_at;
        status.waited = r.admitted_at - r.enqueued_at;
        status.depth = r.depth;
        ++admitted_;
        if (status.waited > duration::zero()) {
            ++waited_;
            total_wait_ += status.waited;
            max_wait_ = std::max(max_wait_, status.waited);
        }
        records_.erase(found);
        break;
    case waiter_state::expired:
        status.shortfall = r.shortfall;
        records_.erase(found);
        break;
    case waiter_state::queued:
        status.wake_at = std::min(r.deadline, own_wake_time(id, r, now));
        if (timekeeper_ == id) {
            // Remember when the timekeeper will look again, to know whether a new, earlier
            // ready time needs to wake it.
            if (next_ready_) status.wake_at = std::min(status.wake_at, *next_ready_);
            timekeeper_told_ = next_ready_.value_or(time_point::max());
        }
        break;
    case waiter_state::unknown: break;
    }
    return status;
}

void admission_controller::withdraw(waiter_id id, time_point now, wake_list& wake) {
    const auto found = records_.find(id);
    if (found == records_.end()) return;
    switch (found->second.state) {
    case waiter_state::queued:
        queue_.remove(id);
        ++cancelled_waits_;
        break;
    case waiter_state::granted:
        // Granted, but the request gave up before it could use the permit: nothing was sent.
        --in_flight_;
        pace_.refund(now);
        ++cancelled_waits_;
        break;
    case waiter_state::expired:
    case waiter_state::unknown: break;
    }
    records_.erase(found);
    if (timekeeper_ == id) timekeeper_.reset();
    pump(now, wake);
}

void admission_controller::release(time_point now, wake_list& wake) {
    if (in_flight_ > 0) {
        --in_flight_;
        // Finished, and possibly counted by the server until a window from now.
        window_.on_finish(now);
    }
    pump(now, wake);
}

void admission_controller::on_response(const response_event& event, time_point now, wake_list& wake) {
    ++responses_;
    if (event.http_status == 429) {
        on_refused(event, now);
    } else if (event.http_status > 0 && event.http_status < 500) {
        on_accepted(event, now);
    }
    if (sync_from_headers_ && !event.rate_limit.empty()) apply_rate_limit(event.rate_limit, now);
    pump(now, wake);
}

void admission_controller::on_refused(const response_event& event, time_point now) {
    ++rate_limited_;
    const time_point previous_pause = window_.paused_until();
    const time_point until = saturating_add(now, pause_for(event));
    if (window_.pause_until(until)) {
        // Resume with a single token so waiters come back paced by the rate, not as a burst.
        pace_.hold_until(until, 1.0);
        sweep_due_ = true;
    }
    if (event.admitted_at) limit_.on_refused(*event.admitted_at);
    if (event.depth && event.depth->in_burst()) {
        // Sent ahead of the pace, inside a burst: the server takes fewer at once than this
        // burst, which says nothing about the rate it sustains.
        if (pace_.on_refused_in_burst(*event.depth)) {
            ++burst_decreases_;
            apply_limit(now, limit_cause::burst_refusal);
        }
        return;
    }
    // Without the admission time, a 429 during a pause belongs to the overload that caused it.
    const time_point sent_at = event.admitted_at ? *event.admitted_at
                               : now < previous_pause ? time_point::min()
                                                      : now;
    std::optional<std::uint64_t> accepted;
    if (event.admitted_at) accepted = limit_.accepted_before(*event.admitted_at);
    if (limit_.on_rate_limited(sent_at, accepted, window_.paused_until(), now)) {
        ++rate_decreases_;
        apply_limit(now, limit_cause::rate_refusal);
        sweep_due_ = true;
    }
}

void admission_controller::on_accepted(const response_event& event, time_point now) {
    // The server answered without refusing: the rate may climb back, the burst may grow.
    unhinted_429s_in_a_row_ = 0;
    if (limit_.on_success(now)) {
        ++rate_increases_;
        apply_limit(now, limit_cause::clean_admissions);
    }
    if (event.depth && pace_.on_accepted(*event.depth)) {
        ++burst_increases_;
        apply_limit(now, limit_cause::clean_admissions);
    }
}

duration admission_controller::pause_for(const response_event& event) {
    duration pause;
    if (event.retry_after) {
        unhinted_429s_in_a_row_ = 0;
        pause = std::min<duration>(*event.retry_after, max_pause_);
    } else {
        // No hint from the server: back off further with each such 429 in a row.
        pause = default_pause_;
        for (std::uint32_t i = 0; i < unhinted_429s_in_a_row_ && pause < max_pause_; ++i) pause *= 2;
        pause = std::min(pause, max_pause_);
        ++unhinted_429s_in_a_row_;
    }
    // The jitter spreads resumptions out, but max_pause is the user's promise of the longest
    // wait: a pause already at the cap gets none.
    const duration jitter = to_duration_ceil(to_seconds(pause) * pause_jitter_ * std::clamp(event.jitter, 0.0, 1.0));
    return std::min(pause + jitter, max_pause_);
}

void admission_controller::apply_rate_limit(const rate_limit_info& info, time_point now) {
    bool applied = false;
    if (info.limit) {
        const duration window = info.window ? std::chrono::duration_cast<duration>(*info.window) : window_length_;
        // The server may lower what was configured, never raise it. Its limit, counted over our
        // window, bounds the learned limit; its own bucket shape bounds the pace.
        const double per_our_window = std::floor(double(*info.limit) * to_seconds(window_length_) / to_seconds(window));
        limit_.set_ceiling(std::clamp(per_our_window, 1.0, double(configured_limit_)));
        pace_.advertise(*info.limit, window);
        apply_limit(now, limit_cause::advertised);
        applied = true;
    }
    if (info.remaining) {
        // The server counted up to the request that carried the header; the others still in
        // flight will count against what it reported.
        const std::uint64_t others = in_flight_ > 0 ? in_flight_ - 1 : 0;
        const std::uint64_t left = *info.remaining > others ? *info.remaining - others : 0;
        pace_.limit_tokens(double(left), now);
        if (info.reset) {
            const duration reset = std::min<duration>(*info.reset, max_pause_);
            window_.report(left, saturating_add(now, reset), now);
            if (window_.exhausted(now)) sweep_due_ = true;
        }
        applied = true;
    }
    if (applied) ++header_syncs_;
}

void admission_controller::apply_limit(time_point now, limit_cause cause) {
    const pace::change change = pace_.reshape(limit_.current(), now);
    if (change.rate) {
        record_change(limit_change::quantity::rate, change.rate->first * 60, change.rate->second * 60, cause, now);
        rate_cause_ = cause;
    }
    if (change.burst) {
        record_change(limit_change::quantity::burst, change.burst->first, change.burst->second, cause, now);
        burst_cause_ = cause;
    }
}

void admission_controller::record_change(limit_change::quantity what, double from, double to, limit_cause cause,
                                         time_point now) {
    if (changes_.size() == max_changes) changes_.pop_front();
    changes_.push_back({what, std::chrono::duration_cast<std::chrono::nanoseconds>(now - created_at_), from, to, cause});
}

time_point admission_controller::ready_at(time_point now) const noexcept {
    const time_point t = pace_.time_for(1.0, window_.opens_at(now));
    // max() when only attempts in flight fill the limit: their release pumps again.
    return window_.time_for(1, in_flight_, limit_.current(), t);
}

time_point admission_controller::earliest_admission(std::size_t ahead, time_point now) const noexcept {
    // A lower bound: the in-flight cap and future interactive arrivals can only delay it more.
    const std::uint64_t needed = std::uint64_t{ahead} + 1;
    const time_point start = std::max(now, window_.paused_until());
    return std::max(pace_.time_for(double(needed), start), window_.earliest(needed, in_flight_, limit_.current(), start));
}

time_point admission_controller::own_wake_time(waiter_id id, record& r, time_point now) {
    if (r.estimate > now) return r.estimate;
    // Due but still queued: the schedule moved (a 429, interactive arrivals, the cap).
    const time_point fresh = earliest_admission(position_of(id), now);
    // Admissible by time alone: only the in-flight cap holds it, and a release will pump.
    r.estimate = fresh > now ? fresh : time_point::max();
    return r.estimate;
}

admission_shortfall admission_controller::shortfall(const record& r, std::size_t ahead, time_point earliest,
                                                    time_point now) const {
    admission_shortfall s;
    s.waited = clamp_non_negative(now - r.enqueued_at);
    s.until_deadline = clamp_non_negative(r.deadline - now);
    s.earliest = clamp_non_negative(earliest - now);
    s.ahead = ahead;
    s.pause_remaining = window_.opens_at(now) - now;
    s.rate_per_second = pace_.rate();
    s.in_flight = in_flight_;
    s.max_in_flight = max_in_flight_;
    return s;
}

std::size_t admission_controller::position_of(waiter_id id) {
    std::size_t position = 0;
    queue_.sweep([&](waiter_id each, std::size_t ahead) {
        if (each == id) position = ahead;
        return false;
    });
    return position;
}

void admission_controller::expire(waiter_id id, record& r, admission_shortfall why, wake_list& wake) {
    queue_.remove(id);
    r.state = waiter_state::expired;
    r.shortfall = why;
    ++deadline_failures_;
    if (timekeeper_ == id) timekeeper_.reset();
    wake.push_back(id);
}

// Also refreshes every queued waiter's estimate on the way: the schedule just got later.
void admission_controller::fail_unreachable(time_point now, wake_list& wake) {
    queue_.sweep([&](waiter_id id, std::size_t ahead) {
        record& r = records_.at(id);
        const time_point earliest = earliest_admission(ahead, now);
        if (r.deadline == time_point::max() || earliest < r.deadline) {
            // Its timer may still be set earlier; it will find this estimate when it wakes.
            if (earliest > now) r.estimate = earliest;
            return false;
        }
        r.state = waiter_state::expired;
        r.shortfall = shortfall(r, ahead, earliest, now);
        ++deadline_failures_;
        if (timekeeper_ == id) timekeeper_.reset();
        wake.push_back(id);
        return true;  // the sweep takes it out of the queue
    });
}

void admission_controller::pump(time_point now, wake_list& wake) {
    if (sweep_due_) {
        sweep_due_ = false;
        fail_unreachable(now, wake);
    }
    std::optional<time_point> next_ready;
    while (const auto next = queue_.next()) {
        if (in_flight_ >= max_in_flight_) break;  // a release will pump again
        const time_point ready = ready_at(now);
        if (ready > now) {
            next_ready = ready;
            break;
        }
        const admission_depth depth = pace_.try_admit(now).value_or(admission_depth{});
        window_.on_admit(now);
        limit_.on_admit(now);
        queue_.pop_next();
        ++in_flight_;
        record& r = records_.at(*next);
        r.state = waiter_state::granted;
        r.admitted_at = now;
        r.depth = depth;
        if (timekeeper_ == *next) timekeeper_.reset();
        wake.push_back(*next);
    }
    appoint_timekeeper(next_ready, wake);
}

void admission_controller::appoint_timekeeper(std::optional<time_point> next_ready, wake_list& wake) {
    next_ready_ = next_ready;
    if (!next_ready) return;  // nothing timed to wait for: events drive the queue
    if (timekeeper_ && queue_.contains(*timekeeper_)) {
        // Wake it only if it would otherwise sleep past the new time.
        if (*next_ready < timekeeper_told_) wake.push_back(*timekeeper_);
        return;
    }
    timekeeper_ = queue_.next();
    timekeeper_told_ = time_point::max();
    wake.push_back(*timekeeper_);
}

void admission_controller::fill(scheduler_counters& out, time_point now) const {
    out.admitted = admitted_;
    out.waited = waited_;
    out.total_wait = total_wait_;
    out.max_wait = max_wait_;
    out.admission_deadline_failures = deadline_failures_;
    out.cancelled_waits = cancelled_waits_;
    out.responses = responses_;
    out.rate_limited_responses = rate_limited_;
    out.rate_decreases = rate_decreases_;
    out.header_syncs = header_syncs_;
    out.rate_increases = rate_increases_;
    out.burst_decreases = burst_decreases_;
    out.burst_increases = burst_increases_;
    out.rate_cause = rate_cause_;
    out.burst = static_cast<std::uint32_t>(pace_.capacity());
    out.burst_ceiling = pace_.burst_ceiling();
    out.burst_cause = burst_cause_;
    out.recent_changes.assign(changes_.begin(), changes_.end());
    out.configured_rate_per_minute = pace_.configured().rate * 60;
    out.current_rate_per_minute = pace_.rate() * 60;
    out.current_requests_per_window = limit_.current();
    out.in_flight = in_flight_;
    out.queued_interactive = static_cast<std::uint32_t>(queue_.size(priority::interactive));
    out.queued_bulk = static_cast<std::uint32_t>(queue_.size(priority::bulk));
    out.pause_remaining = window_.opens_at(now) - now;
}

}  // namespace talentray::detail
