#!/usr/bin/env python3
"""Writes the seed corpus of every harness under fuzz/corpus/<harness>/.

The well-formed seeds are the API contract's example bodies (CONTRACT.md §4.3, §5, §7), read from
test/model/contract_examples.hpp where the model tests keep them verbatim; the others are hostile
on purpose: deep nesting, invalid UTF-8, huge numbers, duplicate and escaped keys, wrong types.
Rerun after adding an example; it rewrites only the files it makes.
"""
import json
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent
examples_header = root.parent / "test" / "model" / "contract_examples.hpp"
examples = dict(re.findall(r'inline constexpr const char\* (\w+) = R"\((.*?)\)";', examples_header.read_text(), re.S))


def write(harness, name, content):
    directory = root / "corpus" / harness
    directory.mkdir(parents=True, exist_ok=True)
    data = content if isinstance(content, bytes) else content.encode()
    (directory / name).write_bytes(data)


def compact(value):
    return json.dumps(value, separators=(",", ":"))


# --- fuzz_model_decode: "<model name>\n<body>" ------------------------------------------------
def model(name, file_name, body):
    write("fuzz_model_decode", file_name, name.encode() + b"\n" + (body if isinstance(body, bytes) else body.encode()))


candidates_page = json.loads(examples["candidates_page"])
candidate = candidates_page["data"][0]
role = json.loads(examples["role"])
test = json.loads(examples["test"])
potential = json.loads(examples["potential_candidate"])
usage = json.loads(examples["api_key_usage"])
api_keys = json.loads(examples["api_keys"])
created = json.loads(examples["created_api_key"])
portal = json.loads(examples["career_portal"])
me = json.loads(examples["me"])
pagination = candidates_page["pagination"]

model("offset_page<candidate>", "candidates_page", examples["candidates_page"])
model("candidate", "candidate", compact(candidate))
model("candidate_role_link", "candidate_role_link", compact(candidate["roles"][0]))
model("full_list<candidate_step>", "candidate_steps", examples["candidate_steps"])
model("candidate_step", "candidate_step", compact(json.loads(examples["candidate_steps"])["data"][0]))
model("role", "role", examples["role"])
model("offset_page<role>", "roles_page", compact({"data": [role], "pagination": pagination}))
model("full_list<role_step>", "role_steps", examples["role_steps"])
model("role_step", "role_step", compact(json.loads(examples["role_steps"])["data"][0]))
model("test", "test", examples["test"])
model("offset_page<test>", "tests_page", compact({"data": [test], "pagination": pagination}))
model("potential_candidate", "potential_candidate", examples["potential_candidate"])
model("lead_organization_link", "lead_organization_link", compact(potential["organizations"][0]))
model("lead_role_link", "lead_role_link", compact(potential["roles"][0]))
model("offset_page<potential_candidate>", "sourcing_page", compact({"data": [potential], "pagination": pagination}))
model("cv_screening_batch", "cv_screening_batch", examples["cv_screening_batch"])
model("me", "me", examples["me"])
model("me_user", "me_user", compact(me["user"]))
model("me_auth", "me_auth", compact(me["auth"]))
model("legacy_success<created_api_key>", "created_api_key", examples["created_api_key"])
model("created_api_key", "created_api_key_data", compact(created["data"]))
model("legacy_success<api_keys>", "api_keys", examples["api_keys"])
model("api_key", "api_key", compact(api_keys["data"][0]))
model("api_key_owner", "api_key_owner", compact(api_keys["data"][0]["owner"]))
model("legacy_success<api_key_usage>", "api_key_usage", examples["api_key_usage"])
model("api_key_usage", "api_key_usage_data", compact(usage["data"]))
model("api_key_usage_key", "api_key_usage_key", compact(usage["data"]["key"]))
model("api_key_usage_owner", "api_key_usage_owner", compact(usage["data"]["key"]["owner"]))
model("api_key_usage_row", "api_key_usage_row", compact(usage["data"]["rows"][0]))
model("career_portal", "career_portal", examples["career_portal"])
model("portal_org", "portal_org", compact(portal["org"]))
model("portal_theme", "portal_theme", compact(portal["org"]["portalTheme"]))
model("portal_role", "portal_role", compact(portal["roles"][0]))
model("public_job", "public_job", examples["public_job"])
model("invite", "invite", examples["invite"])
model("offset_pagination", "offset_pagination", compact(pagination))
model("cursor_pagination", "cursor_pagination", compact(usage["data"]["pagination"]))
model("cursor_pagination", "cursor_pagination_last", '{"limit":50,"hasMore":false,"nextBefore":null}')

