#include "base/response_arena.hpp"

#include <algorithm>
#include <memory>

namespace talentray::detail {

namespace {

/// The buffer an `response_arena` borrows, one per thread. It keeps the size of the largest
/// response decoded so far (up to the cap), so steady traffic allocates nothing here.
struct arena_buffer {
    std::unique_ptr<unsigned char[]> bytes;
    std::size_t size = 0;
    bool in_use = false;
};

thread_local arena_buffer this_thread_arena;

// A parsed document takes roughly two to three times the bytes of its text; beyond the cap the
// arena continues on the heap, in a few geometrically growing blocks.
constexpr std::size_t arena_bytes_per_body_byte = 4;
constexpr std::size_t min_arena_bytes = 4 * 1024;
constexpr std::size_t max_arena_bytes = 2 * 1024 * 1024;

std::size_t arena_size_for(std::size_t body_size) {
    const std::size_t wanted = body_size > max_arena_bytes / arena_bytes_per_body_byte
                                   ? max_arena_bytes
                                   : body_size * arena_bytes_per_body_byte;
    return std::max(wanted, min_arena_bytes);
}

arena_buffer* borrow_thread_buffer(std::size_t body_size) {
    arena_buffer& buffer = this_thread_arena;
    if (buffer.in_use) return nullptr;
    const std::size_t wanted = arena_size_for(body_size);
    if (buffer.size < wanted) {
        buffer.bytes.reset(new unsigned char[wanted]);
        buffer.size = wanted;
    }
    buffer.in_use = true;
    return &buffer;
}

}  // namespace

response_arena::response_arena(std::size_t body_size)
    : owns_thread_buffer_(borrow_thread_buffer(body_size) != nullptr),
      resource_(owns_thread_buffer_
                    ? boost::json::monotonic_resource{this_thread_arena.bytes.get(), this_thread_arena.size}
                    : boost::json::monotonic_resource{}) {}

response_arena::~response_arena() {
    if (owns_thread_buffer_) this_thread_arena.in_use = false;
}

}  // namespace talentray::detail
