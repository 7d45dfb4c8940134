// Showing an export's progress while it runs: a redrawn bar on a terminal, a plain line every
// few seconds otherwise, and the summary at the end.
#pragma once

#include "progress.hpp"

#include <talentray/counters.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace talentray {
class client;
}

namespace talentray::cli {

class console;
class export_job;

/// Samples the job's row count and the client's counters on a timer and writes them to the
/// console. Counters are reported relative to when the display was made (this run only), except
/// the rows, which include those of an earlier, resumed run.
class progress_display : public std::enable_shared_from_this<progress_display> {
public:
    /// `plain_interval`: time between two plain lines when the console is not a terminal (a
    /// terminal's bar is redrawn five times a second). `verbose`: the summary also lists each
    /// change of the rate budget's rate and burst, with its cause.
    progress_display(console& out, std::shared_ptr<const talentray::client> client,
                     std::shared_ptr<const export_job> job, std::string resource,
                     std::chrono::milliseconds plain_interval, bool verbose = false);

    /// Starts redrawing on `executor` until `stop()`.
    void start(const boost::asio::any_io_executor& executor);

    /// Stops redrawing and erases the bar. Idempotent.
    void stop();

    /// The numbers now (also feeds the rate meter).
    progress_view sample();

    /// Writes the final summary line and the key's rate-limit counters of this run (with
    /// `verbose`, also every change of rate and burst).
    void write_summary();

    // For the timer coroutine.
    bool stopped() const noexcept { return stopped_; }
    boost::asio::steady_timer& timer() noexcept { return *timer_; }
    std::chrono::milliseconds interval() const noexcept;
    void redraw();

private:
    console& out_;
    std::shared_ptr<const talentray::client> client_;
    std::shared_ptr<const export_job> job_;
    std::string resource_;
    std::chrono::milliseconds plain_interval_;
    bool verbose_;
    std::chrono::steady_clock::time_point started_;
    client_counters baseline_;
    rate_meter meter_;
    std::unique_ptr<boost::asio::steady_timer> timer_;
    bool stopped_ = false;
};

}  // namespace talentray::cli
