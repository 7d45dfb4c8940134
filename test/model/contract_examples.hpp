// The example bodies of the API contract (CONTRACT.md §7), verbatim, for the model tests.
#pragma once

namespace contract_examples {

// §7.9 list candidates: the envelope of §4.3 around the documented item.
inline constexpr const char* candidates_page = R"({ "data": [
  { "id": "cand_1", "fullName": "Jane Doe", "email": "jane@example.com", "phone": "+905551112233",
    "status": "Active", "createdAt": "2026-06-01T10:00:00Z", "updatedAt": "2026-06-02T08:00:00Z",
    "roles": [ { "roleId": "role_eng_be", "roleName": "Senior Backend Engineer", "organizationId": "org_acme",
                 "status": "In Pipeline", "overallFitScore": 82, "approved": false } ] }
  ], "pagination": { "page": 0, "pageSize": 20, "totalCount": 134, "totalPages": 7 } })";

// §7.12 candidate steps.
inline constexpr const char* candidate_steps = R"({ "data": [ { "id": "crs_1", "roleId": "role_eng_be", "roleStepId": "step_cv", "name": "CV Screening",
                "order": 1, "stepType": "cv_screening", "status": "validated",
                "startedAt": "2026-06-01T10:00:00Z", "completedAt": "2026-06-01T11:00:00Z",
                "validatedAt": "2026-06-01T11:05:00Z", "rejectedAt": null, "validationScore": 78,
                "rejectionReason": null, "offerResponse": null,
                "createdAt": "2026-06-01T10:00:00Z", "updatedAt": "2026-06-01T11:05:00Z" } ] })";

// §7.13 role item.
inline constexpr const char* role = R"({ "id": "role_eng_be", "name": "Senior Backend Engineer", "organizationId": "org_acme", "status": "open",
    "priority": "high", "isPublic": true, "department": "Engineering", "location": "Remote",
    "workType": "remote", "salaryMin": 90000, "salaryMax": 120000, "salaryCurrency": "EUR",
    "salaryPeriod": "year", "targetHireCount": 2, "roleLevel": "senior",
    "createdAt": "2026-05-01T09:00:00Z", "updatedAt": "2026-06-01T09:00:00Z" })";

// §7.16 role steps.
inline constexpr const char* role_steps = R"({ "data": [ { "id": "step_cv", "roleId": "role_eng_be", "name": "CV Screening", "description": null,
                "order": 1, "stepType": "cv_screening", "validationType": "auto", "passingScore": 70,
                "isRequired": true, "allowSkip": false,
                "createdAt": "2026-05-01T09:00:00Z", "updatedAt": "2026-05-01T09:00:00Z" } ] })";

// §7.17 test item.
inline constexpr const char* test = R"({ "id": "test_js", "name": "JavaScript Fundamentals", "type": "multiple_choice",
    "description": "Core JS assessment.", "duration": 30, "targetPersona": "Backend Engineer",
    "analysisCategory": "hard_skill", "language": "en", "isPublic": false,
    "organizationIds": ["org_acme"], "createdAt": "2026-04-01T09:00:00Z", "updatedAt": "2026-04-10T09:00:00Z" })";

// §7.20 potential candidate item.
inline constexpr const char* potential_candidate = R"({ "id": "pc_1", "fullName": "Sam Lee", "email": "sam.cv@example.com", "contactEmail": "sam@example.com",
    "phone": "+905559998877", "status": "parsed", "skills": ["python", "sql"], "summary": "5y data engineering.",
    "candidateId": null, "organizations": [ { "organizationId": "org_acme", "status": "Pool" } ],
    "roles": [ { "roleId": "role_eng_be", "roleName": "Senior Backend Engineer", "organizationId": "org_acme",
                 "status": "Assigned", "resumeFitScore": 71, "overallFitScore": -1 } ],
    "createdAt": "2026-06-01T10:00:00Z", "updatedAt": "2026-06-01T10:30:00Z" })";

