#include "shared_budget/shared_admission_budget.hpp"

#include "shared_budget/redis_url.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <cmath>

namespace talentray::detail {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

std::int64_t wall_now_us() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void note_time(std::vector<std::int64_t>& timeline) {
    if (timeline.size() < shared_admission_budget::timeline_capacity) timeline.push_back(wall_now_us());
}

constexpr std::chrono::milliseconds longest_probe_backoff{2000};
// The spread between a permit and its request's arrival that the margin held back covers.
constexpr std::chrono::milliseconds margin_time{30};
// A process never waits longer than this between two looks at the shared budget: another
// process's give-back or an expired pause can open it sooner than the script predicted.
constexpr std::chrono::milliseconds longest_wait{1000};
// How long a handed-out permit may go unanswered before it stops holding back the process's
// others: past it a probe is taken as late (charged again) and any other as gone.
constexpr std::chrono::milliseconds cold_response_limit{1000};

scheduler_options fallback_options(scheduler_options o) {
    // Each process alone, not knowing how many others run: a conservative share of the limit.
    o.requests_per_window =
        std::max<std::uint32_t>(2, std::uint32_t(std::floor(o.requests_per_window * o.shared_budget_fallback_share)));
    if (o.burst) o.burst = std::min(*o.burst, o.requests_per_window - 1);
    o.shared_budget.clear();
    return o;
}

error_info admission_cancelled() {
    error_info info{asio::error::operation_aborted, {}};
    info.diag.client_message = "cancelled while waiting for admission";
    return info;
}

}  // namespace

shared_admission_budget::shared_admission_budget(scheduler_options options, std::string key_digest,
                                                 std::string identity, log_handler logger)
    : logger_(std::move(logger)),
      local_(std::make_shared<budget_core>(options, key_digest)),
      fallback_(std::make_shared<budget_core>(fallback_options(options), key_digest)),
      keys_(shared_budget_keys_for(identity)) {
    // Held back: what the limit admits in 30 ms (at least one request). The script counts
    // admissions, the server counts arrivals, and the delay between the two differs from
    // request to request and process to process by tens of milliseconds on a loaded host
    // (new connections' handshakes, late timers); 1 % of the limit was not enough at 100/s.
    const auto window_ms = std::chrono::duration_cast<std::chrono::milliseconds>(options.window);
    const auto margin = std::max<std::uint32_t>(
        1, std::uint32_t(std::ceil(double(options.requests_per_window) * double(margin_time.count()) / double(window_ms.count()))));
    pacing_.requests_per_window =
        std::max<std::uint32_t>(2, options.requests_per_window - std::min(margin, options.requests_per_window / 4));
    pacing_.window = window_ms;
    // Unset, a burst of 1: a shared budget cannot learn a burst from one process's 429s, and
    // the steady rate is (limit - burst - margin) / window.
    pacing_.burst = std::min(options.burst.value_or(1), pacing_.requests_per_window - 1);
    // Reservations up to four slots ahead (at least 100 ms, at most half the window): a slot
    // is claimed when a process asks, not when its timer happens to wake, and a 429 of another
    // process reaches the reserved requests of this one at most that late.
    const auto window_us = std::chrono::duration_cast<std::chrono::microseconds>(pacing_.window);
    const auto interval = window_us / (pacing_.requests_per_window - pacing_.burst);
    pacing_.horizon = std::clamp<std::chrono::microseconds>(4 * interval, std::chrono::milliseconds{100},
                                                            std::max<std::chrono::microseconds>(window_us / 2, std::chrono::milliseconds{100}));
    refusal_template_.decrease_factor = options.rate_decrease_factor;
    refusal_template_.floor = std::max<std::uint32_t>(
        2, std::uint32_t(std::ceil(options.requests_per_window * options.min_rate_fraction)));
    refusal_template_.recovery = rate_recovery_period_for(options);

    redis_.emplace(io_.get_executor(), parse_redis_url(options.shared_budget), options.shared_budget_timeout);
    pump_timer_.emplace(io_);
    asio::co_spawn(io_, pump(), asio::detached);
    thread_ = std::thread([this] { io_.run(); });
}

shared_admission_budget::~shared_admission_budget() {
    asio::post(io_, [this] {
        stopping_ = true;
        answer_all(outcome::cancelled);
        pump_timer_->cancel();
        redis_->close();
    });
    if (thread_.joinable()) thread_.join();
}

