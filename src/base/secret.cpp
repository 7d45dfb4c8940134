#include <talentray/secret.hpp>

#include <openssl/crypto.h>

namespace talentray {

secret::secret(secret&& other) noexcept : value_(std::move(other.value_)) { other.wipe(); }

secret& secret::operator=(const secret& other) {
    if (this != &other) {
        wipe();
        value_ = other.value_;
    }
    return *this;
}

secret& secret::operator=(secret&& other) noexcept {
    if (this != &other) {
        wipe();
        value_ = std::move(other.value_);
        other.wipe();
    }
    return *this;
}

secret::~secret() { wipe(); }

void secret::wipe() noexcept {
    // The small-string buffer or the heap block is cleansed before it is released, so the key
    // does not linger in freed memory (or a core dump) after its last owner is gone.
    if (!value_.empty()) OPENSSL_cleanse(value_.data(), value_.size());
    value_.clear();
}

std::string secret::redacted() const {
    if (value_.empty()) return "(empty)";
    return value_.substr(0, std::min<std::size_t>(7, value_.size() / 4)) + "…";
}

}  // namespace talentray
