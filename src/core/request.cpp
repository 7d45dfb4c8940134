#include <talentray/request.hpp>

namespace talentray {

bool request_spec::is_idempotent() const noexcept {
    if (idempotent) return *idempotent;
    switch (method) {
    case http_method::get:
    case http_method::head:
    case http_method::put:
    case http_method::delete_:
    case http_method::options: return true;
    default: return false;
    }
}

}  // namespace talentray
