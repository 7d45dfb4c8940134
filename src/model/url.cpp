#include "model/url.hpp"

#include <algorithm>

namespace talentray {
namespace {

bool is_unreserved(char c) noexcept {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

void append_percent_encoded(std::string& out, char c) {
    constexpr char hex[] = "0123456789ABCDEF";
    const auto byte = static_cast<unsigned char>(c);
    out += '%';
    out += hex[byte >> 4];
    out += hex[byte & 0xF];
}

void append_encoded(std::string& out, std::string_view text) {
    for (const char c : text) {
        if (is_unreserved(c))
            out += c;
        else
            append_percent_encoded(out, c);
    }
}

bool is_placeholder_name_char(char c) noexcept {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

// Characters a template may carry literally: unreserved ones and the segment separator. Anything
// else would need encoding, which would hide a typo in a template.
bool is_literal_template_char(char c) noexcept {
    return is_unreserved(c) || c == '/';
}

error_info template_error(std::string_view path_template, std::string_view problem) {
    std::string message = "path template \"";
    message += path_template;
    message += "\" ";
    message += problem;
    return make_error_info(errc::invalid_argument, std::move(message));
}

error_info parameter_error(std::string_view name, std::string_view problem) {
    std::string message = "path parameter \"";
    message += name;
    message += "\" ";
    message += problem;
    return make_error_info(errc::invalid_argument, std::move(message));
}

}  // namespace

std::string encode_path_segment(std::string_view segment) {
    std::string out;
    // Only dots would survive plain encoding, and "." or ".." would then be resolved as dot-
    // segments by whatever normalises the path; %2E keeps them a plain name.
    if (!segment.empty() && std::all_of(segment.begin(), segment.end(), [](char c) { return c == '.'; })) {
        for (std::size_t i = 0; i < segment.size(); ++i) out += "%2E";
        return out;
    }
    out.reserve(segment.size());
    append_encoded(out, segment);
    return out;
}

std::string encode_query_component(std::string_view component) {
    std::string out;
    out.reserve(component.size());
    append_encoded(out, component);
    return out;
}

std::string encode_query(const query_params& params) {
    std::string out;
    for (const query_param& p : params) {
        if (!out.empty()) out += '&';
        append_encoded(out, p.name);
        out += '=';
        append_encoded(out, p.value);
    }
    return out;
}

result<std::string> build_path(std::string_view path_template, std::initializer_list<path_param> params) {
    if (path_template.empty() || path_template.front() != '/')
        return template_error(path_template, "must start with '/'");

    for (auto p = params.begin(); p != params.end(); ++p) {
        if (p->value.empty()) return parameter_error(p->name, "must not be empty");
        if (std::any_of(params.begin(), p, [&](const path_param& q) { return q.name == p->name; }))
            return parameter_error(p->name, "is given more than once");
    }

    std::string out;
    std::vector<bool> used(params.size(), false);
    std::size_t pos = 0;
    while (pos < path_template.size()) {
        const char c = path_template[pos];
        if (c == '}') return template_error(path_template, "has a '}' without '{'");
        if (c != '{') {
            if (!is_literal_template_char(c))
                return template_error(path_template, "has a character that would need encoding");
            out += c;
            ++pos;
            continue;
        }
        const std::size_t close = path_template.find('}', pos);
        if (close == std::string_view::npos) return template_error(path_template, "has an unclosed '{'");
        const std::string_view name = path_template.substr(pos + 1, close - pos - 1);
        if (name.empty() || !std::all_of(name.begin(), name.end(), is_placeholder_name_char))
            return template_error(path_template, "has a placeholder with an invalid name");
        const bool starts_segment = pos > 0 && path_template[pos - 1] == '/';
        const bool ends_segment = close + 1 == path_template.size() || path_template[close + 1] == '/';
        if (!starts_segment || !ends_segment)
            return template_error(path_template, "has a placeholder that is not a whole segment");
        const auto value = std::find_if(params.begin(), params.end(),
                                        [&](const path_param& p) { return p.name == name; });
        if (value == params.end()) return parameter_error(name, "has no value");
        out += encode_path_segment(value->value);
        used[static_cast<std::size_t>(value - params.begin())] = true;
        pos = close + 1;
    }

    // A parameter no placeholder asked for is a typo in the caller's name for it.
    const auto unused = std::find(used.begin(), used.end(), false);
    if (unused != used.end()) {
        const path_param& p = *(params.begin() + (unused - used.begin()));
        return parameter_error(p.name, "does not appear in \"" + std::string(path_template) + '"');
    }
    return out;
}

std::string make_target(std::string_view path, const query_params& query) {
    std::string target(path);
    if (!query.empty()) {
        target += '?';
        target += encode_query(query);
    }
    return target;
}

}  // namespace talentray
