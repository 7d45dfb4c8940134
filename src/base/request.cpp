#include <talentray/request.hpp>

namespace talentray {

bool request_spec::is_idempotent() const noexcept {
    return idempotent ? *idempotent : talentray::is_idempotent(method);
}

}  // namespace talentray
