// Admission order: FIFO per class, interactive first, bulk never starved.
#include "scheduler/admission_queue.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace d = talentray::detail;
using talentray::priority;

namespace {
std::vector<d::waiter_id> drain(d::admission_queue& q) {
    std::vector<d::waiter_id> order;
    while (!q.empty()) order.push_back(q.pop_next());
    return order;
}
}  // namespace

TEST_CASE("FIFO within a class") {
    d::admission_queue q{4};
    for (d::waiter_id id = 1; id <= 5; ++id) q.push(id, priority::bulk);
    CHECK(drain(q) == std::vector<d::waiter_id>{1, 2, 3, 4, 5});
}

TEST_CASE("interactive goes first, but a bulk waiter gets every fifth slot") {
    d::admission_queue q{4};
    for (d::waiter_id id = 100; id < 103; ++id) q.push(id, priority::bulk);
    for (d::waiter_id id = 1; id <= 10; ++id) q.push(id, priority::interactive);
    CHECK(drain(q) == std::vector<d::waiter_id>{1, 2, 3, 4, 100, 5, 6, 7, 8, 101, 9, 10, 102});
}

TEST_CASE("interactive admissions with no bulk waiting do not count against bulk") {
    d::admission_queue q{2};
    q.push(1, priority::interactive);
    q.push(2, priority::interactive);
    q.push(3, priority::interactive);
    CHECK(q.pop_next() == 1);
    CHECK(q.pop_next() == 2);
    q.push(100, priority::bulk);
    q.push(4, priority::interactive);
    // The streak restarted when bulk arrived: two interactive, then bulk.
    CHECK(drain(q) == std::vector<d::waiter_id>{3, 4, 100});
}

TEST_CASE("next() agrees with pop_next()") {
    d::admission_queue q{1};
    q.push(1, priority::bulk);
    q.push(2, priority::interactive);
    q.push(3, priority::interactive);
    while (!q.empty()) {
        const auto next = q.next();
        REQUIRE(next);
        CHECK(q.pop_next() == *next);
    }
    CHECK_FALSE(q.next());
}

TEST_CASE("remove takes a waiter out from anywhere") {
    d::admission_queue q{4};
    q.push(1, priority::interactive);
    q.push(2, priority::interactive);
    q.push(3, priority::bulk);
    CHECK(q.remove(2));
    CHECK_FALSE(q.remove(2));
    CHECK_FALSE(q.contains(2));
    CHECK(q.size(priority::interactive) == 1);
    CHECK(drain(q) == std::vector<d::waiter_id>{1, 3});
}

TEST_CASE("ahead_of_newcomer predicts the real position, for any mix") {
    for (std::uint32_t interval : {1u, 2u, 4u}) {
        for (int interactive = 0; interactive < 7; ++interactive) {
            for (int bulk = 0; bulk < 7; ++bulk) {
                for (priority prio : {priority::interactive, priority::bulk}) {
                    d::admission_queue q{interval};
                    d::waiter_id id = 1;
                    for (int i = 0; i < interactive; ++i) q.push(id++, priority::interactive);
                    for (int b = 0; b < bulk; ++b) q.push(id++, priority::bulk);
                    if (!q.empty()) q.pop_next();  // leave some fairness state behind
                    const std::size_t predicted = q.ahead_of_newcomer(prio);
                    const d::waiter_id newcomer = 999;
                    q.push(newcomer, prio);
                    const auto order = drain(q);
                    const auto actual = std::size_t(std::find(order.begin(), order.end(), newcomer) - order.begin());
                    INFO("interval " << interval << ", " << interactive << " interactive, " << bulk << " bulk, newcomer "
                                     << (prio == priority::bulk ? "bulk" : "interactive"));
                    CHECK(predicted == actual);
                }
            }
        }
    }
}

TEST_CASE("sweep walks the admission order and can remove as it goes") {
    d::admission_queue q{1};
    q.push(1, priority::interactive);
    q.push(2, priority::interactive);
    q.push(10, priority::bulk);
    q.push(11, priority::bulk);
    std::vector<std::pair<d::waiter_id, std::size_t>> seen;
    q.sweep([&](d::waiter_id id, std::size_t ahead) {
        seen.emplace_back(id, ahead);
        return id == 10;  // removed: 11 takes its place in the order
    });
    CHECK(seen == std::vector<std::pair<d::waiter_id, std::size_t>>{{1, 0}, {10, 1}, {11, 1}, {2, 2}});
    CHECK(drain(q) == std::vector<d::waiter_id>{1, 11, 2});
}
