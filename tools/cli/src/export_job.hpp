// One run of `talentray export`: its files, the rows written so far, and the commits that make
// them resumable. No I/O with the server happens here; commands/export.cpp feeds it rows.
#pragma once

#include "durable_file.hpp"
#include "export_checkpoint.hpp"
#include "export_start.hpp"
#include "gzip_members.hpp"
#include "stream_output.hpp"

#include <talentray/pager/page.hpp>

#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace talentray::cli {

/// The three files of an export to FILE.
struct export_paths {
    std::filesystem::path output;      ///< FILE, which appears only when the export is complete
    std::filesystem::path partial;     ///< FILE.partial, the rows so far
    std::filesystem::path checkpoint;  ///< FILE.checkpoint, how much of FILE.partial is committed

    static export_paths for_output(const std::filesystem::path& output);
};

/// What is on disk for `paths`, compared with the export `identity` describes (resource, id,
/// filters and format of `identity` are used). Reads and parses the checkpoint when there is
/// one, unless `force` (then it is about to be discarded and may be unreadable).
/// Throws `local_failure` for a checkpoint that exists but is not usable.
struct export_inspection {
    export_files_state state;
    std::optional<export_checkpoint> checkpoint;
};
export_inspection inspect_export_files(const export_paths& paths, const export_checkpoint& identity, bool force);

/// The output side of an export: FILE.partial, the row count, and the checkpoints.
///
/// Invariant: FILE.checkpoint (when present) describes a prefix of FILE.partial that is on disk,
/// and a pager position that lies exactly after the last row of that prefix. Rows appended since
/// are counted by neither, so a crash loses at most them, and a resume writes them again.
///
/// With `identity.gzip`, FILE.partial is gzip: each commit ends a gzip member before the data is
/// synced, so the committed prefix is always a whole gzip file and a resume appends new members.
///
/// Made with `to_stream`, the rows go to a descriptor (standard output) instead: no file, no
/// checkpoint, no resume; `commit` writes out what is buffered (and ends a gzip member).
class export_job {
public:
    /// `identity`: resource, id, filters, format and gzip of this export (bytes/rows/pager unused).
    export_job(export_paths paths, export_checkpoint identity, std::span<const std::string_view> columns);

    /// A job that streams to `fd` (see the class comment). Start it with `start_fresh`.
    static export_job to_stream(int fd, export_checkpoint identity, std::span<const std::string_view> columns);

    /// Starts FILE.partial from scratch: removes a previous FILE.checkpoint durably (unlink, then
    /// fsync of the directory) before FILE.partial is emptied, so that no crash can leave an old
    /// checkpoint counting bytes of a new file; then writes the CSV header when the format is CSV.
    /// No checkpoint is written yet. Throws `usage_error` when another export is writing
    /// FILE.partial, `local_failure` when a file cannot be changed.
    void start_fresh();

    /// Continues `saved`: cuts FILE.partial back to `saved.bytes` and takes over its row count
    /// and its CSV formula choice.
    void start_from(const export_checkpoint& saved);

    /// Appends one row as the server serialised it (JSON Lines). A row holding line breaks
    /// (a pretty-printed server) is re-serialised on one line.
    void write_row(const raw_row& row);

    /// Appends one row: a CSV record of the resource's columns, or a JSON Lines record.
    void write_row(const boost::json::value& row);

    /// Makes everything appended so far durable, then records `pager_position` (the pager's
    /// checkpoint after the last row appended) in FILE.checkpoint, atomically. Throws
    /// `local_failure` when a write or fsync fails; FILE.checkpoint then still describes the
    /// previous commit, and FILE.partial takes no more data (`can_commit()` is false).
    /// Streaming: ends the gzip member, if any, and writes out the buffer (`pager_position` is
    /// unused); throws `output_closed` when the reader went away, `local_failure` otherwise.
    void commit(const pager_checkpoint& pager_position, bool done);

    /// False once a write or fsync of FILE.partial failed: nothing more can be committed.
    bool can_commit() const noexcept { return (file_ && !file_->failed()) || stream_; }

    /// True when a commit is due: `interval` passed since the last one and rows were added.
    bool commit_due(std::chrono::steady_clock::time_point now) const noexcept;

    /// Whether `complete` compares the rows written with the list's total.
    enum class count_check { rows_must_match_total, none };

    /// After the final commit: closes FILE.partial, renames it to FILE and removes the checkpoint.
    /// With `rows_must_match_total`, a known total that differs from `rows()` throws
    /// `local_failure` saying so before anything is renamed: FILE is not published, and
    /// FILE.partial and its (complete) checkpoint stay for a `--resume` that accepts them.
    void complete(count_check check = count_check::rows_must_match_total);

    /// Removes the leftover checkpoint of an export whose FILE is already complete.
    void discard_checkpoint();

    /// Removes FILE.partial and FILE.checkpoint: for an export that failed before it had written
    /// a single row, so that nothing is left to resume.
    void abandon();

    void set_total(std::optional<std::int64_t> total) noexcept { total_ = total; }
    std::optional<std::int64_t> total() const noexcept { return total_; }
    std::uint64_t rows() const noexcept { return rows_; }
    std::uint64_t committed_rows() const noexcept { return committed_rows_; }
    std::uint64_t resumed_rows() const noexcept { return resumed_rows_; }
    const export_paths& paths() const noexcept { return paths_; }
    /// Where the rows go, for messages: FILE, or "standard output".
    std::string destination() const;
    export_format format() const noexcept { return identity_.format; }

    /// Time between two commits (default 1 s).
    void set_commit_interval(std::chrono::milliseconds interval) noexcept { commit_interval_ = interval; }

private:
    void append_record(std::string_view record);
    void append_bytes(std::string_view data);  // through gzip when asked for, to the file or stream

    export_paths paths_;
    export_checkpoint identity_;
    std::span<const std::string_view> columns_;
    std::unique_ptr<append_file> file_;
    std::unique_ptr<stream_output> stream_;     // instead of file_ when streaming
    std::unique_ptr<gzip_member_writer> gzip_;  // with identity_.gzip
    std::string compressed_;                    // reused buffer for gzip output
    bool streamed_any_ = false;                 // a byte went to stream_
    std::uint64_t rows_ = 0;
    std::uint64_t committed_rows_ = 0;
    std::uint64_t resumed_rows_ = 0;
    std::optional<std::int64_t> total_;
    std::chrono::milliseconds commit_interval_{1000};
    std::chrono::steady_clock::time_point last_commit_{};
    std::string record_;  // reused buffer for one encoded row
};

}  // namespace talentray::cli
