// What the export-job tests hand to an export_job: its columns, its identity and pager positions.
#pragma once

#include "export_job.hpp"

#include <array>
#include <string_view>

namespace cli_test {

/// The two columns of every export these tests write.
inline constexpr std::array<std::string_view, 2> columns{"id", "name"};

/// A candidates export in `format`.
inline talentray::cli::export_checkpoint identity(talentray::cli::export_format format = talentray::cli::export_format::csv) {
    talentray::cli::export_checkpoint id;
    id.resource = "candidates";
    id.format = format;
    return id;
}

/// A pager position before `page` of the candidates list, ten rows a page.
inline talentray::pager_checkpoint position(int page) {
    talentray::pager_checkpoint at;
    at.path = "/api/v1/candidates";
    at.page_size = 10;
    at.page = page;
    return at;
}

}  // namespace cli_test
