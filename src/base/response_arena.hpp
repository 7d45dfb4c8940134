// Memory for a JSON document that is decoded and then dropped, without a heap block per node.
#pragma once

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/storage_ptr.hpp>

#include <cstddef>

namespace talentray::detail {

/// Memory for the JSON document of one response while it is decoded into a model: a monotonic
/// arena over a buffer that the thread keeps between responses. Parsing a 100-row page with the
/// default allocator makes (and later frees) thousands of small heap blocks, which cost more
/// than the parse itself; in the arena they are one pointer bump each and nothing to free.
///
/// The document must not outlive the arena. Decoders copy what they keep: a model's
/// `boost::json::value` member is assigned to, and assignment keeps the member's own storage.
/// Not reentrant by design: a second arena on the same thread while one is alive (which
/// decoding never does, as it does not suspend) simply uses the heap instead of the buffer.
class response_arena {
public:
    /// Sized for a body of `body_size` bytes; the buffer grows to fit, up to a cap.
    explicit response_arena(std::size_t body_size);
    ~response_arena();
    response_arena(const response_arena&) = delete;
    response_arena& operator=(const response_arena&) = delete;

    boost::json::storage_ptr storage() noexcept { return boost::json::storage_ptr(&resource_); }

private:
    bool owns_thread_buffer_;
    boost::json::monotonic_resource resource_;
};

}  // namespace talentray::detail
