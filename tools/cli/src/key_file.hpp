// Reading the API key from --api-key-file without leaving copies of it behind.
#pragma once

#include <talentray/secret.hpp>

#include <cstddef>
#include <string>

namespace talentray::cli {

/// The largest key file accepted: a key is 67 bytes; anything much larger is the wrong file.
inline constexpr std::size_t max_key_file_size = 4096;

/// The key in `path`, with trailing CR/LF removed. The file is read with read(2) into one
/// buffer that is wiped (OPENSSL_cleanse) before it is released, and the key goes from there
/// straight into the `secret`. Throws `usage_error` naming `--api-key-file` when the path does
/// not exist, is not a regular file (a directory, a device, a pipe), cannot be read, is larger
/// than `max_key_file_size` or holds no key. No message repeats the path (a key pasted in place
/// of a path would be printed) or the content.
secret read_api_key_file(const std::string& path);

}  // namespace talentray::cli
