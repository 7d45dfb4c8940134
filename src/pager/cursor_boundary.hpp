// Where a walk of the usage log stands inside one timestamp. Pure logic: no I/O, no clock.
//
// The log is paged with `before` ("rows strictly older than it") and servers stamp rows with
// whole seconds, so several rows share a timestamp. A page that ends inside such a tie cannot be
// followed with `before = nextBefore`: that skips the tied rows the page did not hold. The walk
// instead asks again from just after the oldest timestamp handed out (one unit of the server's
// resolution), which brings that timestamp's rows back, and drops the rows it already handed
// out: every row newer than that timestamp, and the rows at it whose ids it remembers.
#pragma once

#include "pager/raw_page.hpp"

#include <talentray/error.hpp>
#include <talentray/model/timestamp.hpp>

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace talentray::detail {

/// What the walk needs of a usage row: its id and its timestamp.
struct row_mark {
    std::string id;
    timestamp at;

    friend bool operator==(const row_mark&, const row_mark&) = default;
};

/// How far past a boundary the next page asks from: one unit of the server's resolution, as
/// its timestamps show it. Whole seconds, as in the API's examples: one second, so a server that
/// keeps or compares only seconds still returns the whole tie. With a fraction on any row of the
/// page, the server resolves milliseconds (or finer): one millisecond, so a busy second is not
/// asked for again in full. Any newer rows a margin brings back were handed out and are dropped.
timestamp::duration ask_again_margin(std::span<const row_mark> page_rows) noexcept;

/// The oldest timestamp handed out so far and the ids of the rows handed out at exactly it.
/// Every row newer than `at` has been handed out (or was written after the walk passed it).
struct cursor_boundary {
    timestamp at;
    std::vector<std::string> ids;

    friend bool operator==(const cursor_boundary&, const cursor_boundary&) = default;
};

/// The id and timestamp of each row of a cursor page, in page order. Returns
/// `errc::invalid_response` naming the row (`rows[3].timestamp`) when one lacks a string `id` or
/// a timestamp `timestamp`. Throws only `std::bad_alloc`.
result<std::vector<row_mark>> read_row_marks(const raw_page& page);

/// Whether the walk handed `row` out already, by `boundary` (none: nothing handed out yet).
bool handed_out(const row_mark& row, const std::optional<cursor_boundary>& boundary);

/// The boundary once `rows` (the rows of one page still to be handed out, newest first) have
/// been handed out after `previous`.
std::optional<cursor_boundary> boundary_after(const std::optional<cursor_boundary>& previous,
                                              std::span<const row_mark> rows);

/// The `before` that asks again from `boundary`: `margin` past it, but never past
/// `previous_before` (the `before` of the page that led there, if any), so rows the walk was
/// told to start below are not asked for.
timestamp ask_again_before(const cursor_boundary& boundary, timestamp::duration margin,
                           const std::optional<timestamp>& previous_before);

}  // namespace talentray::detail
