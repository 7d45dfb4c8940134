#include "error_report.hpp"

#include "exit_codes.hpp"

#include <algorithm>

namespace talentray::cli {
namespace {

std::string join(const std::vector<std::string>& items) {
    if (items.empty()) return "(none)";
    std::string text;
    for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
    return text;
}

}  // namespace

std::vector<std::string> missing_scopes(const std::vector<std::string>& required,
                                        const std::vector<std::string>& granted) {
    std::vector<std::string> missing;
    for (const std::string& scope : required)
        if (std::find(granted.begin(), granted.end(), scope) == granted.end()) missing.push_back(scope);
    return missing;
}

std::string format_error(const boost::system::error_code& code, const diagnostics& diag) {
    // The SDK's own messages already say what kind of failure it is ("not found (404)"); codes
    // of the system or of OpenSSL do not ("Connection refused").
    std::string text = "talentray: ";
    if (code.category() != talentray::error_category()) {
        text += describe(exit_code_for(code));
        text += ": ";
    }
    text += code.message();
    text += '\n';
    if (const std::string detail = diag.to_string(); !detail.empty()) text += "  " + detail + "\n";
    if (!diag.required_scopes.empty()) {
        text += "  missing scopes: " + join(missing_scopes(diag.required_scopes, diag.granted_scopes)) + "\n";
        text += "  granted scopes: " + join(diag.granted_scopes) + "\n";
    }
    return text;
}

}  // namespace talentray::cli
