#include "gzip_encoding.hpp"

#ifdef TALENTRAY_WITH_ZLIB
#include <zlib.h>
#endif

#include <boost/beast/core/string.hpp>

#include <charconv>
#include <stdexcept>

namespace talentray::mock::detail {
namespace {

std::string_view trimmed(std::string_view text) noexcept {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// The q-value of one entry's parameters ("q=0.5"); 1 when absent, 0 when malformed (a client
// that cannot spell its preference does not get gzip).
double q_value(std::string_view parameters) noexcept {
    while (!parameters.empty()) {
        const std::size_t end = parameters.find(';');
        const std::string_view parameter = trimmed(parameters.substr(0, end));
        parameters = end == std::string_view::npos ? std::string_view{} : parameters.substr(end + 1);
        if (parameter.size() < 2 || (parameter[0] != 'q' && parameter[0] != 'Q') || parameter[1] != '=') continue;
        const std::string_view number = trimmed(parameter.substr(2));
        double q = 0;
        const auto [rest, error] = std::from_chars(number.data(), number.data() + number.size(), q);
        if (error != std::errc{} || rest != number.data() + number.size()) return 0;
        return q;
    }
    return 1;
}

}  // namespace

bool accepts_gzip(std::string_view accept_encoding) noexcept {
    double gzip_q = -1, any_q = -1;  // -1: not mentioned
    while (!accept_encoding.empty()) {
        const std::size_t end = accept_encoding.find(',');
        const std::string_view entry = accept_encoding.substr(0, end);
        accept_encoding = end == std::string_view::npos ? std::string_view{} : accept_encoding.substr(end + 1);
        const std::size_t semicolon = entry.find(';');
        const std::string_view coding = trimmed(entry.substr(0, semicolon));
        const double q = semicolon == std::string_view::npos ? 1 : q_value(entry.substr(semicolon + 1));
        if (boost::beast::iequals(coding, "gzip") || boost::beast::iequals(coding, "x-gzip")) gzip_q = q;
        else if (coding == "*") any_q = q;
    }
    if (gzip_q >= 0) return gzip_q > 0;
    return any_q > 0;
}

bool gzip_available() noexcept {
#ifdef TALENTRAY_WITH_ZLIB
    return true;
#else
    return false;
#endif
}

std::string gzip_compress([[maybe_unused]] std::string_view body) {
#ifdef TALENTRAY_WITH_ZLIB
    z_stream z{};
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("gzip: deflateInit2 failed");
    std::string out(deflateBound(&z, static_cast<uLong>(body.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
    z.avail_in = static_cast<uInt>(body.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);  // deflateBound leaves room for all of it in one call
    out.resize(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END) throw std::runtime_error("gzip: deflate did not finish");
    return out;
#else
    throw std::runtime_error("gzip: this build of the mock has no zlib");
#endif
}

}  // namespace talentray::mock::detail
