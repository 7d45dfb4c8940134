#include "tls_description.hpp"

#include <openssl/ssl.h>

#include <memory>
#include <string_view>

namespace talentray::bench {

std::string negotiated_tls(const SSL* connection) {
    if (!connection) return "none";
    return std::string(SSL_get_version(connection)) + " " + SSL_CIPHER_get_name(SSL_get_current_cipher(connection));
}

std::string configured_tls13_suites() {
    std::unique_ptr<SSL_CTX, void (*)(SSL_CTX*)> ctx{SSL_CTX_new(TLS_client_method()), SSL_CTX_free};
    if (!ctx) return "unknown";
    std::string out = "configured:";
    STACK_OF(SSL_CIPHER)* ciphers = SSL_CTX_get_ciphers(ctx.get());
    for (int i = 0; i < sk_SSL_CIPHER_num(ciphers); ++i) {
        const SSL_CIPHER* cipher = sk_SSL_CIPHER_value(ciphers, i);
        if (std::string_view{SSL_CIPHER_get_version(cipher)} == "TLSv1.3") {
            out += ' ';
            out += SSL_CIPHER_get_name(cipher);
        }
    }
    if (SSL_CTX_get_min_proto_version(ctx.get()) == TLS1_3_VERSION) out += " (TLS 1.3 only)";
    return out;
}

}  // namespace talentray::bench
