#include "progress.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace talentray::cli {
namespace {

std::string rate_text(double rows_per_second) {
    if (rows_per_second >= 10 || rows_per_second == 0) return fmt::format("{:.0f} rows/s", rows_per_second);
    return fmt::format("{:.1f} rows/s", rows_per_second);
}

std::string eta_text(const progress_view& view) {
    if (view.total && view.rows >= static_cast<std::uint64_t>(std::max<std::int64_t>(*view.total, 0))) return "ETA 0s";
    const auto remaining = estimate_remaining(view);
    return remaining ? "ETA " + format_duration(*remaining) : "ETA --";
}

std::string counters_text(const progress_view& view, std::string_view separator) {
    std::string text = fmt::format("429s {}{}retries {}", view.rate_limited, separator, view.retries);
    // Rounded up: a pause of 300 ms is "paused 1s", not "paused 0s".
    if (view.paused.count() > 0)
        text += fmt::format("{}paused {}", separator, format_duration(view.paused + std::chrono::milliseconds{999}));
    return text;
}

double fraction_done(const progress_view& view) {
    if (!view.total || *view.total <= 0) return view.total ? 1.0 : 0.0;
    return std::min(1.0, static_cast<double>(view.rows) / static_cast<double>(*view.total));
}

}  // namespace

void rate_meter::add(clock::time_point now, std::uint64_t rows) {
    samples_.push_back({now, rows});
    // Keep one sample older than the window, so the rate always spans the whole window.
    while (samples_.size() > 2 && now - samples_[1].at >= window_) samples_.pop_front();
}

double rate_meter::rows_per_second() const noexcept {
    if (samples_.size() < 2) return 0;
    const auto& first = samples_.front();
    const auto& last = samples_.back();
    const auto span = std::chrono::duration<double>(last.at - first.at).count();
    if (span < 0.1 || last.rows < first.rows) return 0;
    return static_cast<double>(last.rows - first.rows) / span;
}

std::string format_duration(std::chrono::milliseconds duration) {
    const auto seconds = std::max<std::int64_t>(0, duration.count() / 1000);
    if (seconds < 60) return fmt::format("{}s", seconds);
    if (seconds < 3600) return fmt::format("{}m{:02}s", seconds / 60, seconds % 60);
    return fmt::format("{}h{:02}m", seconds / 3600, (seconds % 3600) / 60);
}

std::string group_digits(std::uint64_t number) {
    std::string digits = std::to_string(number);
    std::string grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) grouped += ',';
        grouped += digits[i];
    }
    return grouped;
}

std::optional<std::chrono::milliseconds> estimate_remaining(const progress_view& view) {
    if (!view.total || view.rows_per_second <= 0) return std::nullopt;
    const double left = std::max(0.0, static_cast<double>(*view.total) - static_cast<double>(view.rows));
    const double seconds = left / view.rows_per_second;
    if (!std::isfinite(seconds) || seconds > 1e9) return std::nullopt;
    return std::chrono::milliseconds{static_cast<std::int64_t>(std::ceil(seconds * 1000))};
}

std::string render_bar_line(const progress_view& view, std::size_t width) {
    std::string counts = group_digits(view.rows);
    if (view.total) counts += "/" + group_digits(static_cast<std::uint64_t>(std::max<std::int64_t>(*view.total, 0)));
    std::string tail = "  " + counts;
    if (view.total) tail += fmt::format("  {:.0f}%", std::floor(fraction_done(view) * 100));
    tail += "  " + rate_text(view.rows_per_second) + "  " + eta_text(view) + "  " + counters_text(view, "  ");

    std::string head(view.resource);
    constexpr std::size_t min_bar = 10;
    constexpr std::size_t max_bar = 40;
    if (view.total && head.size() + tail.size() + 3 + min_bar <= width) {
        const std::size_t bar = std::min(max_bar, width - head.size() - tail.size() - 3);
        const auto filled = static_cast<std::size_t>(std::floor(fraction_done(view) * static_cast<double>(bar)));
        head += " [" + std::string(filled, '#') + std::string(bar - filled, '.') + "]";
    }
    std::string line = head + tail;
    if (line.size() > width) line.resize(width);
    return line;
}

