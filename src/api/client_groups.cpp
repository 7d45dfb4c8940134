// The typed endpoint groups a client hands out: handles that point back at it.
#include <talentray/api/api_keys.hpp>
#include <talentray/api/candidates.hpp>
#include <talentray/api/career_portal.hpp>
#include <talentray/api/cv_screening.hpp>
#include <talentray/api/roles.hpp>
#include <talentray/api/sourcing.hpp>
#include <talentray/api/tests.hpp>
#include <talentray/client.hpp>

namespace talentray {

candidates_api client::candidates() const { return candidates_api{*this}; }
roles_api client::roles() const { return roles_api{*this}; }
tests_api client::tests() const { return tests_api{*this}; }
sourcing_api client::sourcing() const { return sourcing_api{*this}; }
cv_screening_api client::cv_screening() const { return cv_screening_api{*this}; }
api_keys_api client::api_keys() const { return api_keys_api{*this}; }
career_portal_api client::career_portal() const { return career_portal_api{*this}; }

}  // namespace talentray
