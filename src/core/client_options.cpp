#include <talentray/client_options.hpp>

#include <cstdlib>

namespace talentray {

client_options client_options::from_env() {
    client_options options;
    if (const char* key = std::getenv("TALENTRAY_API_KEY"); key && *key) options.api_key = secret{key};
    if (const char* url = std::getenv("TALENTRAY_BASE_URL"); url && *url) options.base_url = url;
    if (const char* ca = std::getenv("TALENTRAY_CA_FILE"); ca && *ca) options.tls.ca_file = ca;
    return options;
}

}  // namespace talentray
