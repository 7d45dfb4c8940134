// The failure of an invocation that the user must fix before anything is sent: exit status 2.
#pragma once

#include <stdexcept>
#include <string>

namespace talentray::cli {

/// A bad option, argument or input file, or an operation refused before it started (such as
/// overwriting an export). `what()` is a complete sentence naming the option or file at fault.
class usage_error : public std::runtime_error {
public:
    explicit usage_error(const std::string& message) : std::runtime_error(message) {}
};

/// A local failure while the command ran (an output file that cannot be written, a corrupt
/// checkpoint): exit status 1, `what()` names the file and the system's reason.
class local_failure : public std::runtime_error {
public:
    explicit local_failure(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace talentray::cli
