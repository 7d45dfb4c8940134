// One budget per key per process, found by a digest that does not reveal the key.
#include <talentray/scheduler/budget_registry.hpp>
#include <talentray/scheduler/rate_budget.hpp>

#include <catch2/catch.hpp>

namespace tr = talentray;

namespace {
const std::string key_a = "tr_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const std::string key_b = "tr_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
}  // namespace

TEST_CASE("the key digest is short, stable and does not contain the key") {
    const auto digest = tr::api_key_digest(key_a);
    CHECK(digest.size() == 16);
    CHECK(digest.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(digest == tr::api_key_digest(key_a));
    CHECK(digest != tr::api_key_digest(key_b));
    CHECK(key_a.find(digest) == std::string::npos);
    // SHA-256("abc") starts with ba7816bf8f01cfea.
    CHECK(tr::api_key_digest("abc") == "ba7816bf8f01cfea");
}

TEST_CASE("clients of one key share a budget; other keys get their own") {
    auto first = tr::shared_rate_budget(key_a);
    auto second = tr::shared_rate_budget(key_a, tr::scheduler_options{.requests_per_window = 100});
    auto other = tr::shared_rate_budget(key_b);
    CHECK(first == second);
    CHECK(first != other);
    CHECK(first->key_digest() == tr::api_key_digest(key_a));
    CHECK(second->options().requests_per_window == 600);  // the first client configured it
}

TEST_CASE("the registry does not keep a budget alive") {
    std::weak_ptr<tr::rate_budget> weak;
    {
        auto budget = tr::shared_rate_budget(key_b, tr::scheduler_options{.requests_per_window = 300});
        weak = budget;
    }
    CHECK(weak.expired());
    auto fresh = tr::shared_rate_budget(key_b, tr::scheduler_options{.requests_per_window = 120});
    CHECK(fresh->options().requests_per_window == 120);
}

TEST_CASE("invalid options are refused when a budget must be made") {
    CHECK_THROWS_AS(tr::shared_rate_budget("tr_other", tr::scheduler_options{.burst = 0}), tr::error);
}
