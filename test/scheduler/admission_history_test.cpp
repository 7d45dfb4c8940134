// What a 429 is measured against: the key's admissions in the window before the refused one,
// less those refused. Virtual time.
#include "scheduler/admission_history.hpp"
#include "virtual_time.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
namespace d = talentray::detail;

namespace {
using talentray::testing::t0;
}  // namespace

TEST_CASE("accepted_before counts the window before the refused admission, not after") {
    d::admission_history history{10s, 100};
    for (int i = 0; i < 30; ++i) history.on_admit(t0 + i * 1s);  // t0 .. t0 + 29 s
    // The window [t0 + 10 s, t0 + 20 s): ten admissions; the one at t0 + 20 s itself is not in it.
    CHECK(history.accepted_before(t0 + 20s) == 10);
    CHECK(history.accepted_before(t0 + 25s) == 10);
}

TEST_CASE("refused admissions are not counted, one per refusal even at the same instant") {
    d::admission_history history{10s, 100};
    for (int i = 0; i < 3; ++i) history.on_admit(t0);
    for (int i = 1; i <= 5; ++i) history.on_admit(t0 + i * 1s);
    CHECK(history.accepted_before(t0 + 6s) == 8);
    history.on_refused(t0);
    history.on_refused(t0);
    CHECK(history.accepted_before(t0 + 6s) == 6);
    history.on_refused(t0 + 3s);
    history.on_refused(t0 + 3s);     // no second admission at that instant: ignored
    history.on_refused(t0 + 2500ms); // never admitted: ignored
    CHECK(history.accepted_before(t0 + 6s) == 5);
}

TEST_CASE("beyond its cap, the oldest admissions are forgotten first") {
    d::admission_history history{10s, 4};
    for (int i = 0; i < 6; ++i) history.on_admit(t0 + i * 1s);
    CHECK(history.accepted_before(t0 + 6s) == 4);
}

TEST_CASE("admissions older than two windows are forgotten") {
    d::admission_history history{10s, 100};
    history.on_admit(t0);
    history.on_admit(t0 + 15s);
    history.on_admit(t0 + 21s);  // t0 is now more than two windows back
    CHECK(history.accepted_before(t0 + 9s) == 0);
    CHECK(history.accepted_before(t0 + 16s) == 1);
}
