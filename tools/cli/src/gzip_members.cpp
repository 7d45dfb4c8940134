#include "gzip_members.hpp"

#include "usage_error.hpp"

#include <zlib.h>

namespace talentray::cli {
namespace {

// 16 + 15: zlib's switch for a gzip header and trailer around the deflate data, with the
// largest window.
constexpr int gzip_window_bits = 16 + 15;
constexpr int memory_level = 8;  // zlib's default

[[noreturn]] void zlib_failed(std::string_view what, int code, const char* message) {
    throw local_failure("gzip: " + std::string(what) + " failed (zlib error " + std::to_string(code) +
                        (message ? std::string(": ") + message : std::string()) + ")");
}

}  // namespace

gzip_member_writer::gzip_member_writer() : stream_(std::make_unique<z_stream>()) {
    const int result = deflateInit2(stream_.get(), Z_DEFAULT_COMPRESSION, Z_DEFLATED, gzip_window_bits, memory_level,
                                    Z_DEFAULT_STRATEGY);
    if (result != Z_OK) zlib_failed("setting up compression", result, stream_->msg);
}

gzip_member_writer::~gzip_member_writer() { deflateEnd(stream_.get()); }

void gzip_member_writer::deflate_into(std::string& out, int flush) {
    char chunk[16384];
    for (;;) {
        stream_->next_out = reinterpret_cast<Bytef*>(chunk);
        stream_->avail_out = sizeof chunk;
        const int result = deflate(stream_.get(), flush);
        if (result == Z_STREAM_ERROR) zlib_failed("compressing", result, stream_->msg);
        out.append(chunk, sizeof chunk - stream_->avail_out);
        if (flush == Z_FINISH ? result == Z_STREAM_END : stream_->avail_out != 0) return;
        // Z_BUF_ERROR means no progress was possible; with room left it cannot happen, so loop.
    }
}

void gzip_member_writer::add(std::string_view data, std::string& out) {
    if (data.empty()) return;
    open_ = true;
    stream_->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream_->avail_in = static_cast<uInt>(data.size());
    deflate_into(out, Z_NO_FLUSH);
}

void gzip_member_writer::end_member(std::string& out, bool even_if_empty) {
    if (!open_ && !even_if_empty) return;
    stream_->next_in = nullptr;
    stream_->avail_in = 0;
    deflate_into(out, Z_FINISH);
    // The next member starts with a header of its own.
    const int result = deflateReset(stream_.get());
    if (result != Z_OK) zlib_failed("starting a member", result, stream_->msg);
    open_ = false;
}

std::string gzip_file_name(std::string_view file) {
    constexpr std::string_view suffix = ".gz";
    if (file.size() >= suffix.size() && file.substr(file.size() - suffix.size()) == suffix) return std::string(file);
    return std::string(file) + std::string(suffix);
}

}  // namespace talentray::cli
