// talentray/certgen.hpp — X.509 certificates made at run time (EC P-256, SHA-256), for the mock
// server and for tests that need a trusted CA, an untrusted one, or an expired certificate.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace talentray::certgen {

/// A certificate and its private key, both as PEM text.
struct pem_pair {
    std::string certificate;  ///< "-----BEGIN CERTIFICATE-----..."
    std::string private_key;  ///< "-----BEGIN PRIVATE KEY-----..." (PKCS#8, unencrypted)
};

/// What to put in a certificate. The defaults describe a server certificate for loopback that
/// is valid from an hour ago for 30 days.
struct certificate_request {
    std::string common_name = "localhost";
    std::vector<std::string> dns_names = {"localhost"};      ///< subjectAltName DNS entries
    std::vector<std::string> ip_addresses = {"127.0.0.1"};  ///< subjectAltName IP entries (v4 or v6)
    std::chrono::seconds not_before_offset{-3600};           ///< relative to now (negative = past)
    std::chrono::seconds lifetime{std::chrono::hours{24 * 30}};  ///< notAfter = notBefore + lifetime
    /// true: basicConstraints CA:TRUE and keyUsage keyCertSign/cRLSign (an issuer).
    /// false: basicConstraints CA:FALSE, keyUsage digitalSignature, extendedKeyUsage serverAuth
    /// and clientAuth (a TLS end entity).
    bool is_ca = false;
};

/// Makes a fresh key and a certificate for it, signed by that same key.
///
/// Returns the certificate and the new key as PEM. A self-signed end-entity certificate can be
/// trusted directly by a client (it is its own trust anchor).
/// Throws std::invalid_argument naming the field when the request is unusable (empty
/// common_name, a non-positive lifetime, an empty or malformed DNS name or IP address), and
/// std::runtime_error naming the OpenSSL step that failed, with OpenSSL's reason.
/// Thread-safe: it shares no state between calls.
pem_pair make_self_signed(const certificate_request& request);

/// Makes a fresh key and a certificate for it, signed by `issuer` (usually a certificate made by
/// make_self_signed with is_ca = true). The issuer name and authorityKeyIdentifier are taken from
/// the issuer's certificate.
///
/// Returns the certificate and the new key as PEM.
/// Throws what make_self_signed throws, and std::invalid_argument when `issuer` cannot be parsed
/// or its private key does not belong to its certificate.
/// Thread-safe: it shares no state between calls.
pem_pair make_signed_by(const certificate_request& request, const pem_pair& issuer);

}  // namespace talentray::certgen
