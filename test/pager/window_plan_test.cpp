#include "pager/window_plan.hpp"

#include <catch2/catch.hpp>

using talentray::pager_options;
using talentray::detail::requests_to_start;
using talentray::detail::window_limits_for;

TEST_CASE("window limits: sequential until the list's size is known", "[pager][window]") {
    pager_options options;
    options.readahead = 1;
    options.window = 4;
    auto limits = window_limits_for(options, false, true);
    CHECK(limits.pages_ahead == 1);
    CHECK(limits.in_flight == 1);

    limits = window_limits_for(options, true, true);
    CHECK(limits.pages_ahead == 4);
    CHECK(limits.in_flight == 4);

    options.readahead = 6;
    limits = window_limits_for(options, true, true);
    CHECK(limits.pages_ahead == 6);  // readahead buffers further than the window requests at once
    CHECK(limits.in_flight == 4);
}

TEST_CASE("window limits: no readahead still fetches the page the reader waits for", "[pager][window]") {
    pager_options options;
    options.readahead = 0;
    options.window = 1;
    CHECK(window_limits_for(options, false, true).pages_ahead == 0);
    CHECK(window_limits_for(options, false, false).pages_ahead == 1);
    CHECK(window_limits_for(options, true, false).pages_ahead == 1);
    options.window = 8;
    CHECK(window_limits_for(options, true, true).pages_ahead == 0);  // on demand, whatever the window
}

TEST_CASE("requests to start: bounded by the window and by what runs", "[pager][window]") {
    const talentray::detail::window_limits limits{4, 2};
    CHECK(requests_to_start(limits, 0, 0) == 2);
    CHECK(requests_to_start(limits, 1, 1) == 1);
    CHECK(requests_to_start(limits, 3, 0) == 1);
    CHECK(requests_to_start(limits, 4, 0) == 0);
    CHECK(requests_to_start(limits, 2, 2) == 0);
}
