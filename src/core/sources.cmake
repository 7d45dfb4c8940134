target_sources(talentray PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/error.cpp
  ${CMAKE_CURRENT_LIST_DIR}/error_decoding.cpp
  ${CMAKE_CURRENT_LIST_DIR}/terminal_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/key_redaction.cpp
  ${CMAKE_CURRENT_LIST_DIR}/header_rules.cpp
  ${CMAKE_CURRENT_LIST_DIR}/secret.cpp
  ${CMAKE_CURRENT_LIST_DIR}/log.cpp
  ${CMAKE_CURRENT_LIST_DIR}/request.cpp
  ${CMAKE_CURRENT_LIST_DIR}/response.cpp
  ${CMAKE_CURRENT_LIST_DIR}/answer_arena.cpp
  ${CMAKE_CURRENT_LIST_DIR}/client_options.cpp
  ${CMAKE_CURRENT_LIST_DIR}/call_registry.cpp
  ${CMAKE_CURRENT_LIST_DIR}/call_fsm.cpp
  ${CMAKE_CURRENT_LIST_DIR}/client_impl.cpp
  ${CMAKE_CURRENT_LIST_DIR}/client_close.cpp
  ${CMAKE_CURRENT_LIST_DIR}/public_budget.cpp
  ${CMAKE_CURRENT_LIST_DIR}/client.cpp)
