#include "transport/gzip_decoder.hpp"

#include <zlib.h>

#include <algorithm>
#include <new>

namespace talentray::detail {

namespace {

constexpr std::size_t scratch_size = 16 * 1024;
constexpr int gzip_only_window = 16 + MAX_WBITS;  // 16+: a gzip header and trailer, not zlib's

}  // namespace

gzip_decoder::gzip_decoder(std::size_t max_decoded_size)
    : stream_(std::make_unique<z_stream_s>()),
      scratch_(std::make_unique<char[]>(scratch_size)),
      max_decoded_size_(max_decoded_size) {
    // Z_MEM_ERROR is the only failure possible with these constant arguments.
    if (inflateInit2(stream_.get(), gzip_only_window) != Z_OK) throw std::bad_alloc();
}

gzip_decoder::~gzip_decoder() { inflateEnd(stream_.get()); }

std::size_t gzip_decoder::consumed() const noexcept { return consumed_; }

gzip_status gzip_decoder::fail(gzip_status status, std::string why) {
    status_ = status;
    failure_ = std::move(why);
    return status_;
}

void gzip_decoder::append_within_cap(std::string& decoded, std::string_view more) const {
    if (decoded.capacity() - decoded.size() < more.size()) {
        const std::size_t needed = decoded.size() + more.size();  // the caller checked it against the cap
        const std::size_t doubled = 2 * decoded.capacity();
        const std::size_t target = std::min(max_decoded_size_, std::max(needed, doubled));
        if (target < doubled) {
            // std::string rounds a growing reserve up to twice its capacity, which could pass the
            // cap: a fresh string reserves exactly.
            std::string bigger;
            bigger.reserve(target);
            bigger.append(decoded);
            decoded.swap(bigger);
        } else {
            decoded.reserve(target);
        }
    }
    decoded.append(more);
}

gzip_status gzip_decoder::feed(std::string_view compressed, std::string& decoded) {
    if (status_ != gzip_status::ok) return status_;
    z_stream& z = *stream_;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    z.avail_in = static_cast<uInt>(compressed.size());
    auto count_consumed = [&] { consumed_ += compressed.size() - z.avail_in; };

    for (;;) {
        if (!in_member_) {
            if (z.avail_in == 0) break;
            if (ended_member_) inflateReset(&z);  // another member follows the last one
            in_member_ = true;
        }
        z.next_out = reinterpret_cast<Bytef*>(scratch_.get());
        z.avail_out = static_cast<uInt>(scratch_size);
        const int rc = inflate(&z, Z_NO_FLUSH);
        const std::size_t produced = scratch_size - z.avail_out;
        if (produced > max_decoded_size_ - decoded.size()) {
            count_consumed();
            return fail(gzip_status::too_large,
                        "gzip body decodes to more than the limit of " + std::to_string(max_decoded_size_) + " bytes");
        }
        if (produced > 0) append_within_cap(decoded, {scratch_.get(), produced});
        if (rc == Z_STREAM_END) {
            in_member_ = false;
            ended_member_ = true;
            continue;
        }
        if (rc == Z_BUF_ERROR) break;  // no progress without more input
        if (rc != Z_OK) {
            count_consumed();
            return fail(gzip_status::corrupt,
                        std::string{"gzip data is corrupt: "} + (z.msg != nullptr ? z.msg : "invalid data"));
        }
        if (z.avail_in == 0 && z.avail_out != 0) break;  // all input used, all output drained
    }
    count_consumed();
    z.next_in = nullptr;
    z.avail_in = 0;
    return gzip_status::ok;
}

gzip_status gzip_decoder::finish() {
    if (status_ != gzip_status::ok) return status_;
    if (in_member_)
        return fail(gzip_status::truncated, "gzip data ends before its trailer, after " + std::to_string(consumed_) +
                                                " compressed bytes");
    return gzip_status::ok;
}

}  // namespace talentray::detail
