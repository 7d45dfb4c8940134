// Deciding how an export begins from what is already on disk and the --resume/--force flags.
#pragma once

#include <string>

namespace talentray::cli {

/// What is on disk for `talentray export ... --output FILE`.
struct export_files_state {
    std::string output;           ///< FILE, for messages
    bool output_exists = false;   ///< FILE: a completed export (or some other file)
    bool partial_exists = false;  ///< FILE.partial: rows of an unfinished export
    bool checkpoint_exists = false;  ///< FILE.checkpoint: how far FILE.partial is committed
    bool checkpoint_done = false;    ///< the checkpoint says every row is committed
    std::string checkpoint_rows;     ///< its row count, for messages
    /// Non-empty when the checkpoint belongs to another export (other resource, id, filters or
    /// format): says what differs.
    std::string checkpoint_mismatch;
};

/// How to proceed.
enum class export_start {
    fresh,          ///< discard FILE.partial and FILE.checkpoint (if any) and export from the start
    resume,         ///< cut FILE.partial back to the checkpoint and continue after its last row
    finish,         ///< the checkpoint is complete: cut FILE.partial back and rename it to FILE
    already_done,   ///< FILE is complete and only a leftover checkpoint remains: remove it
};

/// The rules: without --resume or --force nothing existing is touched (any of the three files
/// present is refused); --force always starts afresh (FILE is replaced only when the new export
/// completes); --resume continues the checkpoint, or starts afresh when there is none and FILE
/// does not exist yet (a FILE.partial without checkpoint holds nothing committed).
/// Throws `usage_error` with a sentence telling which flag to use, or why resuming is impossible.
export_start decide_export_start(const export_files_state& files, bool resume, bool force);

}  // namespace talentray::cli
