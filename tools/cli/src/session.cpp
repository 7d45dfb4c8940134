#include "session.hpp"

#include "console.hpp"
#include "json_output.hpp"
#include "usage_error.hpp"

#include <ostream>

namespace talentray::cli {
namespace {

void write(const session& s, const std::string& text) {
    *s.out << text;
    if (!*s.out) throw local_failure("cannot write to standard output");
}

}  // namespace

void print_object(const session& s, const boost::json::value& value) {
    write(s, pretty_json(value));
    s.out->flush();
}

void print_row(const session& s, const boost::json::value& value) { write(s, json_line(value)); }

void print_note(const session& s, const std::string& note) {
    if (!s.quiet) s.err->write_line("talentray: " + note);
}

}  // namespace talentray::cli
