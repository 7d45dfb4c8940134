# `talentray bench`: kept apart so the command's files stay together.
target_sources(talentray_cli PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/latency_histogram.cpp
  ${CMAKE_CURRENT_LIST_DIR}/open_loop_schedule.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rate_argument.cpp
  ${CMAKE_CURRENT_LIST_DIR}/time_series.cpp
  ${CMAKE_CURRENT_LIST_DIR}/operation_mix.cpp
  ${CMAKE_CURRENT_LIST_DIR}/bench_client.cpp
  ${CMAKE_CURRENT_LIST_DIR}/run_figures.cpp
  ${CMAKE_CURRENT_LIST_DIR}/html_report.cpp
  ${CMAKE_CURRENT_LIST_DIR}/run_command.cpp
  ${CMAKE_CURRENT_LIST_DIR}/window_search.cpp
  ${CMAKE_CURRENT_LIST_DIR}/bucket_search.cpp
  ${CMAKE_CURRENT_LIST_DIR}/probe_findings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/probe_command.cpp
  ${CMAKE_CURRENT_LIST_DIR}/export_estimate.cpp
  ${CMAKE_CURRENT_LIST_DIR}/estimate_command.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../commands/bench.cpp)
