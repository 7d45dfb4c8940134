# The vocabulary every layer may use: errors, secrets and key redaction, logging, text made
# safe for a terminal or quoted in an error, protocol text (http_text.hpp), header rules, the request and response types, and the response arena.
# Includes no other layer.
target_sources(talentray PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/error.cpp
  ${CMAKE_CURRENT_LIST_DIR}/terminal_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/quoted_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/key_redaction.cpp
  ${CMAKE_CURRENT_LIST_DIR}/header_rules.cpp
  ${CMAKE_CURRENT_LIST_DIR}/secret.cpp
  ${CMAKE_CURRENT_LIST_DIR}/log.cpp
  ${CMAKE_CURRENT_LIST_DIR}/request.cpp
  ${CMAKE_CURRENT_LIST_DIR}/response.cpp
  ${CMAKE_CURRENT_LIST_DIR}/response_arena.cpp)
