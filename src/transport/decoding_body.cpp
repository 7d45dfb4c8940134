#include "transport/decoding_body.hpp"

#include "base/http_text.hpp"
#include "base/quoted_text.hpp"

#ifdef TALENTRAY_WITH_ZLIB
#include "transport/gzip_decoder.hpp"
#endif

#include <boost/beast/core/string.hpp>

namespace talentray::detail {

namespace http = boost::beast::http;

namespace {

// A body the client cannot or will not decode is a wrong response, not a network failure: it
// arrived complete, and sending the request again brings the same bytes. invalid_response is
// not retried. (A connection broken mid-body fails earlier, as partial_message, and is retried
// as a network failure.)
void refuse(boost::system::error_code& ec, decoding_body::value_type& body, std::string why) {
    body.failure = std::move(why);
    ec = errc::invalid_response;
}

}  // namespace

content_coding coding_of(std::string_view content_encoding) noexcept {
    const std::string_view coding = http_text::trim_ows(content_encoding);
    if (coding.empty() || boost::beast::iequals(coding, "identity")) return content_coding::identity;
    if (boost::beast::iequals(coding, "gzip") || boost::beast::iequals(coding, "x-gzip")) return content_coding::gzip;
    return content_coding::unsupported;
}

bool gzip_supported() noexcept {
#ifdef TALENTRAY_WITH_ZLIB
    return true;
#else
    return false;
#endif
}

void decoding_body::reader::decoder_deleter::operator()([[maybe_unused]] gzip_decoder* decoder) const noexcept {
#ifdef TALENTRAY_WITH_ZLIB
    delete decoder;
#endif
}

void decoding_body::reader::init(const boost::optional<std::uint64_t>& length, boost::system::error_code& ec) {
    // The parser builds the reader before the header arrives; the coding is known only now.
    const std::string_view field = content_encoding_of_(header_);
    const content_coding coding = coding_of(field);
    if (coding == content_coding::unsupported || (coding == content_coding::gzip && !gzip_supported())) {
        refuse(ec, body_, "response has Content-Encoding " + quoted(field) +
                              ", which the client does not decode" +
                              (gzip_supported() ? " (it accepts gzip)" : " (this build has no zlib)"));
        return;
    }
    ec = {};
#ifdef TALENTRAY_WITH_ZLIB
    if (coding == content_coding::gzip) {
        decoder_.reset(new gzip_decoder(body_.max_decoded_size));
        return;
    }
#endif
    // Identity: as http::string_body, one allocation when the length is announced.
    if (length && *length <= body_.max_decoded_size) body_.text.reserve(static_cast<std::size_t>(*length));
}

void decoding_body::reader::put_one(std::string_view piece, boost::system::error_code& ec) {
#ifdef TALENTRAY_WITH_ZLIB
    if (decoder_) {
        const gzip_status status = decoder_->feed(piece, body_.text);
        if (status == gzip_status::ok) {
            ec = {};
            return;
        }
        body_.failure = decoder_->failure();
        ec = status == gzip_status::too_large ? errc::body_too_large : errc::invalid_response;
        return;
    }
#endif
    // The parser's body_limit already bounds identity bodies by their wire size.
    body_.text.append(piece);
    ec = {};
}

void decoding_body::reader::finish(boost::system::error_code& ec) {
    ec = {};
#ifdef TALENTRAY_WITH_ZLIB
    if (decoder_ && decoder_->finish() != gzip_status::ok) refuse(ec, body_, decoder_->failure());
#endif
}

}  // namespace talentray::detail
