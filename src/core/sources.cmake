target_sources(talentray PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/error.cpp)
