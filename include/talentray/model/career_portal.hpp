// talentray/model/career_portal.hpp — the public career portal (/api/public/portal, no auth).
#pragma once

#include <talentray/model/json.hpp>
#include <talentray/model/timestamp.hpp>

#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace talentray {

/// The portal's look (`PortalTheme`).
struct portal_theme {
    std::optional<std::string> primary_color;  ///< e.g. "#4F1AD6"; may be absent
    bool show_salary = false;  ///< when false, roles carry no salary fields at all

    friend bool operator==(const portal_theme&, const portal_theme&) = default;
};

/// The organization behind a portal (`PortalOrg`).
struct portal_org {
    std::string name;
    std::optional<std::string> logo;  ///< URL
    std::string slug;
    std::optional<std::string> domain;
    talentray::portal_theme portal_theme;  // qualified: the member shares the type's name

    friend bool operator==(const portal_org&, const portal_org&) = default;
};

/// An open, public role as the portal shows it (`PortalRole`).
///
/// The four salary fields are absent unless `portal_theme::show_salary` is true; `encode` then
/// omits them again rather than writing `null`.
struct portal_role {
    std::string id;
    std::string name;
    /// Opaque JSON document (structure undocumented, probably rich text); `null` if absent.
    boost::json::value description;
    std::optional<std::string> department;
    std::optional<std::string> location;
    std::optional<std::string> work_type;    ///< "remote", "hybrid", "onsite", or newer values
    std::optional<std::string> collar_type;  ///< "white", "gray", "blue", or newer values
    std::optional<std::int64_t> salary_min;
    std::optional<std::int64_t> salary_max;
    std::optional<std::string> salary_currency;
    std::optional<std::string> salary_period;
    timestamp created_at;

    friend bool operator==(const portal_role&, const portal_role&) = default;
};

/// A career portal with every open public role (`CareerPortal`), unpaginated.
struct career_portal {
    portal_org org;
    std::vector<portal_role> roles;

    friend bool operator==(const career_portal&, const career_portal&) = default;
};

/// One public job (`PublicJob`).
struct public_job {
    portal_org org;
    portal_role role;

    friend bool operator==(const public_job&, const public_job&) = default;
};

/// Body of `POST /api/public/portal/{orgSlug}/apply` (`ApplyRequest`).
struct apply_request {
    std::string role_id;                ///< required: a public, open role of the portal
    std::optional<std::string> locale;  ///< language of the signup link; the server defaults to "en"

    /// Client-side checks, done before any byte is sent: `role_id` is given and `locale` is not
    /// empty when set. Returns `errc::invalid_argument` naming the field otherwise.
    result<void> validate() const;

    friend bool operator==(const apply_request&, const apply_request&) = default;
};

/// The response to an application (`ApplyResponse`): where to send the candidate.
struct invite {
    std::string invite_url;

    friend bool operator==(const invite&, const invite&) = default;
};

/// JSON of each type. Absent optional fields of `portal_theme`, `portal_role` salaries and
/// `apply_request::locale` are omitted; other absent nullable fields are written as `null`.
boost::json::value encode(const portal_theme& theme);
boost::json::value encode(const portal_org& org);
boost::json::value encode(const portal_role& role);
boost::json::value encode(const career_portal& portal);
boost::json::value encode(const public_job& job);
boost::json::value encode(const apply_request& request);
boost::json::value encode(const invite& invite);

}  // namespace talentray
