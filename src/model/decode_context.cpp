#include "model/decode_context.hpp"

#include <utility>

namespace talentray::model_json {

void decode_context::fail(std::string_view problem) {
    if (failure_) return;
    std::string message = render_path();
    message += ": ";
    message += problem;
    failure_ = std::move(message);
}

void decode_context::fail_type(std::string_view expected, const boost::json::value& got) {
    if (failure_) return;
    std::string problem = "expected ";
    problem += expected;
    problem += ", got ";
    problem += json_kind_name(got);
    fail(problem);
}

error_info decode_context::take_error() {
    return make_error_info(errc::invalid_response, std::move(failure_).value_or("invalid JSON"));
}

std::string decode_context::render_path() const {
    // The document itself has no name of its own; "(root)" keeps messages readable when the
    // whole body has the wrong shape.
    if (path_.empty()) return "(root)";
    std::string out;
    for (const segment& s : path_) {
        if (s.key.empty()) {
            out += '[';
            out += std::to_string(s.index);
            out += ']';
        } else {
            if (!out.empty()) out += '.';
            out += s.key;
        }
    }
    return out;
}

std::string_view json_kind_name(const boost::json::value& value) noexcept {
    switch (value.kind()) {
    case boost::json::kind::null: return "null";
    case boost::json::kind::bool_: return "boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64: return "integer";
    case boost::json::kind::double_: return "number";
    case boost::json::kind::string: return "string";
    case boost::json::kind::array: return "array";
    case boost::json::kind::object: return "object";
    }
    return "unknown";
}

}  // namespace talentray::model_json
