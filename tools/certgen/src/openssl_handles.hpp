// Owning handles for the OpenSSL objects certgen builds, and the one way it reports a failed
// OpenSSL call (so every error message names its step and carries OpenSSL's reason).
#pragma once

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string>
#include <string_view>

namespace talentray::certgen::detail {

template <class T, void (*Free)(T*)>
struct openssl_deleter {
    void operator()(T* p) const noexcept { Free(p); }
};

inline void free_bio(BIO* b) { BIO_free_all(b); }
inline void free_general_names(GENERAL_NAMES* n) { GENERAL_NAMES_free(n); }

using bio_ptr = std::unique_ptr<BIO, openssl_deleter<BIO, free_bio>>;
using bignum_ptr = std::unique_ptr<BIGNUM, openssl_deleter<BIGNUM, BN_free>>;
using pkey_ptr = std::unique_ptr<EVP_PKEY, openssl_deleter<EVP_PKEY, EVP_PKEY_free>>;
using x509_ptr = std::unique_ptr<X509, openssl_deleter<X509, X509_free>>;
using extension_ptr = std::unique_ptr<X509_EXTENSION, openssl_deleter<X509_EXTENSION, X509_EXTENSION_free>>;
using general_names_ptr = std::unique_ptr<GENERAL_NAMES, openssl_deleter<GENERAL_NAMES, free_general_names>>;
using general_name_ptr = std::unique_ptr<GENERAL_NAME, openssl_deleter<GENERAL_NAME, GENERAL_NAME_free>>;

/// Throws std::runtime_error "certgen: <step> failed: <OpenSSL reasons>" and clears the thread's
/// OpenSSL error queue, so a later failure does not report this one's reasons.
[[noreturn]] void throw_openssl_failure(std::string_view step);

/// Throws (via throw_openssl_failure) when `ok` is false; returns nothing otherwise.
inline void check(bool ok, std::string_view step) {
    if (!ok) throw_openssl_failure(step);
}

/// Returns everything written to a memory BIO so far.
std::string bio_contents(BIO* bio);

}  // namespace talentray::certgen::detail
