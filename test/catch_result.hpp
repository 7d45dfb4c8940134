// Lets Catch2 print talentray::result<T> in failed assertions: the error's code and diagnostics.
#pragma once

#include <talentray/error.hpp>

#include <catch2/catch.hpp>

#include <sstream>

namespace Catch {

template <class T>
struct StringMaker<boost::system::result<T, talentray::error_info>> {
    static std::string convert(const boost::system::result<T, talentray::error_info>& r) {
        if (r.has_value()) return "{value}";
        std::ostringstream out;
        out << "{error: " << r.error() << "}";
        return out.str();
    }
};

}  // namespace Catch
