// gzip compression in members that end on request, for an export that must stay resumable:
// a file cut right after any member's end is a complete gzip file (RFC 1952 allows several
// members one after the other; `gzip -dc` prints them all), so a checkpoint can record the
// compressed length at a member's end and a resume can cut the file back to it.
#pragma once

#include <memory>
#include <string>
#include <string_view>

struct z_stream_s;

namespace talentray::cli {

/// Deflates bytes into gzip members. Not copyable; not thread-safe.
class gzip_member_writer {
public:
    /// Throws `local_failure` when zlib cannot set up (out of memory).
    gzip_member_writer();
    ~gzip_member_writer();
    gzip_member_writer(const gzip_member_writer&) = delete;
    gzip_member_writer& operator=(const gzip_member_writer&) = delete;

    /// Compresses `data` into the current member (starting one if none is open), appending to
    /// `out` whatever compressed bytes zlib hands back now; the rest stays inside until
    /// `end_member`. Throws `local_failure` when zlib fails.
    void add(std::string_view data, std::string& out);

    /// Ends the open member: appends its remaining compressed bytes and its trailer (CRC-32 and
    /// length) to `out`. With nothing added since the last end, appends nothing, unless
    /// `even_if_empty`: then a member of no data (a valid gzip file of nothing). Throws
    /// `local_failure` when zlib fails.
    void end_member(std::string& out, bool even_if_empty = false);

    /// True when data was added since the last `end_member`.
    bool member_open() const noexcept { return open_; }

private:
    void deflate_into(std::string& out, int flush);

    std::unique_ptr<z_stream_s> stream_;
    bool open_ = false;
};

/// "FILE.gz" for FILE, or FILE itself when its name already ends with ".gz".
std::string gzip_file_name(std::string_view file);

}  // namespace talentray::cli