asio::awaitable<result<admission_permit>> shared_admission_budget::admit(priority prio, clock::time_point deadline) {
    return admit_on(shared_from_this(), prio, deadline);
}

asio::awaitable<result<admission_permit>> shared_admission_budget::admit_on(
    std::shared_ptr<shared_admission_budget> self, priority prio, clock::time_point deadline) {
    // The process's own queue first: priority order, the in-flight cap and deadlines.
    auto permit = co_await self->local_->admit(prio, deadline);
    if (!permit) co_return permit;

    const outcome got = co_await asio::co_spawn(
        self->io_, self->acquire(prio, deadline, permit->waited(), permit->admitted_at()), asio::use_awaitable);
    switch (got) {
    case outcome::granted: ++self->shared_admissions_; co_return permit;
    case outcome::cancelled: co_return admission_cancelled();
    case outcome::deadline: {
        std::string message = "the shared budget had no permit before the request's deadline";
        if (!self->key_digest().empty()) message = "rate budget " + self->key_digest() + ": " + message;
        co_return make_error_info(errc::admission_deadline, std::move(message));
    }
    case outcome::fallback: break;
    }
    // Redis is unreachable: this process paces itself at its share of the limit.
    auto paced = co_await self->fallback_->admit(prio, deadline);
    if (!paced) co_return paced.error();
    paced->release();  // only its pacing counts; the in-flight slot is the local permit's
    ++self->fallback_admissions_;
    co_return permit;
}

asio::awaitable<shared_admission_budget::outcome> shared_admission_budget::acquire(priority prio,
                                                                                    clock::time_point deadline,
                                                                                    clock::duration local_wait,
                                                                                    clock::time_point admitted_at) {
    if (stopping_) co_return outcome::cancelled;
    if (in_fallback_) co_return outcome::fallback;
    auto w = std::make_shared<waiter>(io_.get_executor());
    w->sleeps_before = pump_sleeps_;
    w->admitted_at = admitted_at;
    w->timer.expires_at(deadline);
    (prio == priority::interactive ? interactive_ : bulk_).push_back(w);
    wake_pump();
    const auto [ec] = co_await w->timer.async_wait(asio::as_tuple(asio::use_awaitable));
    if (w->result == outcome::granted && w->waited_for_slot) note_shared_wait(local_wait, clock::now() - w->enqueued);
    if (w->result) co_return *w->result;
    // Deadline or the caller's cancellation: leave the queue.
    for (auto* queue : {&interactive_, &bulk_}) std::erase(*queue, w);
    co_return ec == asio::error::operation_aborted ? outcome::cancelled : outcome::deadline;
}

void shared_admission_budget::drop_reservations() noexcept {
    reserved_.clear();
    newest_take_left_ = 0;
}

void shared_admission_budget::wake_pump() {
    if (pump_wakes_for_waiters_) pump_timer_->cancel();
}

void shared_admission_budget::answer_all(outcome result) {
    for (auto* queue : {&interactive_, &bulk_}) {
        for (auto& w : *queue) {
            w->result = result;
            w->timer.cancel();
        }
        queue->clear();
    }
}

void shared_admission_budget::hand_out(std::uint32_t permits, std::uint32_t& handed) {
    const std::uint32_t interval = local_->options().bulk_admission_interval;
    while (handed < permits && queued() > 0) {
        // Interactive first, but a bulk request after `interval` interactive ones in a row.
        const bool take_bulk = !bulk_.empty() && (interactive_.empty() || interactive_in_a_row_ >= interval);
        auto& queue = take_bulk ? bulk_ : interactive_;
        interactive_in_a_row_ = take_bulk ? 0 : interactive_in_a_row_ + 1;
        auto w = std::move(queue.front());
        queue.pop_front();
        w->result = outcome::granted;
        w->waited_for_slot = pump_sleeps_ != w->sleeps_before;
        w->timer.cancel();
        ++handed;
        // Beyond the concurrency responses proved, and no probe out: this one opens a connection.
        const bool probe = !probing_ && unanswered_.size() >= proven_;
        probing_ = probing_ || probe;
        unanswered_.push_back({w->admitted_at, clock::now(), probe});
        std::lock_guard lock{diagnostics_mutex_};
        note_time(diagnostics_.handed_out_at);
    }
}

std::size_t shared_admission_budget::allowance() const noexcept {
    return unanswered_.size() > proven_ ? 0 : proven_ + 1 - unanswered_.size();
}

