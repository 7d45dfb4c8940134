# `talentray bench`: kept apart so the command's files stay together.
target_sources(talentray_cli PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/latency_histogram.cpp
  ${CMAKE_CURRENT_LIST_DIR}/open_loop_schedule.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rate_argument.cpp
  ${CMAKE_CURRENT_LIST_DIR}/time_series.cpp)
