#include <talentray/certgen.hpp>

#include "openssl_handles.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include <algorithm>
#include <stdexcept>

namespace talentray::certgen {
namespace {

using namespace detail;

bool is_dns_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '*';
}

void validate(const certificate_request& request) {
    if (request.common_name.empty()) throw std::invalid_argument("certgen: common_name must not be empty");
    if (request.lifetime.count() <= 0)
        throw std::invalid_argument("certgen: lifetime must be positive, got " +
                                    std::to_string(request.lifetime.count()) + " s");
    for (const std::string& name : request.dns_names) {
        if (name.empty() || !std::all_of(name.begin(), name.end(), is_dns_name_char))
            throw std::invalid_argument("certgen: dns_names entry '" + name + "' is not a DNS name");
    }
}

pkey_ptr generate_key() {
    pkey_ptr key{EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")};
    check(key != nullptr, "EVP_PKEY_Q_keygen(EC P-256)");
    return key;
}

// RFC 5280 allows up to 20 octets and requires a positive number; 159 random bits satisfy both
// and make collisions between certificates of one test run practically impossible.
void set_random_serial(X509* cert) {
    bignum_ptr serial{BN_new()};
    check(serial != nullptr, "BN_new");
    check(BN_rand(serial.get(), 159, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1, "BN_rand(serial)");
    check(BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert)) != nullptr, "BN_to_ASN1_INTEGER(serial)");
}

void set_validity(X509* cert, const certificate_request& request) {
    const long not_before = static_cast<long>(request.not_before_offset.count());
    const long not_after = static_cast<long>((request.not_before_offset + request.lifetime).count());
    check(X509_gmtime_adj(X509_getm_notBefore(cert), not_before) != nullptr, "X509_gmtime_adj(notBefore)");
    check(X509_gmtime_adj(X509_getm_notAfter(cert), not_after) != nullptr, "X509_gmtime_adj(notAfter)");
}

void set_subject(X509* cert, const std::string& common_name) {
    X509_NAME* name = X509_get_subject_name(cert);
    const auto* bytes = reinterpret_cast<const unsigned char*>(common_name.data());
    check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, bytes, static_cast<int>(common_name.size()), -1,
                                     0) == 1,
          "X509_NAME_add_entry_by_txt(CN)");
}

void add_extension(X509* cert, X509V3_CTX& context, int nid, const char* value) {
    extension_ptr extension{X509V3_EXT_conf_nid(nullptr, &context, nid, value)};
    if (extension == nullptr) throw_openssl_failure(std::string("X509V3_EXT_conf_nid(") + OBJ_nid2sn(nid) + ")");
    check(X509_add_ext(cert, extension.get(), -1) == 1, std::string("X509_add_ext(") + OBJ_nid2sn(nid) + ")");
}

general_names_ptr subject_alt_names(const certificate_request& request) {
    general_names_ptr names{GENERAL_NAMES_new()};
    check(names != nullptr, "GENERAL_NAMES_new");
    for (const std::string& dns : request.dns_names) {
        general_name_ptr entry{GENERAL_NAME_new()};
        ASN1_IA5STRING* text = ASN1_IA5STRING_new();
        check(entry != nullptr && text != nullptr, "GENERAL_NAME_new(DNS)");
        GENERAL_NAME_set0_value(entry.get(), GEN_DNS, text);
        check(ASN1_STRING_set(text, dns.data(), static_cast<int>(dns.size())) == 1, "ASN1_STRING_set(DNS)");
        check(sk_GENERAL_NAME_push(names.get(), entry.get()) > 0, "sk_GENERAL_NAME_push(DNS)");
        entry.release();
    }
    for (const std::string& ip : request.ip_addresses) {
        general_name_ptr entry{GENERAL_NAME_new()};
        check(entry != nullptr, "GENERAL_NAME_new(IP)");
        ASN1_OCTET_STRING* address = a2i_IPADDRESS(ip.c_str());
        if (address == nullptr)
            throw std::invalid_argument("certgen: ip_addresses entry '" + ip + "' is not an IP address");
        GENERAL_NAME_set0_value(entry.get(), GEN_IPADD, address);
        check(sk_GENERAL_NAME_push(names.get(), entry.get()) > 0, "sk_GENERAL_NAME_push(IP)");
        entry.release();
    }
    return names;
}