void shared_admission_budget::on_answer(std::optional<clock::time_point> admitted_at) {
    auto it = unanswered_.begin();
    if (admitted_at)
        it = std::find_if(unanswered_.begin(), unanswered_.end(),
                          [&](const handed_permit& p) { return p.admitted_at == *admitted_at; });
    if (it == unanswered_.end()) return;  // forgotten already, or admitted by the fallback
    const bool was_blocked = allowance() == 0;
    const bool probe = it->probe;
    if (probe) {
        probing_ = false;
        ++proven_;
        // The request arrived before its response: answered within the margin's time, it was
        // not late enough to need counting again.
        if (clock::now() - it->handed_at > margin_time) ++charges_;
    }
    unanswered_.erase(it);
    // The pump's sleep is cut short only when this response changes what it may do.
    if (probe || was_blocked) pump_timer_->cancel();
}

void shared_admission_budget::expire_unanswered(clock::time_point now) {
    while (!unanswered_.empty() && now - unanswered_.front().handed_at >= cold_response_limit) {
        if (unanswered_.front().probe) {
            probing_ = false;
            ++proven_;
            ++charges_;
        }
        unanswered_.pop_front();
    }
}

void shared_admission_budget::enter_fallback(const error_code& why) {
    if (!in_fallback_.exchange(true)) {
        ++fallback_episodes_;
        if (logger_)
            logger_(log_level::warning, "shared rate budget at " + redis_->endpoint().describe() + " unreachable (" +
                                            why.message() + "): pacing this process alone at " +
                                            std::to_string(fallback_->options().requests_per_window) + " per " +
                                            std::to_string(local_->options().window.count()) +
                                            " s until Redis answers again");
    }
    probe_backoff_ = std::chrono::milliseconds{100};
    answer_all(outcome::fallback);
}

asio::awaitable<boost::system::result<script_answer>> shared_admission_budget::run_script(
    std::vector<std::string> args) {
    ++round_trips_;
    auto reply = co_await redis_->execute(args);
    if (!reply) co_return reply.error();
    if (is_noscript(*reply)) {
        // A restarted (or flushed) Redis has forgotten the script: load it, then run again.
        // Named first: g++ 12 mishandles a braced temporary in a co_await expression.
        std::vector<std::string> load{"SCRIPT", "LOAD", admission_script()};
        auto loaded = co_await redis_->execute(std::move(load));
        if (!loaded) co_return loaded.error();
        if (loaded->is_error()) co_return boost::system::errc::make_error_code(boost::system::errc::bad_message);
        reply = co_await redis_->execute(std::move(args));
        if (!reply) co_return reply.error();
    }
    co_return parse_script_answer(*reply);
}

