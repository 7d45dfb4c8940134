# The pager layer: lists as async generators.
# Pure logic (no I/O): row_spans, page_parser, paging_query, window_plan, offset_walk, offset_reconcile,
# cursor_boundary, cursor_walk, checkpoint. Async shell: page_fetch (one request as a task), page_stream (the
# window, in order), stream_factory; pager.cpp is the typed layer and its instantiations.
target_sources(talentray PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/checkpoint.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cursor_boundary.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cursor_walk.cpp
  ${CMAKE_CURRENT_LIST_DIR}/offset_reconcile.cpp
  ${CMAKE_CURRENT_LIST_DIR}/offset_walk.cpp
  ${CMAKE_CURRENT_LIST_DIR}/options.cpp
  ${CMAKE_CURRENT_LIST_DIR}/page_fetch.cpp
  ${CMAKE_CURRENT_LIST_DIR}/page_parser.cpp
  ${CMAKE_CURRENT_LIST_DIR}/page_stream.cpp
  ${CMAKE_CURRENT_LIST_DIR}/page_walk.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pager.cpp
  ${CMAKE_CURRENT_LIST_DIR}/paging_query.cpp
  ${CMAKE_CURRENT_LIST_DIR}/row_spans.cpp
  ${CMAKE_CURRENT_LIST_DIR}/stream_factory.cpp
  ${CMAKE_CURRENT_LIST_DIR}/window_plan.cpp)
