# The models: JSON mapping, request bodies and parameters, URLs, timestamps, the operation table.
target_sources(talentray PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/decode_context.cpp
  ${CMAKE_CURRENT_LIST_DIR}/timestamp.cpp
  ${CMAKE_CURRENT_LIST_DIR}/primitive_json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/envelope_json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/candidate_json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/role_json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sourcing_json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cv_screening_json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/me_json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/api_key_json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/career_portal_json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/decode.cpp
  ${CMAKE_CURRENT_LIST_DIR}/field_checks.cpp
  ${CMAKE_CURRENT_LIST_DIR}/body_validation.cpp
  ${CMAKE_CURRENT_LIST_DIR}/params.cpp
  ${CMAKE_CURRENT_LIST_DIR}/url.cpp
  ${CMAKE_CURRENT_LIST_DIR}/operation.cpp
)
