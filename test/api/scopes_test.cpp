// has_scope: what a principal's scopes allow, checked before calling.
#include <talentray/api/scopes.hpp>

#include <catch2/catch.hpp>

namespace tr = talentray;

namespace {

tr::me key_with(std::vector<std::string> scopes) {
    tr::me who;
    who.user = {"user_abc123", "integrations@acme.com", "user"};
    who.auth.type = "api_key";
    who.auth.key_id = "apikey_xyz789";
    who.auth.scopes = std::move(scopes);
    return who;
}

}  // namespace

TEST_CASE("has_scope compares the operation's scope with the key's, literally") {
    const tr::me reader = key_with({"candidates:read", "roles:read"});
    CHECK(tr::has_scope(reader, tr::operation::list_candidates));
    CHECK(tr::has_scope(reader, tr::operation::get_candidate));
    CHECK(tr::has_scope(reader, tr::operation::get_role));
    CHECK_FALSE(tr::has_scope(reader, tr::operation::update_candidate));
    CHECK_FALSE(tr::has_scope(reader, tr::operation::list_candidate_steps));  // pipeline:read
    CHECK_FALSE(tr::has_scope(reader, tr::operation::get_cv_screening_batch));

    // `:write` does not imply `:read`.
    const tr::me writer = key_with({"sourcing:write"});
    CHECK(tr::has_scope(writer, tr::operation::create_potential_candidate));
    CHECK(tr::has_scope(writer, tr::operation::delete_potential_candidate));
    CHECK_FALSE(tr::has_scope(writer, tr::operation::get_potential_candidate));
}

TEST_CASE("operations without a scope are allowed to any key, even one with no scopes") {
    const tr::me none = key_with({});
    for (auto op : {tr::operation::get_me, tr::operation::create_api_key, tr::operation::list_api_keys,
                    tr::operation::revoke_api_key, tr::operation::get_api_key_usage, tr::operation::get_career_portal,
                    tr::operation::get_public_job, tr::operation::apply_to_public_job})
        CHECK(tr::has_scope(none, op));
    for (const tr::operation_info& op : tr::operations) {
        INFO(op.sdk_name);
        CHECK(tr::has_scope(none, op.op) == op.required_scope.empty());
    }
}

TEST_CASE("a session is not scope-gated; a key without a scope list holds none") {
    tr::me session;
    session.auth.type = "session";
    for (const tr::operation_info& op : tr::operations) CHECK(tr::has_scope(session, op.op));

    tr::me listless = key_with({});
    listless.auth.scopes.reset();
    CHECK(tr::has_scope(listless, tr::operation::get_me));
    CHECK_FALSE(tr::has_scope(listless, tr::operation::get_candidate));
}
