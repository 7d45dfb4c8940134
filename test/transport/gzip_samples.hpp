// Gzip bodies for tests, made with zlib's deflate: whole, several members, or spoiled on purpose.
#pragma once

#include <zlib.h>

#include <stdexcept>
#include <string>
#include <string_view>

namespace talentray::testing {

/// `text` as one gzip member (RFC 1952), at zlib's default level.
inline std::string gzip(std::string_view text) {
    z_stream z{};
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("deflateInit2 failed");
    std::string out(deflateBound(&z, static_cast<uLong>(text.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END) throw std::runtime_error("deflate did not finish");
    return out;
}

/// A gzip member whose trailer CRC-32 no longer matches its data.
inline std::string gzip_with_bad_crc(std::string_view text) {
    std::string member = gzip(text);
    member[member.size() - 8] = static_cast<char>(member[member.size() - 8] ^ 0x55);  // first CRC byte
    return member;
}

/// 10 MiB of zeros: about 10 KB compressed, the classic small body that inflates enormously.
inline std::string gzip_bomb() { return gzip(std::string(10 * 1024 * 1024, '\0')); }

}  // namespace talentray::testing