// `issuer` is null for a self-signed certificate; the new certificate then signs itself.
x509_ptr build_certificate(const certificate_request& request, EVP_PKEY* subject_key, X509* issuer,
                           EVP_PKEY* issuer_key) {
    x509_ptr cert{X509_new()};
    check(cert != nullptr, "X509_new");
    check(X509_set_version(cert.get(), X509_VERSION_3) == 1, "X509_set_version");
    set_random_serial(cert.get());
    set_validity(cert.get(), request);
    set_subject(cert.get(), request.common_name);
    X509* signer = issuer != nullptr ? issuer : cert.get();
    check(X509_set_issuer_name(cert.get(), X509_get_subject_name(signer)) == 1, "X509_set_issuer_name");
    check(X509_set_pubkey(cert.get(), subject_key) == 1, "X509_set_pubkey");

    X509V3_CTX context;
    X509V3_set_ctx(&context, signer, cert.get(), nullptr, nullptr, 0);
    if (request.is_ca) {
        add_extension(cert.get(), context, NID_basic_constraints, "critical,CA:TRUE");
        add_extension(cert.get(), context, NID_key_usage, "critical,keyCertSign,cRLSign,digitalSignature");
    } else {
        add_extension(cert.get(), context, NID_basic_constraints, "critical,CA:FALSE");
        add_extension(cert.get(), context, NID_key_usage, "critical,digitalSignature");
        add_extension(cert.get(), context, NID_ext_key_usage, "serverAuth,clientAuth");
    }
    add_extension(cert.get(), context, NID_subject_key_identifier, "hash");
    if (issuer != nullptr) add_extension(cert.get(), context, NID_authority_key_identifier, "keyid:always");
    if (!request.dns_names.empty() || !request.ip_addresses.empty()) {
        general_names_ptr names = subject_alt_names(request);
        check(X509_add1_ext_i2d(cert.get(), NID_subject_alt_name, names.get(), 0, X509V3_ADD_DEFAULT) == 1,
              "X509_add1_ext_i2d(subjectAltName)");
    }

    check(X509_sign(cert.get(), issuer_key, EVP_sha256()) > 0, "X509_sign");
    return cert;
}

bio_ptr memory_bio() {
    bio_ptr bio{BIO_new(BIO_s_mem())};
    check(bio != nullptr, "BIO_new(memory)");
    return bio;
}

pem_pair to_pem(X509* cert, EVP_PKEY* key) {
    bio_ptr cert_bio = memory_bio();
    check(PEM_write_bio_X509(cert_bio.get(), cert) == 1, "PEM_write_bio_X509");
    bio_ptr key_bio = memory_bio();
    check(PEM_write_bio_PrivateKey(key_bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
          "PEM_write_bio_PrivateKey");
    return pem_pair{bio_contents(cert_bio.get()), bio_contents(key_bio.get())};
}

bio_ptr read_only_bio(const std::string& text) {
    bio_ptr bio{BIO_new_mem_buf(text.data(), static_cast<int>(text.size()))};
    check(bio != nullptr, "BIO_new_mem_buf");
    return bio;
}

}  // namespace

pem_pair make_self_signed(const certificate_request& request) {
    validate(request);
    pkey_ptr key = generate_key();
    x509_ptr cert = build_certificate(request, key.get(), nullptr, key.get());
    return to_pem(cert.get(), key.get());
}

pem_pair make_signed_by(const certificate_request& request, const pem_pair& issuer) {
    validate(request);
    bio_ptr cert_bio = read_only_bio(issuer.certificate);
    x509_ptr issuer_cert{PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr)};
    bio_ptr key_bio = read_only_bio(issuer.private_key);
    pkey_ptr issuer_key{PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr)};
    ERR_clear_error();  // a failed parse is reported below as bad input, not as an OpenSSL step
    if (issuer_cert == nullptr) throw std::invalid_argument("certgen: issuer.certificate is not a PEM certificate");
    if (issuer_key == nullptr) throw std::invalid_argument("certgen: issuer.private_key is not a PEM private key");
    if (X509_check_private_key(issuer_cert.get(), issuer_key.get()) != 1) {
        ERR_clear_error();
        throw std::invalid_argument("certgen: issuer.private_key does not belong to issuer.certificate");
    }

    pkey_ptr key = generate_key();
    x509_ptr cert = build_certificate(request, key.get(), issuer_cert.get(), issuer_key.get());
    return to_pem(cert.get(), key.get());
}

}  // namespace talentray::certgen
