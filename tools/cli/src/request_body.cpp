#include "request_body.hpp"

#include "usage_error.hpp"

#include <boost/json/stream_parser.hpp>

#include <charconv>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace talentray::cli {
namespace {

std::string flag_name(const field_spec& spec) { return "--" + std::string(spec.flag); }

boost::json::value convert(const field_spec& spec, const field_input& input) {
    const std::string option = flag_name(spec);
    if (spec.type == field_type::string_list) {
        boost::json::array items;
        for (const std::string& value : input.values) {
            if (value.empty()) throw usage_error(option + ": an item is empty; separate items with single commas");
            items.emplace_back(value);
        }
        return items;
    }
    if (input.values.size() != 1) throw usage_error(option + ": give it once");
    const std::string& text = input.values.front();
    switch (spec.type) {
    case field_type::string: return boost::json::value(text);
    case field_type::integer: {
        std::int64_t number = 0;
        const char* end = text.data() + text.size();
        const auto [stop, ec] = std::from_chars(text.data(), end, number);
        if (text.empty() || ec != std::errc{} || stop != end)
            throw usage_error(option + ": '" + text + "' is not an integer");
        return number;
    }
    case field_type::boolean:
        if (text == "true") return true;
        if (text == "false") return false;
        throw usage_error(option + ": '" + text + "' is not true or false");
    case field_type::string_list: break;
    }
    return nullptr;
}

}  // namespace

boost::json::object parse_body(std::string_view text, std::string_view source) {
    boost::json::stream_parser parser;
    boost::system::error_code ec;
    const std::size_t used = parser.write(text.data(), text.size(), ec);
    if (!ec) parser.finish(ec);
    if (ec)
        throw usage_error("--body: " + std::string(source) + " is not valid JSON (" + ec.message() + " at byte " +
                          std::to_string(used) + ")");
    boost::json::value document = parser.release();
    if (!document.is_object())
        throw usage_error("--body: " + std::string(source) + " must hold a JSON object {...} of fields");
    return std::move(document.as_object());
}

boost::json::object read_body(const std::string& source) {
    if (source == "-") {
        const std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
        if (std::cin.bad()) throw usage_error("--body: cannot read standard input");
        return parse_body(text, "standard input");
    }
    std::ifstream in{source, std::ios::binary};
    if (!in) throw usage_error("--body: cannot open " + source);
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw usage_error("--body: cannot read " + source);
    return parse_body(text.str(), source);
}

boost::json::object build_body(std::span<const field_spec> specs, std::span<const field_input> inputs,
                               boost::json::object base) {
    for (const auto& member : base) {
        bool known = false;
        for (const field_spec& spec : specs) known = known || spec.json_name == member.key();
        if (!known) {
            std::string names;
            for (const field_spec& spec : specs) names += (names.empty() ? "" : ", ") + std::string(spec.json_name);
            throw usage_error("--body: unknown field \"" + std::string(member.key()) + "\"; this command takes " +
                              names);
        }
    }
    for (std::size_t i = 0; i < specs.size() && i < inputs.size(); ++i) {
        const field_spec& spec = specs[i];
        const field_input& input = inputs[i];
        if (input.given && input.clear)
            throw usage_error(flag_name(spec) + " and --clear-" + std::string(spec.flag) + " contradict each other");
        if (input.clear) {
            if (spec.type == field_type::string_list) base[spec.json_name] = boost::json::array{};
            else base[spec.json_name] = nullptr;
        } else if (input.given) {
            base[spec.json_name] = convert(spec, input);
        }
    }
    for (const field_spec& spec : specs)
        if (spec.required && !base.contains(spec.json_name))
            throw usage_error(flag_name(spec) + " is required (or \"" + std::string(spec.json_name) + "\" in --body)");
    return base;
}

}  // namespace talentray::cli