std::string render_plain_line(const progress_view& view) {
    std::string line = fmt::format("progress: {} {}", view.resource, view.rows);
    if (view.total) line += fmt::format("/{} rows ({:.1f}%)", *view.total, fraction_done(view) * 100);
    else line += " rows";
    line += ", " + rate_text(view.rows_per_second) + ", " + eta_text(view) + ", " + counters_text(view, ", ");
    return line;
}

std::string render_summary(const progress_view& view, std::string_view output, std::uint64_t resumed_rows) {
    const double seconds = std::chrono::duration<double>(view.elapsed).count();
    const std::uint64_t new_rows = view.rows >= resumed_rows ? view.rows - resumed_rows : 0;
    const double average = seconds > 0 ? static_cast<double>(new_rows) / seconds : 0;
    const std::string took = seconds < 60 ? fmt::format("{:.1f}s", seconds) : format_duration(view.elapsed);
    std::string line =
        fmt::format("exported {} rows of {} to {} in {} ({})", view.rows, view.resource, output, took, rate_text(average));
    if (resumed_rows) line += fmt::format(", {} of them written before the resume", resumed_rows);
    if (view.total) line += fmt::format("; total count {}", *view.total);
    line += fmt::format("; requests {}, 429s {}, retries {}", view.requests, view.rate_limited, view.retries);
    return line;
}

std::string render_rate_counters(const scheduler_counters& run, const scheduler_counters& now) {
    const double total_wait = std::chrono::duration<double>(run.total_wait).count();
    const double max_wait = std::chrono::duration<double>(run.max_wait).count();
    std::string line = fmt::format("rate limit: {} admitted, {} queued ({:.1f}s of waiting in all, {:.1f}s at most), 429s {}, "
                                   "retries {}",
                                   run.admitted, run.waited, total_wait, max_wait, run.rate_limited_responses,
                                   run.retries.total());
    if (run.retries_refused) line += fmt::format(" ({} refused)", run.retries_refused);
    line += fmt::format(", admission rate {:.0f}/min ({}", now.current_rate_per_minute, to_string(now.rate_cause));
    if (std::abs(now.current_rate_per_minute - now.configured_rate_per_minute) >= 0.5)
        line += fmt::format("; configured {:.0f}/min", now.configured_rate_per_minute);
    line += fmt::format("), burst {} of at most {} ({})", now.burst, now.burst_ceiling, to_string(now.burst_cause));
    // A local budget says nothing more; a shared one says how much came from Redis.
    if (now.budget != budget_kind::local) {
        line += fmt::format("; budget shared through Redis ({} admissions", now.shared_admissions);
        if (now.fallback_episodes)
            line += fmt::format(", {} in fallback while Redis was unreachable ({})", now.fallback_admissions,
                                now.fallback_episodes == 1 ? std::string("once")
                                                           : fmt::format("{} times", now.fallback_episodes));
        line += now.budget == budget_kind::fallback ? "; in fallback at the end)" : ")";
    }
    return line;
}

std::string render_limit_change(const limit_change& change) {
    const double at = std::chrono::duration<double>(change.at).count();
    if (change.what == limit_change::quantity::rate)
        return fmt::format("rate limit: at {:.1f}s, admission rate {:.0f}/min -> {:.0f}/min ({})", at, change.from,
                           change.to, to_string(change.cause));
    return fmt::format("rate limit: at {:.1f}s, burst {:.0f} -> {:.0f} ({})", at, change.from, change.to,
                       to_string(change.cause));
}

std::optional<std::string> render_list_changes(const pager_stats& stats) {
    if (stats.rows_added + stats.rows_removed + stats.rows_repeated + stats.reconcile_requests +
            stats.reconcile_passes + stats.unverified_boundaries ==
        0)
        return std::nullopt;
    const auto plural = [](std::uint64_t n, std::string_view one, std::string_view many) {
        return group_digits(n) + " " + std::string(n == 1 ? one : many);
    };
    std::string line = "the list changed during the export: " + plural(stats.rows_added, "row", "rows") +
                       " added, " + group_digits(stats.rows_removed) + " removed (seen in totalCount); " +
                       plural(stats.rows_repeated, "row", "rows") + " received twice and written once; " +
                       plural(stats.reconcile_requests, "extra request", "extra requests") + ", " +
                       plural(stats.reconcile_passes, "step back", "steps back");
    if (stats.unverified_boundaries > 0)
        line += "; " + plural(stats.unverified_boundaries, "page boundary", "page boundaries") +
                " could not be checked";
    return line;
}

}  // namespace talentray::cli
