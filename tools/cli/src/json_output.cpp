#include "json_output.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace talentray::cli {
namespace {

void indent(std::string& out, int depth) { out.append(static_cast<std::size_t>(depth) * 2, ' '); }

void write_pretty(std::string& out, const boost::json::value& value, int depth) {
    if (const auto* object = value.if_object()) {
        if (object->empty()) {
            out += "{}";
            return;
        }
        out += "{\n";
        bool first = true;
        for (const auto& member : *object) {
            if (!first) out += ",\n";
            first = false;
            indent(out, depth + 1);
            out += boost::json::serialize(boost::json::string_view{member.key()});
            out += ": ";
            write_pretty(out, member.value(), depth + 1);
        }
        out += '\n';
        indent(out, depth);
        out += '}';
    } else if (const auto* array = value.if_array()) {
        if (array->empty()) {
            out += "[]";
            return;
        }
        out += "[\n";
        bool first = true;
        for (const auto& element : *array) {
            if (!first) out += ",\n";
            first = false;
            indent(out, depth + 1);
            write_pretty(out, element, depth + 1);
        }
        out += '\n';
        indent(out, depth);
        out += ']';
    } else {
        out += boost::json::serialize(value);
    }
}

}  // namespace

std::string pretty_json(const boost::json::value& value) {
    std::string out;
    write_pretty(out, value, 0);
    out += '\n';
    return out;
}

std::string json_line(const boost::json::value& value) {
    std::string out = boost::json::serialize(value);
    out += '\n';
    return out;
}

}  // namespace talentray::cli
