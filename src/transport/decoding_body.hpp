// A Beast body type that stores a response body as it arrives and undoes its Content-Encoding on
// the way: identity bodies are copied as http::string_body copies them; gzip bodies are inflated
// piece by piece as the parser hands them over, so no compressed copy is ever kept.
#pragma once

#include <talentray/error.hpp>

#include <boost/beast/core/buffers_range.hpp>
#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional/optional.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace talentray::detail {

class gzip_decoder;

/// The coding of a body, from its Content-Encoding field.
enum class content_coding { identity, gzip, unsupported };

/// `identity` for an absent or empty field or "identity"; `gzip` for "gzip" or "x-gzip" (any
/// case, surrounding spaces ignored); `unsupported` for anything else, including a list of
/// codings ("gzip, br"). Pure.
content_coding coding_of(std::string_view content_encoding) noexcept;

/// True when this build can decode gzip (it was built with zlib).
bool gzip_supported() noexcept;

struct decoding_body {
    struct value_type {
        std::string text;                         ///< the decoded body
        std::size_t max_decoded_size = SIZE_MAX;  ///< set before reading: the cap on `text`
        std::string failure;                      ///< why the body was refused, when it was
    };

    /// Fails the read with errc::body_too_large (decoded size past the cap) or
    /// errc::invalid_response (unknown coding, corrupt or truncated gzip); `failure` says which.
    class reader {
    public:
        /// Beast builds the reader before the header is parsed: it keeps the header to read
        /// Content-Encoding in `init`.
        template <bool is_request, class Fields>
        explicit reader(boost::beast::http::header<is_request, Fields>& header, value_type& body)
            : header_(&header), content_encoding_of_(&content_encoding_field<is_request, Fields>), body_(body) {}
        reader(const reader&) = delete;
        reader& operator=(const reader&) = delete;

        void init(const boost::optional<std::uint64_t>& length, boost::system::error_code& ec);

        template <class ConstBufferSequence>
        std::size_t put(const ConstBufferSequence& buffers, boost::system::error_code& ec) {
            std::size_t total = 0;
            for (auto piece : boost::beast::buffers_range_ref(buffers)) {
                put_one({static_cast<const char*>(piece.data()), piece.size()}, ec);
                if (ec) return total;
                total += piece.size();
            }
            return total;
        }

        void finish(boost::system::error_code& ec);

    private:
        template <bool is_request, class Fields>
        static std::string_view content_encoding_field(const void* header) {
            const auto& fields = *static_cast<const boost::beast::http::header<is_request, Fields>*>(header);
            return fields[boost::beast::http::field::content_encoding];
        }
        void put_one(std::string_view piece, boost::system::error_code& ec);

        const void* header_;
        std::string_view (*content_encoding_of_)(const void*);
        value_type& body_;
        // Deleted out of line: gzip_decoder is complete only where zlib is compiled in.
        struct decoder_deleter {
            void operator()(gzip_decoder* decoder) const noexcept;
        };
        std::unique_ptr<gzip_decoder, decoder_deleter> decoder_;  ///< null for identity bodies
    };
};

}  // namespace talentray::detail
