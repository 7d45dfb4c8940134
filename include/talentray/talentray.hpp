// talentray/talentray.hpp — the whole public API in one include.
//
// Convenient for applications and examples. Code that cares about compile times can include
// just what it uses: every header below also compiles on its own.
#pragma once

// The client and its configuration.
#include <talentray/client.hpp>
#include <talentray/client_options.hpp>
#include <talentray/counters.hpp>
#include <talentray/error.hpp>
#include <talentray/http_method.hpp>
#include <talentray/log.hpp>
#include <talentray/request.hpp>
#include <talentray/request_event.hpp>
#include <talentray/response.hpp>
#include <talentray/secret.hpp>

// The typed endpoints, grouped as `client::candidates()`, `client::roles()`, ...
#include <talentray/api/api_keys.hpp>
#include <talentray/api/call_options.hpp>
#include <talentray/api/candidates.hpp>
#include <talentray/api/career_portal.hpp>
#include <talentray/api/cv_screening.hpp>
#include <talentray/api/roles.hpp>
#include <talentray/api/scopes.hpp>
#include <talentray/api/sourcing.hpp>
#include <talentray/api/tests.hpp>

// Whole lists as async generators.
#include <talentray/pager.hpp>
#include <talentray/pager/checkpoint.hpp>
#include <talentray/pager/options.hpp>
#include <talentray/pager/page.hpp>

// The models: what the endpoints take and return.
#include <talentray/model/api_key.hpp>
#include <talentray/model/candidate.hpp>
#include <talentray/model/career_portal.hpp>
#include <talentray/model/cv_screening.hpp>
#include <talentray/model/field.hpp>
#include <talentray/model/json.hpp>
#include <talentray/model/legacy_envelope.hpp>
#include <talentray/model/me.hpp>
#include <talentray/model/pagination.hpp>
#include <talentray/model/operation.hpp>
#include <talentray/model/params.hpp>
#include <talentray/model/role.hpp>
#include <talentray/model/sourcing.hpp>
#include <talentray/model/test.hpp>
#include <talentray/model/timestamp.hpp>
#include <talentray/model/url.hpp>

// Rate limiting and retries.
#include <talentray/scheduler/budget_registry.hpp>
#include <talentray/scheduler/options.hpp>
#include <talentray/scheduler/rate_budget.hpp>
#include <talentray/scheduler/retry_cause.hpp>
#include <talentray/scheduler/scheduler_counters.hpp>