# Hostile: nesting past every limit (closed properly), in the members the decoders descend into.
model("offset_page<candidate>", "hostile_deep_data", '{"data":' + "[" * 300 + "]" * 300 + ',"pagination":' + compact(pagination) + "}")
model("candidate", "hostile_deep_object", '{"id":' + '{"a":' * 300 + "0" + "}" * 300 + "}")
model("me", "hostile_deep_mixed", '{"user":' + '[{"u":' * 150 + "null" + "}]" * 150 + "}")
# Invalid UTF-8 inside a string (a lone continuation byte, an overlong '/', a surrogate half).
model("candidate", "hostile_invalid_utf8", b'{"id":"c\x80","fullName":"\xc0\xaf","email":"\xed\xa0\x80"}')
model("candidate", "hostile_escaped_surrogate", compact(candidate)[:-1] + r',"fullName":"\ud800 \udfff"}')
# Numbers at and past every integer range, and floats where integers belong.
for index, number in enumerate(["9223372036854775807", "9223372036854775808", "-9223372036854775809",
                                "18446744073709551616", "1e400", "-0", "2147483648", "82.0", "1E2"]):
    model("offset_pagination", f"hostile_number_{index}",
          '{"page":%s,"pageSize":%s,"totalCount":%s,"totalPages":%s}' % (number, number, number, number))
    model("candidate_role_link", f"hostile_score_{index}", compact(candidate["roles"][0])[:-1] + ',"overallFitScore":%s}' % number)
model("role", "hostile_salary_huge", compact(role)[:-1] + ',"salaryMin":1e308,"salaryMax":-1e308}')
# Duplicate and escaped member names, and timestamps at the edges of what parse accepts.
model("candidate", "hostile_duplicate_keys", compact(candidate)[:-1] + ',"id":"second","id":7}')
model("candidate", "hostile_escaped_key", compact(candidate).replace('"fullName"', r'"\u0066ullName"'))
for index, stamp in enumerate(["0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999+00:00", "2026-06-04T15:30:45-23:59",
                               "2026-02-29T00:00:00Z", "2026-06-04T15:30:60Z", "2026-06-04 15:30:45.1z"]):
    model("api_key_usage_row", f"hostile_timestamp_{index}", compact(usage["data"]["rows"][0]).replace("2026-06-04T15:30:45Z", stamp))
model("legacy_success<api_keys>", "hostile_success_false", examples["api_keys"].replace('"success": true', '"success": false'))
model("invite", "hostile_not_json", "<html><body>502 Bad Gateway</body></html>")

# --- fuzz_page_parser: "offset|cursor\n<body>" -------------------------------------------------
def page(kind, file_name, body):
    write("fuzz_page_parser", file_name, kind.encode() + b"\n" + (body if isinstance(body, bytes) else body.encode()))


page("offset", "candidates_page", examples["candidates_page"])
page("offset", "cv_screening_batch", examples["cv_screening_batch"])
page("offset", "empty_page", '{"data":[],"pagination":{"page":0,"pageSize":20,"totalCount":0,"totalPages":0}}')
page("cursor", "api_key_usage", examples["api_key_usage"])
page("cursor", "last_usage_page", '{"success":true,"data":{"rows":[],"pagination":{"limit":50,"hasMore":false}}}')
page("offset", "hostile_escaped_data_key", examples["candidates_page"].replace('"data"', r'"\u0064ata"', 1))
page("offset", "hostile_duplicate_data", '{"data":[1,2],"data":[{"s":"]\\"["},3],"pagination":' + compact(pagination) + "}")
page("offset", "hostile_deep_rows", '{"data":[' + "[" * 62 + "]" * 62 + "],\"pagination\":" + compact(pagination) + "}")
page("offset", "hostile_too_deep", '{"data":[' + "[" * 300 + "]" * 300 + "],\"pagination\":" + compact(pagination) + "}")
page("cursor", "hostile_rows_strings", '{"success":true,"data":{"rows":["\\\\",",","}","\\"]"],"pagination":{"limit":1,"hasMore":true,"nextBefore":"2026-06-04T15:20:00.5+01:00"}}}')
page("offset", "hostile_invalid_utf8", b'{"data":["\xff\xfe"],"pagination":{"page":0,"pageSize":1,"totalCount":1,"totalPages":1}}')
page("offset", "hostile_html_502", "<html><head><title>502 Bad Gateway</title></head></html>")

# --- fuzz_error_decoding: "<status> <method> <path>\n<header>: <value>\n...\n\n<body>" ----------
def error(file_name, status_line, headers, body):
    text = status_line + "\n" + "".join(f"{name}: {value}\n" for name, value in headers) + "\n"
    write("fuzz_error_decoding", file_name, text.encode() + (body if isinstance(body, bytes) else body.encode()))


json_type = [("Content-Type", "application/json")]
error("legacy_403", "403 POST /api/admin/api-keys", json_type, '{ "error": "Forbidden - Admin access required" }')
error("legacy_400", "400 POST /api/admin/api-keys", json_type, '{ "error": "Name is required" }')
error("v1_400", "400 PATCH /api/v1/candidates/cand_1", json_type,
      '{ "error": "bad_request", "message": "Invalid field(s)", "details": ["status must be a non-empty string"] }')
