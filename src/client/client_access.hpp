// The one way the layers above the client (the typed endpoints, the pagers) reach its shared
// internals, which the public header keeps private.
#pragma once

#include <talentray/client.hpp>

#include <memory>

namespace talentray::detail {

class client_impl;

struct client_access {
    /// The internals of `owner`; a caller that keeps the pointer keeps them alive after the
    /// `client` object is destroyed. Empty for a moved-from client.
    static const std::shared_ptr<client_impl>& internals(const client& owner) noexcept { return owner.impl_; }
};

}  // namespace talentray::detail
