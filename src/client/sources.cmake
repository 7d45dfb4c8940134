# The front door: options, credentials, the retry loop (client_impl) joining the scheduler and
# the transport, error decoding, the keyless calls' budget, and close().
target_sources(talentray PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/error_decoding.cpp
  ${CMAKE_CURRENT_LIST_DIR}/client_options.cpp
  ${CMAKE_CURRENT_LIST_DIR}/call_registry.cpp
  ${CMAKE_CURRENT_LIST_DIR}/call_fsm.cpp
  ${CMAKE_CURRENT_LIST_DIR}/client_impl.cpp
  ${CMAKE_CURRENT_LIST_DIR}/client_close.cpp
  ${CMAKE_CURRENT_LIST_DIR}/public_budget.cpp
  ${CMAKE_CURRENT_LIST_DIR}/client.cpp)
