#include "export_checkpoint.hpp"

#include "usage_error.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <limits>
#include <utility>

namespace talentray::cli {
namespace {

constexpr std::int64_t checkpoint_version = 1;

class reader {
public:
    reader(const boost::json::object& object, std::string_view file) : object_(object), file_(file) {}

    [[noreturn]] void fail(std::string_view member, std::string_view why) const {
        throw local_failure(std::string(file_) + ": not a usable export checkpoint: \"" + std::string(member) +
                            "\" " + std::string(why));
    }

    const boost::json::value& member(std::string_view name) const {
        const auto* value = object_.if_contains(name);
        if (!value) fail(name, "is missing");
        return *value;
    }

    std::string string(std::string_view name) const {
        const auto* text = member(name).if_string();
        if (!text) fail(name, "must be a string");
        return std::string(text->data(), text->size());
    }

    std::uint64_t count(std::string_view name) const {
        const auto& value = member(name);
        if (const auto* u = value.if_uint64()) return *u;
        if (const auto* i = value.if_int64(); i && *i >= 0) return static_cast<std::uint64_t>(*i);
        fail(name, "must be a non-negative integer");
    }

    bool boolean(std::string_view name) const {
        const auto* flag = member(name).if_bool();
        if (!flag) fail(name, "must be true or false");
        return *flag;
    }

private:
    const boost::json::object& object_;
    std::string_view file_;
};

}  // namespace

std::string_view to_string(export_format format) noexcept {
    return format == export_format::csv ? "csv" : "jsonl";
}

std::optional<export_format> parse_export_format(std::string_view text) noexcept {
    if (text == "jsonl") return export_format::jsonl;
    if (text == "csv") return export_format::csv;
    return std::nullopt;
}

std::string encode(const export_checkpoint& checkpoint) {
    boost::json::array filters;
    for (const query_param& filter : checkpoint.filters) filters.push_back(boost::json::array{filter.name, filter.value});
    boost::json::object object;
    object["version"] = checkpoint_version;
    object["resource"] = checkpoint.resource;
    object["id"] = checkpoint.id;
    object["filters"] = std::move(filters);
    object["format"] = to_string(checkpoint.format);
    object["csv_raw_formulas"] = checkpoint.csv_raw_formulas;
    object["gzip"] = checkpoint.gzip;
    object["bytes"] = checkpoint.bytes;
    object["rows"] = checkpoint.rows;
    if (checkpoint.total) object["total"] = *checkpoint.total;
    else object["total"] = nullptr;
    object["done"] = checkpoint.done;
    object["pager"] = checkpoint.pager.to_json();
    return boost::json::serialize(object) + "\n";
}

export_checkpoint decode_export_checkpoint(std::string_view text, std::string_view file) {
    boost::system::error_code ec;
    const boost::json::value parsed = boost::json::parse(text, ec);
    if (ec) throw local_failure(std::string(file) + ": not a usable export checkpoint: not JSON (" + ec.message() + ")");
    const auto* object = parsed.if_object();
    if (!object) throw local_failure(std::string(file) + ": not a usable export checkpoint: not a JSON object");
    const reader in{*object, file};

    const auto& version = in.member("version");
    if (!version.is_int64() || version.as_int64() != checkpoint_version)
        in.fail("version", "is not " + std::to_string(checkpoint_version) + " (written by another version of talentray)");

    export_checkpoint checkpoint;
    checkpoint.resource = in.string("resource");
    checkpoint.id = in.string("id");
    const auto* filters = in.member("filters").if_array();
    if (!filters) in.fail("filters", "must be an array");
    for (const auto& filter : *filters) {
        const auto* pair = filter.if_array();
        if (!pair || pair->size() != 2 || !(*pair)[0].is_string() || !(*pair)[1].is_string())
            in.fail("filters", "must hold [name, value] string pairs");
        checkpoint.filters.push_back({std::string((*pair)[0].as_string()), std::string((*pair)[1].as_string())});
    }
    const std::string format = in.string("format");
    const auto parsed_format = parse_export_format(format);
    if (!parsed_format) in.fail("format", "must be \"jsonl\" or \"csv\"");
    checkpoint.format = *parsed_format;
    // Checkpoints written before formulas were neutralised lack the member: their files hold the
    // cells as they were, and the rest of the file must match.
    checkpoint.csv_raw_formulas = object->contains("csv_raw_formulas") ? in.boolean("csv_raw_formulas") : true;
    // Checkpoints written before --gzip existed lack the member: their files are plain.
    checkpoint.gzip = object->contains("gzip") ? in.boolean("gzip") : false;
    checkpoint.bytes = in.count("bytes");
    checkpoint.rows = in.count("rows");
    if (checkpoint.bytes > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        in.fail("bytes", "is out of range");
    const auto& total = in.member("total");
    if (!total.is_null()) {
        if (!total.is_int64() || total.as_int64() < 0) in.fail("total", "must be null or a non-negative integer");
        checkpoint.total = total.as_int64();
    }
    checkpoint.done = in.boolean("done");
    const auto& pager = in.member("pager");
    if (!pager.is_object()) in.fail("pager", "must be an object");
    auto position = pager_checkpoint::from_json(pager);
    if (!position)
        in.fail("pager", "is not a position the pager can continue from (" + position.error().diag.client_message + ")");
    checkpoint.pager = std::move(*position);
    return checkpoint;
}

std::string describe_mismatch(const export_checkpoint& saved, std::string_view resource, std::string_view id,
                              const query_params& filters, export_format format, bool gzip) {
    if (saved.resource != resource)
        return "the checkpoint is for an export of " + saved.resource + ", not " + std::string(resource);
    if (saved.id != id) return "the checkpoint is for ID '" + saved.id + "', not '" + std::string(id) + "'";
    if (saved.format != format)
        return "the checkpoint is for format " + std::string(to_string(saved.format)) + ", not " +
               std::string(to_string(format));
    if (saved.gzip != gzip)
        return saved.gzip ? "the checkpoint is for a gzip-compressed file (--gzip), not a plain one"
                          : "the checkpoint is for a plain file, not a gzip-compressed one (--gzip)";
    if (saved.filters != filters) {
        auto describe = [](const query_params& params) {
            if (params.empty()) return std::string("no filters");
            std::string text;
            for (const query_param& param : params) text += (text.empty() ? "" : ", ") + param.name + "=" + param.value;
            return text;
        };
        return "the checkpoint is for " + describe(saved.filters) + ", not " + describe(filters);
    }
    return {};
}

}  // namespace talentray::cli
