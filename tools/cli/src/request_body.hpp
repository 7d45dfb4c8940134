// The JSON body of a create or update command: from --body FILE|- and from one flag per field.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace talentray::cli {

/// How a field's flag value becomes JSON.
enum class field_type {
    string,       ///< as given
    integer,      ///< a decimal integer, e.g. --salary-min 90000
    boolean,      ///< true or false, e.g. --is-public false
    string_list,  ///< comma-separated or repeated, e.g. --skills python,sql --skills go
};

/// One field a command can send.
struct field_spec {
    std::string_view json_name;  ///< the API's name, e.g. "fullName"
    std::string_view flag;       ///< the option without dashes, e.g. "full-name" (--full-name)
    field_type type = field_type::string;
    /// The field can be cleared: `--clear-<flag>` sends JSON null (for a list: the empty list).
    bool clearable = false;
    bool required = false;  ///< must end up in the body (from its flag or from --body)
    std::string_view help;
};

/// What the command line said about one field.
struct field_input {
    bool given = false;                ///< --<flag> appeared
    std::vector<std::string> values;   ///< its value(s); lists may hold several
    bool clear = false;                ///< --clear-<flag> appeared
};

/// Parses the text of a --body document. Returns the object, or throws `usage_error` naming
/// `source` and the JSON error with its byte offset, or saying the document is not an object.
boost::json::object parse_body(std::string_view text, std::string_view source);

/// Reads --body: the file `source`, or standard input when it is "-". Throws `usage_error` naming
/// the file when it cannot be read or does not hold a JSON object.
boost::json::object read_body(const std::string& source);

/// The body to send: `base` (from --body, or empty) with each field given on the command line set
/// on top (a flag wins over the same field in --body). Throws `usage_error` naming the flag when
/// a value does not fit its type, a field is both set and cleared, a required field is missing
/// in both places, or --body holds a field the command does not know (listing the known ones).
/// `inputs` is parallel to `specs`.
boost::json::object build_body(std::span<const field_spec> specs, std::span<const field_input> inputs,
                               boost::json::object base);

}  // namespace talentray::cli
