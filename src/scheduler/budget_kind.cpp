// The words the counters and the CLI's summary use for the budget in use.
#include <talentray/scheduler/scheduler_counters.hpp>

namespace talentray {

const char* to_string(budget_kind kind) noexcept {
    switch (kind) {
    case budget_kind::local: return "local";
    case budget_kind::shared: return "shared";
    case budget_kind::fallback: return "fallback";
    }
    return "unknown";
}

}  // namespace talentray
