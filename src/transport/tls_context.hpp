// The TLS client context shared by every connection of one client.
#pragma once

#include <talentray/connection_options.hpp>
#include <talentray/error.hpp>

#include <boost/asio/ssl/context.hpp>

#include <memory>

namespace talentray::detail {

/// Builds a client context: TLS 1.2 minimum, peer verification against the system store (or
/// `ca_file` / `ca_pem`), client-side session caching for resumption. Fails with
/// errc::invalid_argument naming the CA file or PEM that could not be loaded.
result<std::shared_ptr<boost::asio::ssl::context>> make_tls_context(const tls_options& options);

}  // namespace talentray::detail
