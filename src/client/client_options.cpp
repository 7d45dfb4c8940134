#include <talentray/client_options.hpp>

#include <cstdlib>

namespace talentray {

client_options client_options::from_env() {
    client_options options;
    if (const char* key = std::getenv("TALENTRAY_API_KEY"); key && *key) options.api_key = secret{key};
    if (const char* url = std::getenv("TALENTRAY_BASE_URL"); url && *url) options.base_url = url;
    if (const char* ca = std::getenv("TALENTRAY_CA_FILE"); ca && *ca) options.tls.ca_file = ca;
    if (const char* redis = std::getenv("TALENTRAY_SHARED_BUDGET"); redis && *redis)
        options.scheduler.shared_budget = redis;
    // curl's order: the lower-case name first (the upper-case HTTP_PROXY is unsafe in CGI
    // programs, which is why curl never reads it; HTTPS_PROXY has no such problem).
    for (const char* name : {"https_proxy", "HTTPS_PROXY"})
        if (const char* proxy = std::getenv(name); proxy && *proxy) {
            options.proxy = secret{proxy};
            break;
        }
    for (const char* name : {"no_proxy", "NO_PROXY"})
        if (const char* bypass = std::getenv(name); bypass && *bypass) {
            options.no_proxy = bypass;
            break;
        }
    return options;
}

}  // namespace talentray
