#include <talentray/response.hpp>

#include <talentray/error.hpp>

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cctype>

namespace talentray {

std::string_view response::header(std::string_view name) const noexcept {
    for (const auto& [key, value] : headers) {
        if (key.size() == name.size() &&
            std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
            }))
            return value;
    }
    return {};
}

boost::json::value response::json() const {
    boost::json::parse_options options;
    options.max_depth = 64;  // a hostile body must not exhaust the stack
    boost::system::error_code ec;
    boost::json::storage_ptr storage;
    auto value = boost::json::parse(body, ec, std::move(storage), options);
    if (ec)
        throw_error(errc::invalid_response, "response body is not valid JSON (" + ec.message() + ", " +
                                                std::to_string(body.size()) + " bytes)");
    return value;
}

}  // namespace talentray
