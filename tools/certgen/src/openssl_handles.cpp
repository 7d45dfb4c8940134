#include "openssl_handles.hpp"

#include <openssl/err.h>

#include <stdexcept>

namespace talentray::certgen::detail {

void throw_openssl_failure(std::string_view step) {
    std::string message = "certgen: ";
    message.append(step);
    message += " failed";
    const char* separator = ": ";
    while (unsigned long code = ERR_get_error()) {
        char reason[256];
        ERR_error_string_n(code, reason, sizeof reason);
        message += separator;
        message += reason;
        separator = "; ";
    }
    throw std::runtime_error(message);
}

std::string bio_contents(BIO* bio) {
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    if (size < 0 || (size > 0 && data == nullptr)) throw_openssl_failure("BIO_get_mem_data");
    return std::string(data, static_cast<std::size_t>(size));
}

}  // namespace talentray::certgen::detail