error("v1_403_scope", "403 GET /api/v1/roles", json_type,
      '{"error":"insufficient_scope","message":"Missing scope","requiredScopes":["roles:read"],"grantedScopes":["candidates:read"]}')
error("v1_404", "404 GET /api/v1/candidates/nope", json_type, '{"error":"not_found","message":"Candidate not found"}')
error("v1_401", "401 GET /api/v1/me", json_type, '{"error":"unauthorized","message":"Invalid API key"}')
error("v1_429", "429 GET /api/v1/candidates", json_type + [("Retry-After", "7")], '{"error":"rate_limited","message":"Slow down"}')
error("v1_429_date", "429 GET /api/v1/candidates", json_type + [("Retry-After", "Sun, 06 Nov 2094 08:49:37 GMT")], '{"error":"rate_limited"}')
error("v1_500", "500 GET /api/v1/tests", json_type, '{"error":"internal_error","message":"Something broke"}')
error("html_502", "502 GET /api/v1/candidates", [("Content-Type", "text/html")],
      "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center></body>\r\n</html>\r\n")
error("empty_503", "503 GET /api/v1/me", [("Retry-After", "120")], "")
error("redirect_301", "301 GET /api/v1/me", [("Location", "https://elsewhere.example/api/v1/me")], "")
error("hostile_control_chars", "400 GET /api/v1/me", json_type, '{"error":"bad\\u0000request","message":"line\\nbreak\\u001b[31m","details":["\\u007f"]}')
error("hostile_long_message", "500 GET /api/v1/me", json_type, '{"error":"internal_error","message":"' + "é" * 700 + '"}')
error("hostile_invalid_utf8", "400 GET /api/admin/api-keys", json_type, b'{"error":"\xc3"}')
error("hostile_deep", "400 GET /api/v1/me", json_type, '{"error":' + "[" * 40 + "]" * 40 + "}")
error("hostile_wrong_types", "403 GET /api/v1/me", json_type, '{"error":7,"message":["x"],"details":"d","requiredScopes":[1,null,"a"]}')
error("hostile_retry_after_huge", "429 GET /api/v1/me", [("Retry-After", "99999999999999999999999999")], "")

# --- fuzz_retry_after: the header value --------------------------------------------------------
for index, value in enumerate(["120", "0", " 7 ", "\t3\t", "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
                               "Sun Nov  6 08:49:37 1994", "Fri, 31 Dec 9999 23:59:59 GMT", "Thu, 29 Feb 2024 00:00:00 GMT",
                               "Sat, 30 Feb 2026 00:00:00 GMT", "99999999999999999999999999", "-1", "1.5", "+5", "",
                               "sun, 06 nov 2094 08:49:37 gmt", "Mon, 01 Jan 0000 00:00:60 GMT"]):
    write("fuzz_retry_after", f"value_{index}", value)

# --- fuzz_rate_limit_headers: "<name>: <value>" lines --------------------------------------------
for index, lines in enumerate([
    ["RateLimit: limit=600, remaining=12, reset=8", "RateLimit-Policy: 600;w=60"],
    ['RateLimit: "default";r=12;t=8', 'RateLimit-Policy: "default";q=600;w=60, "burst";q=10;w=1'],
    ["RateLimit-Limit: 600", "RateLimit-Remaining: 0", "RateLimit-Reset: 30"],
    ["X-RateLimit-Limit: 60", "X-RateLimit-Remaining: 59", "X-RateLimit-Reset: 1780000000"],
    ["X-RateLimit-Limit: 0", "X-RateLimit-Remaining: -1", "X-RateLimit-Reset: 9999999999999999"],
    ["RateLimit: limit=, remaining=\"x\", reset=1e3", "RateLimit-Policy: ;w=;q=0"],
    ["ratelimit-policy: 10;w=0, 5;w=18446744073709551615", "RATELIMIT: r=1;t=2, r=0;t=99"],
    ["RateLimit-Policy: 999999999999999;w=999999999999998, 1;w=1, 123456789012;w=987654321098"],
]):
    write("fuzz_rate_limit_headers", f"headers_{index}", "\n".join(lines))

# --- fuzz_timestamp: the text ------------------------------------------------------------------
for index, text in enumerate(["2026-06-04T15:30:45Z", "2026-06-04T15:30:45.250Z", "2026-06-04T15:30:45.000001Z",
                              "2026-06-04t15:30:45.123456789z", "2026-06-04 15:30:45+05:30", "2026-06-04T15:30:45-0800",
                              "2026-06-04T15:30:45+14", "0000-01-01T00:00:00+23:59", "9999-12-31T23:59:59-23:59",
                              "2026-06-04T15:30:60Z", "2026-06-04T15:30:45", "2026-13-01T00:00:00Z", "2026-06-04T15:30:45.Z"]):
    write("fuzz_timestamp", f"text_{index}", text)
