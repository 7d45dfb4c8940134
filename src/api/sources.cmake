# The typed endpoints: the request of each operation (pure), the send-and-decode path they all
# share, and one file per endpoint group.
target_sources(talentray PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/requests.cpp
  ${CMAKE_CURRENT_LIST_DIR}/exchange.cpp
  ${CMAKE_CURRENT_LIST_DIR}/identity.cpp
  ${CMAKE_CURRENT_LIST_DIR}/scopes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/candidates.cpp
  ${CMAKE_CURRENT_LIST_DIR}/roles.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tests.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sourcing.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cv_screening.cpp
  ${CMAKE_CURRENT_LIST_DIR}/api_keys.cpp
  ${CMAKE_CURRENT_LIST_DIR}/career_portal.cpp)
