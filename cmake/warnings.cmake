# Warning flags shared by every target of the project (not by consumers of the package).
add_library(talentray_warnings INTERFACE)
target_compile_options(talentray_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow=local
  $<$<BOOL:${TALENTRAY_WERROR}>:-Werror>)
