#include <talentray/scheduler/budget_registry.hpp>

#include <talentray/error.hpp>
#include <talentray/scheduler/rate_budget.hpp>

#include "shared_budget/make_admission_budget.hpp"

#include <openssl/evp.h>

#include <mutex>
#include <unordered_map>

namespace talentray {

namespace {

// Enough to tell keys apart within a process; short enough to read in a log line.
constexpr std::size_t digest_hex_digits = 16;

struct budget_registry {
    std::mutex mutex;
    std::unordered_map<std::string, std::weak_ptr<rate_budget>> budgets;
};

budget_registry& registry() {
    // Never destroyed: budgets may be looked up from static destructors of other objects.
    static auto* instance = new budget_registry;
    return *instance;
}

}  // namespace

std::string api_key_digest(std::string_view api_key) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(api_key.data(), api_key.size(), digest, &length, EVP_sha256(), nullptr) != 1 ||
        length * 2 < digest_hex_digits)
        throw_error(errc::invalid_argument, "api_key_digest: SHA-256 is unavailable in this OpenSSL");
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(digest_hex_digits);
    for (std::size_t i = 0; out.size() < digest_hex_digits; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 0x0f];
    }
    return out;
}

std::shared_ptr<rate_budget> shared_rate_budget(std::string_view api_key, const scheduler_options& options,
                                                log_handler logger) {
    std::string digest = api_key_digest(api_key);
    auto& r = registry();
    std::lock_guard lock{r.mutex};
    std::erase_if(r.budgets, [](const auto& entry) { return entry.second.expired(); });
    if (const auto found = r.budgets.find(digest); found != r.budgets.end())
        if (auto existing = found->second.lock()) return existing;
    std::shared_ptr<rate_budget> budget;
    if (options.shared_budget.empty()) {
        budget = std::make_shared<rate_budget>(options, digest);
    } else {
        validate(options);
        budget = std::shared_ptr<rate_budget>(new rate_budget(
            rate_budget::from_impl{}, detail::make_shared_admission_budget(options, digest, std::move(logger))));
    }
    r.budgets.insert_or_assign(std::move(digest), budget);
    return budget;
}

}  // namespace talentray
