// What `talentray export` records beside a partial export so that `--resume` can continue it.
#pragma once

#include <talentray/model/url.hpp>
#include <talentray/pager/checkpoint.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace talentray::cli {

/// The two output formats of an export.
enum class export_format { jsonl, csv };

std::string_view to_string(export_format format) noexcept;
/// "jsonl" or "csv"; anything else is empty.
std::optional<export_format> parse_export_format(std::string_view text) noexcept;

/// The state of an export at a moment when everything before `bytes` in `FILE.partial` was on
/// disk: the list it is exporting (so that a resume with other arguments is refused), the
/// pager's position after the last row written, and the length of the data up to that row.
///
/// Written as one JSON object, e.g.
/// `{"version":1,"resource":"candidates","id":"","filters":[["roleId","role_eng_be"]],
///   "format":"csv","csv_raw_formulas":false,"gzip":false,"bytes":1048576,"rows":8000,"total":20000,"done":false,
///   "pager":{...the pager's checkpoint in its JSON form, `pager_checkpoint::to_json()`...}}`.
struct export_checkpoint {
    std::string resource;        ///< the export's resource word, e.g. "candidates"
    std::string id;              ///< its ID argument (batch or key id); empty when it has none
    query_params filters;        ///< the filters given, as query parameters, in option order
    export_format format = export_format::jsonl;
    /// CSV cells that look like spreadsheet formulas are written as they are (--csv-raw-formulas)
    /// rather than with a `'` in front; a resume keeps the choice the file was started with.
    bool csv_raw_formulas = false;
    /// FILE.partial is gzip (--gzip); `bytes` then ends a gzip member.
    bool gzip = false;
    std::uint64_t bytes = 0;     ///< length of the committed part of FILE.partial
    std::uint64_t rows = 0;      ///< rows in that part (the CSV header not counted)
    std::optional<std::int64_t> total;  ///< the list's length, when the server told it
    bool done = false;           ///< every row is in the committed part
    pager_checkpoint pager;      ///< the pager's position after the last committed row

    friend bool operator==(const export_checkpoint&, const export_checkpoint&) = default;
};

/// The JSON text of `checkpoint`, ending with a newline.
std::string encode(const export_checkpoint& checkpoint);

/// Parses the text written by `encode`. Throws `local_failure` naming `file` and the member
/// that is missing or wrong, the pager's position included (the file is then not a checkpoint
/// this tool can continue from).
export_checkpoint decode_export_checkpoint(std::string_view text, std::string_view file);

/// What differs between the list a checkpoint was made for and the one asked for now, as a
/// sentence naming the first difference ("the checkpoint is for format csv, not jsonl"); empty
/// when they are the same export. `gzip`: whether the file asked for is compressed.
std::string describe_mismatch(const export_checkpoint& saved, std::string_view resource, std::string_view id,
                              const query_params& filters, export_format format, bool gzip = false);

}  // namespace talentray::cli