asio::awaitable<void> shared_admission_budget::pump() {
    for (;;) {
        if (stopping_) co_return;

        if (in_fallback_) {
            drop_reservations();
            answer_all(outcome::fallback);
            pump_timer_->expires_after(probe_backoff_);
            co_await pump_timer_->async_wait(asio::as_tuple(asio::use_awaitable));
            if (stopping_) co_return;
            std::vector<std::string> ping{"PING"};
            auto pong = co_await redis_->execute(std::move(ping));
            if (pong && !pong->is_error()) {
                in_fallback_ = false;
                if (logger_) logger_(log_level::info, "shared rate budget at " + redis_->endpoint().describe() + " answers again");
            } else {
                probe_backoff_ = std::min(probe_backoff_ * 2, longest_probe_backoff);
            }
            continue;
        }

        // 429s seen here go to every process first: they pause the key for all.
        bool refused = false;
        while (!refusals_.empty()) {
            const auto [seen, pause] = refusals_.front();
            refusals_.pop_front();
            // What is left of the pause: a 429 held back while Redis was away may be over.
            const auto left = std::chrono::duration_cast<std::chrono::microseconds>(seen + pause - clock::now());
            if (left <= std::chrono::microseconds::zero()) continue;
            shared_refusal refusal = refusal_template_;
            refusal.pause = left;
            auto done = co_await run_script(refuse_command(keys_, pacing_, refusal));
            if (!done) {
                if (!stopping_) enter_fallback(done.error());
                break;
            }
            refused = true;
        }
        if (in_fallback_ || stopping_) continue;
        // Reserved slots fall into the pause: dropped, not sent.
        if (refused) drop_reservations();

        // Requests that reached the server late count again, before anyone takes more.
        if (charges_ > 0) {
            auto charged = co_await run_script(charge_command(keys_, pacing_, charges_));
            if (stopping_) co_return;
            if (!charged) {
                enter_fallback(charged.error());
                continue;
            }
            charges_ = 0;
            newest_take_left_ = 0;  // the state moved: nothing of the newest take goes back
            continue;               // a 429 may have come in meanwhile
        }

        // Reserved permits now due go to the waiters, in priority order; a due permit nobody
        // is left to use is dropped (its slot has passed). One due longer ago than the margin
        // covers is not sent: a pump descheduled (or a Redis round trip stalled) past several
        // slots would put them all into the server's window at once, on top of the others'
        // permits that came due meanwhile. Its slot has passed unused; the waiter takes again.
        const auto now = clock::now();
        std::uint32_t due = 0;
        std::uint32_t stale = 0;
        clock::duration latest{};
        while (!reserved_.empty() && reserved_.front() <= now) {
            if (now - reserved_.front() > margin_time) {
                ++stale;
            } else {
                ++due;
                latest = std::max(latest, now - reserved_.front());
            }
            reserved_.pop_front();
        }
        expire_unanswered(now);
        if (due > 0) {
            std::uint32_t handed = 0;
            hand_out(std::uint32_t(std::min<std::size_t>(due, allowance())), handed);
            if (handed > 0) note_hand_out_lateness(latest);
        }
        // Stale permits that were this process's newest, with nobody taking after them, go
        // back: the next take starts from now instead of after their passed slots.
        const std::uint32_t stale_back =
            due == 0 && reserved_.empty() ? std::uint32_t(std::min<std::size_t>(stale, newest_take_left_)) : 0;
        newest_take_left_ = std::min<std::size_t>(newest_take_left_, reserved_.size());
        if (stale > 0) {
            std::lock_guard lock{diagnostics_mutex_};
            diagnostics_.stale_permits += stale;
        }
        if (stale_back > 0) {
            auto back = co_await run_script(give_back_command(keys_, pacing_, stale_back, newest_take_tat_));
            if (stopping_) co_return;
            if (!back) {
                enter_fallback(back.error());
                continue;
            }
            if (back->granted == stale_back) {
                std::lock_guard lock{diagnostics_mutex_};
                diagnostics_.stale_given_back += stale_back;
            }
            continue;
        }

        // Waiters that left (deadline, cancellation) hold reservations nobody needs: the
        // newest go back at once, so other processes can use them.
        if (reserved_.size() > queued() && newest_take_left_ > 0) {
            const auto surplus = std::uint32_t(std::min(reserved_.size() - queued(), newest_take_left_));
            auto back = co_await run_script(give_back_command(keys_, pacing_, surplus, newest_take_tat_));
            if (stopping_) co_return;
            if (!back) {
                enter_fallback(back.error());
                continue;
            }
            if (back->granted == surplus) {
                reserved_.resize(reserved_.size() - surplus);
                newest_take_left_ -= surplus;
                newest_take_tat_ = back->tat;
            } else {
                newest_take_left_ = 0;  // another process took after them: keep them
            }
            continue;
        }

        // Beyond the proven concurrency and its probe, the next permit waits for a response
        // (or for the oldest unanswered one's limit).
        if (allowance() == 0 && queued() > 0 && charges_ == 0) {
            co_await sleep_until(unanswered_.front().handed_at + cold_response_limit, false);
            continue;
        }
        const std::size_t wanted_now = std::min(queued(), allowance());
        if (wanted_now > reserved_.size()) {
            // One permit for each waiter without one, granted as reservations within the horizon.
            const auto wanted = std::uint32_t(wanted_now - reserved_.size());
            auto answer = co_await run_script(take_command(keys_, pacing_, wanted));
            if (stopping_) co_return;
            if (!answer) {
                enter_fallback(answer.error());
                continue;
            }
            const auto answered = clock::now();
            {
                std::lock_guard lock{diagnostics_mutex_};
                ++diagnostics_.takes;
                diagnostics_.granted += answer->granted;
                if (answer->granted == 0) {
                    ++diagnostics_.denials;
                    diagnostics_.wait_hint_total += answer->wait;
                    diagnostics_.wait_hint_max = std::max(diagnostics_.wait_hint_max, answer->wait);
                }
            }
            if (answer->granted > 0) {
                // Due times count from the answer's arrival, after the script ran: never early.
                for (std::uint32_t k = 0; k < answer->granted; ++k) reserved_.push_back(answered + answer->due(k));
                newest_take_left_ = answer->granted;
                newest_take_tat_ = answer->tat;
                continue;
            }
            auto wake_at = answered + std::min<clock::duration>(answer->wait, longest_wait);
            if (!reserved_.empty()) wake_at = std::min(wake_at, reserved_.front());
            co_await sleep_until(wake_at, false);
            continue;
        }

        if (!reserved_.empty()) {
            co_await sleep_until(reserved_.front(), true);
            continue;
        }
        co_await sleep_until(clock::time_point::max(), true);
    }
}

