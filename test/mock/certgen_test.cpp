// certgen: the certificates it makes verify (or fail to) exactly as a TLS client would judge them.
#include <talentray/certgen.hpp>

#include <catch2/catch.hpp>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <memory>
#include <stdexcept>

namespace certgen = talentray::certgen;
using namespace std::chrono_literals;

namespace {

struct x509_free_t { void operator()(X509* p) const { X509_free(p); } };
struct store_free_t { void operator()(X509_STORE* p) const { X509_STORE_free(p); } };
struct store_ctx_free_t { void operator()(X509_STORE_CTX* p) const { X509_STORE_CTX_free(p); } };
struct pkey_free_t { void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); } };
using x509_ptr = std::unique_ptr<X509, x509_free_t>;

x509_ptr parse_certificate(const std::string& pem) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio{BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())),
                                                 &BIO_free};
    x509_ptr cert{PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)};
    REQUIRE(cert != nullptr);
    return cert;
}

struct verification {
    std::string host;  // empty: no host-name check
    std::string ip;    // empty: no IP check
};

// Runs the chain verification a TLS client performs for a server (purpose sslserver) and returns
// X509_V_OK or the X509_V_ERR_* reason.
int verify(const std::string& leaf_pem, const std::string& trusted_pem, const verification& checks) {
    x509_ptr leaf = parse_certificate(leaf_pem);
    x509_ptr trusted = parse_certificate(trusted_pem);
    std::unique_ptr<X509_STORE, store_free_t> store{X509_STORE_new()};
    REQUIRE(X509_STORE_add_cert(store.get(), trusted.get()) == 1);
    std::unique_ptr<X509_STORE_CTX, store_ctx_free_t> context{X509_STORE_CTX_new()};
    REQUIRE(X509_STORE_CTX_init(context.get(), store.get(), leaf.get(), nullptr) == 1);
    X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(context.get());
    REQUIRE(X509_VERIFY_PARAM_set_purpose(param, X509_PURPOSE_SSL_SERVER) == 1);
    if (!checks.host.empty()) REQUIRE(X509_VERIFY_PARAM_set1_host(param, checks.host.c_str(), 0) == 1);
    if (!checks.ip.empty()) REQUIRE(X509_VERIFY_PARAM_set1_ip_asc(param, checks.ip.c_str()) == 1);
    const int ok = X509_verify_cert(context.get());
    const int reason = X509_STORE_CTX_get_error(context.get());
    ERR_clear_error();
    return ok == 1 ? X509_V_OK : reason;
}

certgen::certificate_request ca_request(std::string name) {
    certgen::certificate_request request;
    request.common_name = std::move(name);
    request.dns_names.clear();
    request.ip_addresses.clear();
    request.is_ca = true;
    return request;
}

}  // namespace

TEST_CASE("certgen: output is PEM and the key is EC P-256") {
    const certgen::pem_pair pair = certgen::make_self_signed({});
    CHECK(pair.certificate.rfind("-----BEGIN CERTIFICATE-----", 0) == 0);
    CHECK(pair.private_key.rfind("-----BEGIN PRIVATE KEY-----", 0) == 0);

    std::unique_ptr<BIO, decltype(&BIO_free)> bio{
        BIO_new_mem_buf(pair.private_key.data(), static_cast<int>(pair.private_key.size())), &BIO_free};
    std::unique_ptr<EVP_PKEY, pkey_free_t> key{PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)};
    REQUIRE(key != nullptr);
    CHECK(EVP_PKEY_is_a(key.get(), "EC"));
    CHECK(EVP_PKEY_get_bits(key.get()) == 256);
    x509_ptr cert = parse_certificate(pair.certificate);
    CHECK(X509_check_private_key(cert.get(), key.get()) == 1);
}

TEST_CASE("certgen: a CA-signed server certificate verifies for localhost and 127.0.0.1") {
    const certgen::pem_pair ca = certgen::make_self_signed(ca_request("talentray test CA"));
    const certgen::pem_pair leaf = certgen::make_signed_by({}, ca);
    CHECK(verify(leaf.certificate, ca.certificate, {.host = "localhost", .ip = ""}) == X509_V_OK);
    CHECK(verify(leaf.certificate, ca.certificate, {.host = "", .ip = "127.0.0.1"}) == X509_V_OK);
    CHECK(verify(leaf.certificate, ca.certificate, {.host = "example.com", .ip = ""}) ==
          X509_V_ERR_HOSTNAME_MISMATCH);
    CHECK(verify(leaf.certificate, ca.certificate, {.host = "", .ip = "127.0.0.2"}) == X509_V_ERR_IP_ADDRESS_MISMATCH);
}

