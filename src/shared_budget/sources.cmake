# The shared budget: one key's rate budget kept in Redis for every process that uses the key.
# redis_url is pure parsing and always built (validation names a bad URL either way); the rest
# needs hiredis (its reader and command formatter only) and TALENTRAY_WITH_REDIS.
target_sources(talentray PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/make_admission_budget.cpp
  ${CMAKE_CURRENT_LIST_DIR}/redis_url.cpp)
if(TALENTRAY_WITH_REDIS)
  target_sources(talentray PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/admission_script.cpp
    ${CMAKE_CURRENT_LIST_DIR}/redis_connection.cpp
    ${CMAKE_CURRENT_LIST_DIR}/shared_admission_budget.cpp)
  target_compile_definitions(talentray PRIVATE TALENTRAY_WITH_REDIS=1)
  target_link_libraries(talentray PRIVATE PkgConfig::hiredis)
else()
  target_compile_definitions(talentray PRIVATE TALENTRAY_WITH_REDIS=0)
endif()
