# Warning flags shared by every target of the project (not by consumers of the package).
add_library(talentray_warnings INTERFACE)
target_compile_options(talentray_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow=local
  # Designated initializers of option structs name only what they change.
  -Wno-missing-field-initializers
  # g++ 12 with optimisation reports -Wmismatched-new-delete hundreds of times inside Asio's
  # coroutine frames: each awaitable frame is allocated by awaitable_frame_base::operator new
  # (Asio's recycling allocator, std::aligned_alloc underneath) and freed by its matching
  # operator delete, but once both are inlined g++ 12 sees the aligned_alloc pointer reach a
  # class operator delete and calls it a mismatch. A false positive in code we do not own. Off
  # for g++ 12 only, and in our own builds only: consumers of the package never get this flag.
  $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_GREATER_EQUAL:$<CXX_COMPILER_VERSION>,12>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-mismatched-new-delete>
  # In a unity build a source file is #included into the batch's one translation unit, and g++
  # then warns for every coroutine frame that holds a type of that file's unnamed namespace, as
  # it would for a header included by several units. Within one unit the warning is meaningless.
  $<$<AND:$<CXX_COMPILER_ID:GNU>,$<BOOL:${CMAKE_UNITY_BUILD}>>:-Wno-subobject-linkage>
  $<$<BOOL:${TALENTRAY_WERROR}>:-Werror>)
