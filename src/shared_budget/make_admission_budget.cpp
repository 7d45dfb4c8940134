#include "shared_budget/make_admission_budget.hpp"

#include <talentray/error.hpp>

#if TALENTRAY_WITH_REDIS
#include "shared_budget/admission_script.hpp"
#include "shared_budget/shared_admission_budget.hpp"
#endif

namespace talentray::detail {

std::shared_ptr<admission_budget> make_shared_admission_budget(const scheduler_options& options,
                                                               std::string key_digest,
                                                               log_handler logger) {
#if TALENTRAY_WITH_REDIS
    std::string identity = shared_budget_identity(key_digest);
    return std::make_shared<shared_admission_budget>(options, std::move(key_digest), std::move(identity),
                                                     std::move(logger));
#else
    (void)options, (void)key_digest, (void)logger;
    throw_error(errc::invalid_argument, "scheduler_options::shared_budget: this talentray library was built without "
                                        "Redis (TALENTRAY_WITH_REDIS=OFF); leave it empty");
#endif
}

}  // namespace talentray::detail