asio::awaitable<void> shared_admission_budget::sleep_until(clock::time_point wake_at, bool new_waiters_wake) {
    // A 429 or a probe's response that came during the last round trip found no sleep to cut
    // short: it is written now, not after this sleep.
    if (!refusals_.empty() || charges_ > 0) co_return;
    pump_wakes_for_waiters_ = new_waiters_wake;
    pump_timer_->expires_at(wake_at);
    const auto [ec] = co_await pump_timer_->async_wait(asio::as_tuple(asio::use_awaitable));
    pump_wakes_for_waiters_ = false;
    if (ec) co_return;
    ++pump_sleeps_;
    if (wake_at != clock::time_point::max()) note_lateness(clock::now() - wake_at);
}

void shared_admission_budget::note_hand_out_lateness(clock::duration late) {
    std::lock_guard lock{diagnostics_mutex_};
    diagnostics_.hand_out_lateness_max =
        std::max(diagnostics_.hand_out_lateness_max, std::chrono::duration_cast<std::chrono::microseconds>(late));
}

void shared_admission_budget::note_shared_wait(clock::duration local_wait, clock::duration shared_wait) {
    std::lock_guard lock{shared_wait_mutex_};
    if (local_wait == clock::duration::zero()) ++shared_only_waits_;
    shared_wait_total_ += shared_wait;
    longest_wait_ = std::max(longest_wait_, local_wait + shared_wait);
}

void shared_admission_budget::note_lateness(clock::duration late) {
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(late);
    std::lock_guard lock{diagnostics_mutex_};
    ++diagnostics_.timed_waits;
    diagnostics_.lateness_total += us;
    diagnostics_.lateness_max = std::max(diagnostics_.lateness_max, us);
}

shared_admission_budget::pacing_diagnostics shared_admission_budget::diagnostics() const {
    std::lock_guard lock{diagnostics_mutex_};
    return diagnostics_;
}

void shared_admission_budget::on_response(const response_feedback& feedback) noexcept {
    local_->on_response(feedback);
    if (in_fallback_) fallback_->on_response(feedback);
    try {
        asio::post(io_, [this, at = feedback.admitted_at] { on_answer(at); });
    } catch (...) {
        // Out of memory: the request stops holding others back at its limit instead.
    }
    if (feedback.http_status != 429) return;
    const auto& o = local_->options();
    std::chrono::milliseconds pause = feedback.retry_after
                                          ? std::chrono::duration_cast<std::chrono::milliseconds>(*feedback.retry_after)
                                          : o.default_pause;
    pause = std::clamp(pause, std::chrono::milliseconds{1}, o.max_pause);
    try {
        // The destructor drains every posted handler before the thread ends: `this` outlives it.
        asio::post(io_, [this, seen = clock::now(), pause] {
            {
                std::lock_guard lock{diagnostics_mutex_};
                note_time(diagnostics_.refused_at);
            }
            refusals_.emplace_back(seen, pause);
            pump_timer_->cancel();  // written before the next take, even mid-wait
        });
    } catch (...) {
        // Out of memory: the 429 still paused this process (local_); the others learn from
        // their own.
    }
}

scheduler_counters shared_admission_budget::counters() const noexcept {
    scheduler_counters c = local_->counters();
    c.budget = in_fallback_ ? budget_kind::fallback : budget_kind::shared;
    c.shared_admissions = shared_admissions_;
    c.fallback_admissions = fallback_admissions_;
    c.fallback_episodes = fallback_episodes_;
    c.shared_round_trips = round_trips_;
    std::lock_guard lock{shared_wait_mutex_};
    c.waited += shared_only_waits_;
    c.total_wait += shared_wait_total_;
    c.max_wait = std::max<std::chrono::nanoseconds>(c.max_wait, longest_wait_);
    return c;
}

}  // namespace talentray::detail
