# The scheduler layer: rate-limit-aware admission per API key, and the retry policy.
# Pure logic (virtual time): clock; the three rate concepts pace, server_window and
# learned_limit; admission_queue and admission_controller; retry_budget, retry_planner and
# rate_limit_headers.
# Async shell: budget_core (admission_budget's in-process implementation, its admitting
# coroutine in budget_admission), rate_budget (the public handle), admission_permit,
# budget_registry, retry_policy (decide_retry: the planner's decision, then the budget's say).
target_sources(talentray PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/admission_controller.cpp
  ${CMAKE_CURRENT_LIST_DIR}/admission_permit.cpp
  ${CMAKE_CURRENT_LIST_DIR}/admission_queue.cpp
  ${CMAKE_CURRENT_LIST_DIR}/budget_admission.cpp
  ${CMAKE_CURRENT_LIST_DIR}/budget_core.cpp
  ${CMAKE_CURRENT_LIST_DIR}/budget_kind.cpp
  ${CMAKE_CURRENT_LIST_DIR}/budget_registry.cpp
  ${CMAKE_CURRENT_LIST_DIR}/clock.cpp
  ${CMAKE_CURRENT_LIST_DIR}/failure_classification.cpp
  ${CMAKE_CURRENT_LIST_DIR}/learned_limit.cpp
  ${CMAKE_CURRENT_LIST_DIR}/limit_cause.cpp
  ${CMAKE_CURRENT_LIST_DIR}/options.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pace.cpp
  ${CMAKE_CURRENT_LIST_DIR}/random_jitter.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rate_budget.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rate_limit_headers.cpp
  ${CMAKE_CURRENT_LIST_DIR}/retry_budget.cpp
  ${CMAKE_CURRENT_LIST_DIR}/retry_planner.cpp
  ${CMAKE_CURRENT_LIST_DIR}/retry_policy.cpp
  ${CMAKE_CURRENT_LIST_DIR}/server_window.cpp)
