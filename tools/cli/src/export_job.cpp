#include "export_job.hpp"

#include "csv.hpp"
#include "csv_row.hpp"
#include "usage_error.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace talentray::cli {

export_paths export_paths::for_output(const std::filesystem::path& output) {
    export_paths paths;
    paths.output = output;
    paths.partial = output;
    paths.partial += ".partial";
    paths.checkpoint = output;
    paths.checkpoint += ".checkpoint";
    return paths;
}

export_inspection inspect_export_files(const export_paths& paths, const export_checkpoint& identity, bool force) {
    export_inspection found;
    std::error_code ec;
    found.state.output = paths.output.string();
    found.state.output_exists = std::filesystem::exists(paths.output, ec);
    found.state.partial_exists = std::filesystem::exists(paths.partial, ec);
    found.state.checkpoint_exists = std::filesystem::exists(paths.checkpoint, ec);
    if (!found.state.checkpoint_exists || force) return found;

    const std::optional<std::string> text = read_file_if_exists(paths.checkpoint, symlinks::refuse);
    if (!text) {  // removed meanwhile
        found.state.checkpoint_exists = false;
        return found;
    }
    found.checkpoint = decode_export_checkpoint(*text, paths.checkpoint.string());
    found.state.checkpoint_done = found.checkpoint->done;
    found.state.checkpoint_rows = std::to_string(found.checkpoint->rows);
    found.state.checkpoint_mismatch = describe_mismatch(*found.checkpoint, identity.resource, identity.id,
                                                        identity.filters, identity.format, identity.gzip);
    return found;
}

export_job::export_job(export_paths paths, export_checkpoint identity, std::span<const std::string_view> columns)
    : paths_(std::move(paths)), identity_(std::move(identity)), columns_(columns) {}

export_job export_job::to_stream(int fd, export_checkpoint identity, std::span<const std::string_view> columns) {
    export_job job{{}, std::move(identity), columns};
    job.stream_ = std::make_unique<stream_output>(fd);
    return job;
}

std::string export_job::destination() const { return stream_ ? "standard output" : paths_.output.string(); }

void export_job::start_fresh() {
    if (identity_.gzip) gzip_ = std::make_unique<gzip_member_writer>();
    if (!stream_) {
        // FILE.partial is locked first and then emptied, never removed: its lock is what keeps two
        // exports of one file apart, and another export's checkpoint must not go before that is known.
        file_ = std::make_unique<append_file>(paths_.partial);
        remove_durably(paths_.checkpoint);
        file_->cut_to(0);
    }
    if (identity_.format == export_format::csv) {
        record_.clear();
        csv::append_record(record_, csv_header(columns_));
        append_bytes(record_);
    }
    rows_ = committed_rows_ = resumed_rows_ = 0;
    last_commit_ = std::chrono::steady_clock::now();
}

void export_job::start_from(const export_checkpoint& saved) {
    file_ = std::make_unique<append_file>(paths_.partial);
    // With gzip, saved.bytes ends a member: what follows starts a new one.
    file_->cut_to(saved.bytes);
    if (identity_.gzip) gzip_ = std::make_unique<gzip_member_writer>();
    identity_.csv_raw_formulas = saved.csv_raw_formulas;  // the rest of the file as its beginning
    rows_ = committed_rows_ = resumed_rows_ = saved.rows;
    total_ = saved.total;
    last_commit_ = std::chrono::steady_clock::now();
}

void export_job::append_bytes(std::string_view data) {
    if (gzip_) {
        compressed_.clear();
        gzip_->add(data, compressed_);
        data = compressed_;
    }
    if (stream_) {
        stream_->append(data);
        streamed_any_ = streamed_any_ || !data.empty();
    } else {
        file_->append(data);
    }
}

void export_job::append_record(std::string_view record) {
    append_bytes(record);
    ++rows_;
}

void export_job::write_row(const raw_row& row) {
    if (row.json.find_first_of("\r\n") == std::string::npos) {
        record_.assign(row.json);
    } else {
        record_ = boost::json::serialize(boost::json::parse(row.json));
    }
    record_ += '\n';
    append_record(record_);
}

void export_job::write_row(const boost::json::value& row) {
    record_.clear();
    if (identity_.format == export_format::csv) {
        csv::append_record(record_, csv_cells(row, columns_,
                                              identity_.csv_raw_formulas ? csv_formulas::keep_raw
                                                                         : csv_formulas::neutralise));
    } else {
        record_ = boost::json::serialize(row);
        record_ += '\n';
    }
    append_record(record_);
}

void export_job::commit(const pager_checkpoint& pager_position, bool done) {
    if (gzip_) {
        compressed_.clear();
        // An export of no rows still ends as a gzip file, one empty member.
        const bool nothing_written = stream_ ? !streamed_any_ : file_->length() == 0;
        gzip_->end_member(compressed_, done && nothing_written);
        if (stream_)
            stream_->append(compressed_);
        else
            file_->append(compressed_);
    }
    if (stream_) {
        stream_->flush();
        committed_rows_ = rows_;
        last_commit_ = std::chrono::steady_clock::now();
        return;
    }
    file_->sync();
    export_checkpoint saved = identity_;
    saved.bytes = file_->length();
    saved.rows = rows_;
    saved.total = total_;
    saved.done = done;
    saved.pager = pager_position;
    write_file_atomically(paths_.checkpoint, encode(saved));
    committed_rows_ = rows_;
    last_commit_ = std::chrono::steady_clock::now();
}

bool export_job::commit_due(std::chrono::steady_clock::time_point now) const noexcept {
    return rows_ != committed_rows_ && now - last_commit_ >= commit_interval_;
}

void export_job::complete(count_check check) {
    const bool count_differs =
        check == count_check::rows_must_match_total && total_ && static_cast<std::uint64_t>(*total_) != rows_;
    if (stream_) {
        stream_->flush();
        if (count_differs)
            throw local_failure("wrote " + std::to_string(rows_) + " rows but the server reports " +
                                std::to_string(*total_) + " for the list; it changed during the export");
        return;
    }
    if (count_differs)
        throw local_failure("wrote " + std::to_string(rows_) + " rows but the server reports " +
                            std::to_string(*total_) + " for the list; it changed during the export, so " +
                            paths_.output.string() + " was not written. The rows are kept in " +
                            paths_.partial.string() + ": run the same command with --resume to keep them as " +
                            paths_.output.string() + ", or with --force to export again");
    // Renamed while still open and locked, so no other export can take FILE.partial in between.
    file_->sync();
    rename_durably(paths_.partial, paths_.output);
    file_->close_synced();
    file_.reset();
    remove_if_exists(paths_.checkpoint);
}

void export_job::discard_checkpoint() { remove_if_exists(paths_.checkpoint); }

void export_job::abandon() {
    file_.reset();
    remove_if_exists(paths_.checkpoint);
    remove_if_exists(paths_.partial);
}

}  // namespace talentray::cli