TEST_CASE("certgen: subjectAltName carries every requested name") {
    certgen::certificate_request request;
    request.dns_names = {"api.test", "*.mock.test"};
    request.ip_addresses = {"::1", "10.1.2.3"};
    const certgen::pem_pair ca = certgen::make_self_signed(ca_request("CA"));
    const certgen::pem_pair leaf = certgen::make_signed_by(request, ca);
    CHECK(verify(leaf.certificate, ca.certificate, {.host = "api.test", .ip = ""}) == X509_V_OK);
    CHECK(verify(leaf.certificate, ca.certificate, {.host = "x.mock.test", .ip = ""}) == X509_V_OK);
    CHECK(verify(leaf.certificate, ca.certificate, {.host = "", .ip = "::1"}) == X509_V_OK);
    CHECK(verify(leaf.certificate, ca.certificate, {.host = "", .ip = "10.1.2.3"}) == X509_V_OK);
    CHECK(verify(leaf.certificate, ca.certificate, {.host = "localhost", .ip = ""}) == X509_V_ERR_HOSTNAME_MISMATCH);
}

TEST_CASE("certgen: a self-signed certificate is its own trust anchor and nobody else's") {
    const certgen::pem_pair self_signed = certgen::make_self_signed({});
    CHECK(verify(self_signed.certificate, self_signed.certificate, {.host = "localhost", .ip = "127.0.0.1"}) ==
          X509_V_OK);

    const certgen::pem_pair other_ca = certgen::make_self_signed(ca_request("another CA"));
    CHECK(verify(self_signed.certificate, other_ca.certificate, {.host = "localhost", .ip = ""}) ==
          X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT);
}

TEST_CASE("certgen: a leaf signed by one CA does not verify against another") {
    const certgen::pem_pair ca = certgen::make_self_signed(ca_request("CA one"));
    const certgen::pem_pair other_ca = certgen::make_self_signed(ca_request("CA two"));
    const certgen::pem_pair leaf = certgen::make_signed_by({}, ca);
    CHECK(verify(leaf.certificate, other_ca.certificate, {.host = "localhost", .ip = ""}) ==
          X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
}

TEST_CASE("certgen: validity window is honoured (expired and not yet valid)") {
    const certgen::pem_pair ca = certgen::make_self_signed(ca_request("CA"));

    certgen::certificate_request expired;
    expired.not_before_offset = -48h;
    expired.lifetime = 24h;
    const certgen::pem_pair old_leaf = certgen::make_signed_by(expired, ca);
    CHECK(verify(old_leaf.certificate, ca.certificate, {.host = "localhost", .ip = ""}) ==
          X509_V_ERR_CERT_HAS_EXPIRED);

    certgen::certificate_request future;
    future.not_before_offset = 24h;
    const certgen::pem_pair future_leaf = certgen::make_signed_by(future, ca);
    CHECK(verify(future_leaf.certificate, ca.certificate, {.host = "localhost", .ip = ""}) ==
          X509_V_ERR_CERT_NOT_YET_VALID);
}

TEST_CASE("certgen: a certificate issued by a non-CA does not verify") {
    const certgen::pem_pair not_a_ca = certgen::make_self_signed({});
    const certgen::pem_pair leaf = certgen::make_signed_by({}, not_a_ca);
    CHECK(verify(leaf.certificate, not_a_ca.certificate, {.host = "localhost", .ip = ""}) != X509_V_OK);
}

TEST_CASE("certgen: unusable requests are rejected naming the field") {
    auto message_of = [](auto&& make) -> std::string {
        try {
            make();
        } catch (const std::invalid_argument& e) {
            return e.what();
        }
        return "no exception";
    };
    certgen::certificate_request request;
    request.common_name.clear();
    CHECK_THAT(message_of([&] { certgen::make_self_signed(request); }), Catch::Contains("common_name"));

    request = {};
    request.lifetime = 0s;
    CHECK_THAT(message_of([&] { certgen::make_self_signed(request); }), Catch::Contains("lifetime"));

    request = {};
    request.ip_addresses = {"127.0.0.300"};
    CHECK_THAT(message_of([&] { certgen::make_self_signed(request); }), Catch::Contains("127.0.0.300"));

    request = {};
    request.dns_names = {"bad name,with comma"};
    CHECK_THAT(message_of([&] { certgen::make_self_signed(request); }), Catch::Contains("dns_names"));

    const certgen::pem_pair ca = certgen::make_self_signed(ca_request("CA"));
    const certgen::pem_pair other = certgen::make_self_signed(ca_request("other"));
    const certgen::pem_pair mismatched{ca.certificate, other.private_key};
    CHECK_THAT(message_of([&] { certgen::make_signed_by({}, mismatched); }), Catch::Contains("does not belong"));
    const certgen::pem_pair garbage{"not pem", ca.private_key};
    CHECK_THAT(message_of([&] { certgen::make_signed_by({}, garbage); }), Catch::Contains("issuer.certificate"));
}
