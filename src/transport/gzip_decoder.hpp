// Inflates a gzip body (RFC 1952) piece by piece as it arrives, never holding more decoded bytes
// than a cap. Pure logic: no I/O, fed byte spans by the transport's body reader (and by tests).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

struct z_stream_s;  // zlib's stream state, kept out of this header

namespace talentray::detail {

enum class gzip_status {
    ok,         ///< everything fed so far decoded; more may follow
    too_large,  ///< the decoded size passed the cap
    corrupt,    ///< not gzip, a damaged block, or a trailer whose CRC-32 or length does not match
    truncated,  ///< `finish()` came before the last member's trailer
};

/// One gzip body. Members that follow each other (RFC 1952 2.2) decode as one body, as
/// `gunzip` does. Once a call fails, the decoder stays failed and every call repeats the status.
///
/// Memory: zlib's state (about 44 KiB: the 32 KiB window and the tables) plus a 16 KiB scratch
/// buffer, and `decoded`, whose capacity never exceeds the cap: a small body that inflates to
/// gigabytes (a "gzip bomb") fails as soon as it passes the cap, having allocated at most the cap.
/// Not thread-safe; one decoder per body.
class gzip_decoder {
public:
    /// `max_decoded_size`: the largest decoded body accepted.
    explicit gzip_decoder(std::size_t max_decoded_size);
    ~gzip_decoder();
    gzip_decoder(const gzip_decoder&) = delete;
    gzip_decoder& operator=(const gzip_decoder&) = delete;

    /// Inflates `compressed` (any split of the body: one byte, a whole chunk) and appends the
    /// decoded bytes to `decoded`. Returns `ok`, `too_large` (what was decoded before the piece
    /// that passed the cap stays in `decoded`) or `corrupt`. Throws std::bad_alloc only.
    gzip_status feed(std::string_view compressed, std::string& decoded);

    /// Called at the end of the body: `truncated` unless the last member was complete (or the
    /// body was empty), else the status so far.
    gzip_status finish();

    /// What went wrong, in words ("gzip data is corrupt: incorrect data check"); empty while ok.
    const std::string& failure() const noexcept { return failure_; }

    /// Compressed bytes consumed so far (the rest of a failing `feed` is not counted).
    std::size_t consumed() const noexcept;

private:
    gzip_status fail(gzip_status status, std::string why);
    void append_within_cap(std::string& decoded, std::string_view more) const;

    std::unique_ptr<z_stream_s> stream_;
    std::unique_ptr<char[]> scratch_;
    const std::size_t max_decoded_size_;
    bool in_member_ = false;     ///< a member has begun and its trailer has not yet ended
    bool ended_member_ = false;  ///< a member has ended: the next byte starts a new one
    std::size_t consumed_ = 0;
    gzip_status status_ = gzip_status::ok;
    std::string failure_;
};

}  // namespace talentray::detail
