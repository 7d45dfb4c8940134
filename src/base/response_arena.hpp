// Memory for a JSON document that is decoded and then dropped, without a heap block per node.
#pragma once

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/storage_ptr.hpp>

#include <cstddef>

namespace talentray::detail {

/// Memory for the JSON document of one answer while it is decoded into a model: a monotonic
/// arena over a buffer that the thread keeps between answers. Parsing a 100-row page with the
/// default allocator makes (and later frees) thousands of small heap blocks, which cost more
/// than the parse itself; in the arena they are one pointer bump each and nothing to free.
///
/// The document must not outlive the arena. Decoders copy what they keep: a model's
/// `boost::json::value` member is assigned to, and assignment keeps the member's own storage.
/// Not reentrant by design: a second arena on the same thread while one is alive (which
/// decoding never does, as it does not suspend) simply uses the heap instead of the buffer.
class answer_arena {
public:
    /// Sized for a body of `body_size` bytes; the buffer grows to fit, up to a cap.
    explicit answer_arena(std::size_t body_size);
    ~answer_arena();
    answer_arena(const answer_arena&) = delete;
    answer_arena& operator=(const answer_arena&) = delete;

    boost::json::storage_ptr storage() noexcept { return boost::json::storage_ptr(&resource_); }

private:
    bool owns_thread_buffer_;
    boost::json::monotonic_resource resource_;
};

}  // namespace talentray::detail
