#include "progress_display.hpp"

#include "console.hpp"
#include "export_job.hpp"

#include <talentray/client.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace talentray::cli {
namespace {

namespace asio = boost::asio;

constexpr std::chrono::milliseconds bar_interval{200};

asio::awaitable<void> redraw_until_stopped(std::shared_ptr<progress_display> display) {
    while (!display->stopped()) {
        display->timer().expires_after(display->interval());
        // Cancelled by stop(), or expired: either way the loop condition decides.
        co_await display->timer().async_wait(asio::as_tuple(asio::use_awaitable));
        if (display->stopped()) break;
        display->redraw();
    }
}

}  // namespace

progress_display::progress_display(console& out, std::shared_ptr<const talentray::client> client,
                                   std::shared_ptr<const export_job> job, std::string resource,
                                   std::chrono::milliseconds plain_interval, bool verbose)
    : out_(out),
      client_(std::move(client)),
      job_(std::move(job)),
      resource_(std::move(resource)),
      plain_interval_(plain_interval),
      verbose_(verbose),
      started_(std::chrono::steady_clock::now()),
      baseline_(client_->counters()) {
    meter_.add(started_, job_->rows());
}

std::chrono::milliseconds progress_display::interval() const noexcept {
    return out_.is_terminal() ? bar_interval : plain_interval_;
}

void progress_display::start(const asio::any_io_executor& executor) {
    timer_ = std::make_unique<asio::steady_timer>(executor);
    asio::co_spawn(executor, redraw_until_stopped(shared_from_this()), asio::detached);
}

void progress_display::stop() {
    stopped_ = true;
    if (timer_) timer_->cancel();
    out_.clear_transient();
}

progress_view progress_display::sample() {
    const auto now = std::chrono::steady_clock::now();
    meter_.add(now, job_->rows());
    const client_counters counters = client_->counters();
    progress_view view;
    view.resource = resource_;
    view.rows = job_->rows();
    view.total = job_->total();
    view.rows_per_second = meter_.rows_per_second();
    view.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(now - started_);
    view.requests = counters.requests - baseline_.requests;
    view.rate_limited = counters.scheduler.rate_limited_responses - baseline_.scheduler.rate_limited_responses;
    view.retries = counters.scheduler.retries.total() - baseline_.scheduler.retries.total();
    view.paused = std::chrono::duration_cast<std::chrono::milliseconds>(counters.scheduler.pause_remaining);
    return view;
}

void progress_display::redraw() {
    const progress_view view = sample();
    if (out_.is_terminal()) out_.show_transient(render_bar_line(view, out_.width() - 1));
    else out_.write_line(render_plain_line(view));
}

void progress_display::write_summary() {
    stop();
    out_.write_line(render_summary(sample(), job_->destination(), job_->resumed_rows()));
    const scheduler_counters now = client_->counters().scheduler;
    const scheduler_counters& before = baseline_.scheduler;
    scheduler_counters run = now;
    run.admitted -= before.admitted;
    run.waited -= before.waited;
    run.total_wait -= before.total_wait;
    run.rate_limited_responses -= before.rate_limited_responses;
    run.retries.rate_limited -= before.retries.rate_limited;
    run.retries.server_error -= before.retries.server_error;
    run.retries.timeout -= before.retries.timeout;
    run.retries.network -= before.retries.network;
    run.retries_refused -= before.retries_refused;
    out_.write_line(render_rate_counters(run, now));
    if (!verbose_) return;
    // Each command has a client, and so a rate budget, of its own: every change is this run's.
    for (const limit_change& change : now.recent_changes) out_.write_line(render_limit_change(change));
}

}  // namespace talentray::cli
