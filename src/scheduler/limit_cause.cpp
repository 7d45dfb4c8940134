// The words the counters, the CLI's summary and its --verbose lines use for each cause.
#include <talentray/scheduler/scheduler_counters.hpp>

namespace talentray {

const char* to_string(limit_cause cause) noexcept {
    switch (cause) {
    case limit_cause::configured: return "configured";
    case limit_cause::opening: return "opening burst";
    case limit_cause::advertised: return "advertised in rate-limit headers";
    case limit_cause::burst_refusal: return "429s inside a burst";
    case limit_cause::rate_refusal: return "429s at a steady pace";
    case limit_cause::clean_admissions: return "requests accepted without 429s";
    }
    return "unknown";
}

}  // namespace talentray