// §7.25 CV-screening batch.
inline constexpr const char* cv_screening_batch = R"({ "batchId": "batch_2026_06_01", "status": "completed",
    "totalCandidates": 25, "completedCandidates": 25, "processingCandidates": 0,
    "data": [ { "id": "pc_1", "fullName": "Sam Lee", "email": "sam.cv@example.com", "contactEmail": null,
                "phone": null, "status": "parsed", "skills": ["python"], "summary": null, "candidateId": null,
                "organizations": [ { "organizationId": "org_acme", "status": "Pool" } ], "roles": [],
                "createdAt": "2026-06-01T10:00:00Z", "updatedAt": "2026-06-01T10:30:00Z" } ],
    "pagination": { "page": 0, "pageSize": 20, "totalCount": 25, "totalPages": 2 } })";

// §7.8 me.
inline constexpr const char* me = R"({ "user": { "id": "user_abc123", "email": "integrations@acme.com", "role": "user" },
    "auth": { "type": "api_key", "keyId": "apikey_xyz789", "scopes": ["candidates:read", "roles:read"] } })";

// §7.1 create an API key (response).
inline constexpr const char* created_api_key = R"({ "success": true,
    "data": { "id": "apikey_xyz789", "name": "Karaca SAP nightly sync",
              "key": "tr_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
              "prefix": "tr_", "start": "tr_aaaa",
              "expiresAt": "2026-09-03T12:00:00Z", "userId": "user_abc123" } })";

// §7.2 list API keys: the envelope around the documented item.
inline constexpr const char* api_keys = R"({ "success": true, "data": [
  { "id": "apikey_xyz789", "name": "Karaca SAP nightly sync", "prefix": "tr_", "start": "tr_aaaa",
    "enabled": true, "createdAt": "2026-06-04T10:00:00Z", "updatedAt": "2026-06-04T10:00:00Z",
    "lastRequest": "2026-06-04T15:30:45Z", "expiresAt": "2026-09-03T12:00:00Z", "requestCount": 1250,
    "owner": { "id": "user_abc123", "email": "admin@company.com", "name": "Admin User",
               "platformRole": "admin", "orgRole": null, "organizationId": null } }
  ] })";

// §7.4 API key usage.
inline constexpr const char* api_key_usage = R"({ "success": true,
    "data": {
      "key": { "id": "apikey_xyz789", "name": "Karaca SAP nightly sync",
               "createdAt": "2026-06-04T10:00:00Z", "lastRequest": "2026-06-04T15:30:45Z",
               "requestCount": 1250,
               "owner": { "id": "user_abc123", "email": "admin@company.com", "name": "Admin User" } },
      "rows": [ { "id": "usage_001", "timestamp": "2026-06-04T15:30:45Z", "method": "POST",
                  "path": "/api/admin/api-keys", "ip": "192.0.2.100",
                  "userAgent": "curl/7.68.0", "authEndpoint": "/get-session" } ],
      "pagination": { "limit": 50, "hasMore": true, "nextBefore": "2026-06-04T15:20:00Z" } } })";

// §7.5 career portal.
inline constexpr const char* career_portal = R"({ "org": { "name": "Acme Inc.", "logo": "https://.../logo.png", "slug": "acme", "domain": "acme.com",
             "portalTheme": { "primaryColor": "#4F1AD6", "showSalary": true } },
    "roles": [ { "id": "clx123abc", "name": "Senior Backend Engineer", "description": { },
                 "department": "Engineering", "location": "Remote", "workType": "remote",
                 "collarType": "white", "salaryMin": 90000, "salaryMax": 120000,
                 "salaryCurrency": "EUR", "salaryPeriod": "year",
                 "createdAt": "2026-06-01T09:00:00Z" } ] })";

// §7.6 public job: the documented shape (portalTheme with only showSalary, so no salary fields).
inline constexpr const char* public_job = R"({ "org": { "name": "Acme Inc.", "logo": "https://.../logo.png", "slug": "acme", "domain": "acme.com",
             "portalTheme": { "showSalary": false } },
    "role": { "id": "clx123abc", "name": "Senior Backend Engineer", "description": { },
              "department": "Engineering", "location": "Remote", "workType": "remote",
              "collarType": "white", "createdAt": "2026-06-01T09:00:00Z" } })";

// §7.7 apply (response).
inline constexpr const char* invite = R"({ "inviteUrl": "https://app.talent-ray.com/en/signup/invite/inv_abc123" })";

}  // namespace contract_examples
