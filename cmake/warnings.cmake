# Warning flags shared by every target of the project (not by consumers of the package).
add_library(talentray_warnings INTERFACE)
target_compile_options(talentray_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow=local
  # Designated initializers of option structs name only what they change.
  -Wno-missing-field-initializers
  $<$<BOOL:${TALENTRAY_WERROR}>:-Werror>)
