target_sources(talentray PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/origin.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tls_context.cpp
  ${CMAKE_CURRENT_LIST_DIR}/proxy.cpp
  ${CMAKE_CURRENT_LIST_DIR}/no_proxy.cpp
  ${CMAKE_CURRENT_LIST_DIR}/proxy_tunnel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/connection.cpp
  ${CMAKE_CURRENT_LIST_DIR}/connection_close.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pool.cpp
  ${CMAKE_CURRENT_LIST_DIR}/decoding_body.cpp
  ${CMAKE_CURRENT_LIST_DIR}/transport.cpp)
if(TALENTRAY_HAS_ZLIB)
  target_sources(talentray PRIVATE ${CMAKE_CURRENT_LIST_DIR}/gzip_decoder.cpp)
endif()
