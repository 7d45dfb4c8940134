// The decision before a destructive command and the answers that mean yes, without a terminal.
#include "confirmation.hpp"

#include <catch2/catch.hpp>

using talentray::cli::confirmation_step;
using talentray::cli::decide_confirmation;
using talentray::cli::is_yes_answer;

TEST_CASE("confirmation: --yes proceeds without asking, terminal or not") {
    CHECK(decide_confirmation(true, false, false) == confirmation_step::proceed);
    CHECK(decide_confirmation(true, true, true) == confirmation_step::proceed);
}

TEST_CASE("confirmation: without --yes it asks only when stdin and stderr are both terminals") {
    CHECK(decide_confirmation(false, true, true) == confirmation_step::ask);
    CHECK(decide_confirmation(false, true, false) == confirmation_step::refuse);
    CHECK(decide_confirmation(false, false, true) == confirmation_step::refuse);
    CHECK(decide_confirmation(false, false, false) == confirmation_step::refuse);
}

TEST_CASE("confirmation: y and yes in any case mean yes; everything else, the empty answer too, means no") {
    for (const char* yes : {"y", "Y", "yes", "YES", "Yes", " y ", "yes\r"}) CHECK(is_yes_answer(yes));
    for (const char* no : {"", "n", "no", "N", "ye", "yess", "y y", "sure", "1"}) CHECK_FALSE(is_yes_answer(no));
}
