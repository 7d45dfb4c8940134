// GET /api/v1/me, the one endpoint that lives on the client itself: a member of `client`
// defined here, with the other endpoint calls, because it sends through `exchange` (src/api)
// and the client layer may not include the layer above it.
#include <talentray/client.hpp>
#include <talentray/model/me.hpp>

#include "api/exchange.hpp"
#include "api/requests.hpp"

namespace talentray {

namespace asio = boost::asio;

asio::awaitable<result<talentray::me>> client::try_me() const {
    return detail::exchange<talentray::me>(detail::share_internals(*this), detail::wire::get_me(), call_options{});
}

asio::awaitable<talentray::me> client::me() const { return detail::value_or_throw(try_me()); }

}  // namespace talentray
