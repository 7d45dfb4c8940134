#include "transport/tls_context.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

namespace talentray::detail {
namespace ssl = boost::asio::ssl;

namespace {

std::string openssl_reason(const boost::system::error_code& ec) {
    std::string out = ec.message();
    if (unsigned long e = ERR_peek_last_error()) {
        char buf[256];
        ERR_error_string_n(e, buf, sizeof buf);
        out += " (";
        out += buf;
        out += ')';
    }
    ERR_clear_error();
    return out;
}

}  // namespace

result<std::shared_ptr<ssl::context>> make_tls_context(const tls_options& options) {
    auto ctx = std::make_shared<ssl::context>(ssl::context::tls_client);
    ctx->set_options(ssl::context::default_workarounds | ssl::context::no_compression);
    SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
    // Resumption: sessions are kept per pool and offered on reconnect (see connection.cpp).
    SSL_CTX_set_session_cache_mode(ctx->native_handle(), SSL_SESS_CACHE_CLIENT);

    boost::system::error_code ec;
    if (options.disable_verification_dangerously) {
        ctx->set_verify_mode(ssl::verify_none);
        return ctx;
    }
    ctx->set_verify_mode(ssl::verify_peer);
    if (options.ca_file.empty() && options.ca_pem.empty()) {
        ctx->set_default_verify_paths(ec);
        if (ec) return make_error_info(errc::invalid_argument,
                                       "cannot load the system CA store: " + openssl_reason(ec));
    }
    if (!options.ca_file.empty()) {
        ctx->load_verify_file(options.ca_file, ec);
        if (ec) return make_error_info(errc::invalid_argument, "cannot load CA file '" + options.ca_file +
                                                                   "': " + openssl_reason(ec));
    }
    if (!options.ca_pem.empty()) {
        ctx->add_certificate_authority(boost::asio::buffer(options.ca_pem), ec);
        if (ec) return make_error_info(errc::invalid_argument,
                                       "cannot load the in-memory CA PEM: " + openssl_reason(ec));
    }
    return ctx;
}

}  // namespace talentray::detail
