// talentray export <resource> [ID] --format jsonl|csv --output FILE [filters]
//
// Streams every row of a list through the pager into FILE.partial, commits a checkpoint beside
// it about once a second (data fsynced first, then the checkpoint replaced atomically), and
// renames FILE.partial to FILE once the last row is on disk. See export_job.hpp for the
// invariant that makes `--resume` exact after a crash at any moment.
#include "../command_line.hpp"
#include "../console.hpp"
#include "../export_job.hpp"
#include "../export_resource.hpp"
#include "../gzip_members.hpp"
#include "../option_values.hpp"
#include "../progress_display.hpp"
#include "../usage_error.hpp"
#include "command_kit.hpp"
#include "commands.hpp"

#include <talentray/client.hpp>
#include <talentray/model/params.hpp>
#include <talentray/model/timestamp.hpp>
#include <talentray/pager.hpp>

#include <unistd.h>

#include <memory>
#include <optional>
#include <vector>

namespace talentray::cli {
namespace {

namespace asio = boost::asio;

/// The command line of one `export <resource>` subcommand.
struct export_args {
    const export_resource* resource = nullptr;
    std::string id;
    std::vector<std::optional<std::string>> filters;  // parallel to resource->filters
    std::string format = "jsonl";
    std::string output;
    int page_size = 0;
    int window = 4;
    bool resume = false;
    bool force = false;
    bool csv_raw_formulas = false;
    bool gzip = false;
    bool strict = false;
    bool overlap_reads = false;
    std::string progress_interval = "10s";
    std::string checkpoint_interval = "1s";
};

/// Everything the export coroutine needs, checked and resolved before any file is touched.
struct export_plan {
    export_paths paths;
    export_checkpoint identity;  // resource, id, filters, format
    const export_resource* resource = nullptr;
    request_spec base;           // the list's request, filters included
    bool cursor = false;         // the usage log; every other list is offset-paged
    int page_size = 0;
    pager_options options;
    std::chrono::milliseconds progress_interval{10'000};
    std::chrono::milliseconds checkpoint_interval{1'000};
    bool resume = false;
    bool force = false;
    bool to_stdout = false;  // --output -: rows on standard output, no files
};

export_plan make_plan(const export_args& args) {
    export_plan plan;
    plan.resource = args.resource;
    plan.cursor = is_cursor_paged(*args.resource);
    const auto format = parse_export_format(args.format);
    if (!format) throw usage_error("--format: '" + args.format + "' is not jsonl or csv");

    if (args.output.empty()) throw usage_error("--output: give the file to write, or - for standard output");
    plan.to_stdout = args.output == "-";
    if (plan.to_stdout) {
        // Nothing records how far a reader of the stream got, so there is nothing to resume from.
        if (args.resume)
            throw usage_error(
                "--resume: an export to standard output (--output -) cannot be resumed, since no "
                "checkpoint records what its reader received; export to a FILE to be able to resume");
        if (args.force)
            throw usage_error("--force: applies to an export to a FILE, not to standard output (--output -)");
    } else {
        const std::filesystem::path output{args.gzip ? gzip_file_name(args.output) : args.output};
        std::filesystem::path directory = output.parent_path();
        if (directory.empty()) directory = ".";
        std::error_code ec;
        if (!std::filesystem::is_directory(directory, ec))
            throw usage_error("--output: the directory " + directory.string() + " does not exist");
        if (std::filesystem::is_directory(output, ec))
            throw usage_error("--output: " + output.string() + " is a directory");
        plan.paths = export_paths::for_output(output);
    }

    query_params filters;
    for (std::size_t i = 0; i < args.resource->filters.size(); ++i) {
        const std::optional<std::string>& value = args.filters[i];
        if (!value) continue;
        const list_filter& filter = args.resource->filters[i];
        if (value->empty())
            throw usage_error(std::string(filter.option) + ": must not be empty (leave it out to not filter)");
        if (filter.query == "before") {
            auto before = timestamp::parse(*value);
            if (!before) throw usage_error(std::string(filter.option) + ": " + before.error().diag.client_message);
        }
        filters.push_back({std::string(filter.query), *value});
    }

    plan.identity.resource = std::string(args.resource->name);
    plan.identity.id = args.id;
    plan.identity.filters = filters;
    plan.identity.format = *format;
    if (args.csv_raw_formulas && *format != export_format::csv)
        throw usage_error("--csv-raw-formulas: applies to --format csv only");
    plan.identity.csv_raw_formulas = args.csv_raw_formulas;
    plan.identity.gzip = args.gzip;

    if (args.resource->path_param.empty()) plan.base = list_request(args.resource->operation, filters);
    else plan.base = list_request(args.resource->operation, filters, {{args.resource->path_param, args.id}});

    plan.page_size = args.page_size;
    plan.options.window = args.window;
    plan.options.strict = args.strict;
    plan.options.overlap_reads = args.overlap_reads;
    plan.progress_interval = parse_duration(args.progress_interval, "--progress-interval");
    plan.checkpoint_interval = parse_duration(args.checkpoint_interval, "--checkpoint-interval");
    plan.resume = args.resume;
    plan.force = args.force;
    return plan;
}

// Stops the progress display however the export coroutine ends, so that no timer keeps the
// io_context running after a failure.
struct display_guard {
    std::shared_ptr<progress_display> display;
    ~display_guard() {
        if (display) display->stop();
    }
};

template <class Row>
pager<Row> open_pager(const session& s, const export_plan& plan, const std::optional<export_checkpoint>& saved) {
    if (saved) {
        try {
            return pager<Row>::from_checkpoint(*s.client, saved->pager, plan.options);
        } catch (const talentray::error& e) {
            throw local_failure(plan.paths.checkpoint.string() + ": the pager cannot continue from it (" +
                                e.diag().to_string() + "); use --force to start over");
        }
    }
    if (plan.cursor) return pager<Row>::cursor(*s.client, plan.base, plan.page_size, plan.options);
    return pager<Row>::offset(*s.client, plan.base, plan.page_size, plan.options);
}

template <class Row>
asio::awaitable<void> export_rows(session s, export_plan plan, export_start start,
                                  std::optional<export_checkpoint> saved) {
    // Everything that can refuse the arguments happens before a file is touched.
    pager<Row> rows = open_pager<Row>(s, plan, start == export_start::resume ? saved : std::nullopt);

    auto job = std::make_shared<export_job>(plan.paths, plan.identity, plan.resource->columns);
    job->set_commit_interval(plan.checkpoint_interval);
    if (start == export_start::resume) job->start_from(*saved);
    else job->start_fresh();
    job->commit(rows.checkpoint(), false);
    *s.interrupt_hint = "the rows committed so far are kept; run the same command with --resume to continue";

    display_guard guard;
    if (!s.quiet) {
        guard.display = std::make_shared<progress_display>(*s.err, s.client, job, std::string(plan.resource->name),
                                                           plan.progress_interval, s.verbose);
        guard.display->start(s.client->get_executor());
    }

    try {
        for (;;) {
            std::optional<Row> row = co_await rows.next();
            job->set_total(rows.total_count() ? rows.total_count() : job->total());
            if (!row) break;
            job->write_row(*row);
            if (job->commit_due(std::chrono::steady_clock::now())) job->commit(rows.checkpoint(), false);
        }
        job->commit(rows.checkpoint(), true);
    } catch (...) {
        if (guard.display) guard.display->stop();
        if (job->rows() == 0) {
            // Refused before the first row (no scope, unknown batch, ...): nothing worth resuming.
            try {
                job->abandon();
            } catch (const std::exception& e) {
                s.err->write_line(std::string("talentray: ") + e.what());
            }
            s.interrupt_hint->clear();
            throw;
        }
        // Keep what was fetched: the next --resume starts after the last row written here. Not
        // after a failed write or fsync: what reached the disk then is unknown, and the last
        // checkpoint is the last thing known to be true.
        if (job->can_commit()) {
            try {
                job->commit(rows.checkpoint(), false);
            } catch (const std::exception& e) {
                s.err->write_line(std::string("talentray: could not save the checkpoint: ") + e.what());
            }
        }
        s.err->write_line("talentray: export stopped after " + std::to_string(job->committed_rows()) + " rows; " +
                          *s.interrupt_hint + ", or --force to start over");
        throw;
    }
    // The usage log grows while it is read (every request is logged), so its total never matches;
    // neither does an offset list's that changed during the walk (reconciled, see the summary).
    const pager_checkpoint end = rows.checkpoint();
    const bool changed = end.reconcile && end.reconcile->live;
    job->complete(plan.cursor || changed ? export_job::count_check::none
                                         : export_job::count_check::rows_must_match_total);
    if (s.quiet) co_return;
    guard.display->write_summary();
    if (auto changes = render_list_changes(rows.stats())) s.err->write_line(*changes);
}

// --output -: the rows on standard output as they arrive, written out at each --checkpoint-interval
// (and whenever 64 KiB are buffered). A reader that goes away ends the export with
// `output_closed` (exit 10, no message): the rows are for it alone, and nothing is left to resume.
template <class Row>
asio::awaitable<void> stream_rows(session s, export_plan plan) {
    pager<Row> rows = open_pager<Row>(s, plan, std::nullopt);
    auto job =
        std::make_shared<export_job>(export_job::to_stream(STDOUT_FILENO, plan.identity, plan.resource->columns));
    job->set_commit_interval(plan.checkpoint_interval);
    job->start_fresh();

    display_guard guard;
    if (!s.quiet) {
        guard.display = std::make_shared<progress_display>(*s.err, s.client, job, std::string(plan.resource->name),
                                                           plan.progress_interval, s.verbose);
        guard.display->start(s.client->get_executor());
    }
    for (;;) {
        std::optional<Row> row = co_await rows.next();
        job->set_total(rows.total_count() ? rows.total_count() : job->total());
        if (!row) break;
        job->write_row(*row);
        if (job->commit_due(std::chrono::steady_clock::now())) job->commit({}, false);
    }
    job->commit({}, true);
    const pager_checkpoint end = rows.checkpoint();
    const bool changed = end.reconcile && end.reconcile->live;
    job->complete(plan.cursor || changed ? export_job::count_check::none
                                         : export_job::count_check::rows_must_match_total);
    if (s.quiet) co_return;
    guard.display->write_summary();
    if (auto changes = render_list_changes(rows.stats())) s.err->write_line(*changes);
}

asio::awaitable<void> finish_committed(session s, export_plan plan, export_start start, export_checkpoint saved) {
    export_job job{plan.paths, plan.identity, plan.resource->columns};
    if (start == export_start::finish) {
        job.start_from(saved);
        // A total that differed was reported when the rows were written; resuming accepts them.
        job.complete(export_job::count_check::none);
        if (!s.quiet)
            s.err->write_line("talentray: the interrupted export was already complete: " + std::to_string(saved.rows) +
                              " rows of " + saved.resource + " moved to " + plan.paths.output.string());
    } else {
        job.discard_checkpoint();
        if (!s.quiet)
            s.err->write_line("talentray: " + plan.paths.output.string() + " is already complete (" +
                              std::to_string(saved.rows) + " rows); removed its leftover checkpoint");
    }
    co_return;
}

asio::awaitable<void> run_export(session s, export_plan plan) {
    if (plan.to_stdout) {
        if (plan.identity.format == export_format::csv)
            return stream_rows<boost::json::value>(std::move(s), std::move(plan));
        return stream_rows<raw_row>(std::move(s), std::move(plan));
    }
    export_inspection found = inspect_export_files(plan.paths, plan.identity, plan.force);
    const export_start start = decide_export_start(found.state, plan.resume, plan.force);
    // Without the flag a resume continues as the file began; with it, only a file begun with it.
    if (start == export_start::resume && plan.identity.csv_raw_formulas && !found.checkpoint->csv_raw_formulas)
        throw usage_error("cannot resume the export to " + plan.paths.output.string() +
                          " with --csv-raw-formulas: it was started with formula-like cells neutralised; resume "
                          "without the option, or use --force to start over");
    if (start == export_start::finish || start == export_start::already_done)
        return finish_committed(std::move(s), std::move(plan), start, std::move(*found.checkpoint));
    if (plan.identity.format == export_format::csv)
        return export_rows<boost::json::value>(std::move(s), std::move(plan), start, std::move(found.checkpoint));
    return export_rows<raw_row>(std::move(s), std::move(plan), start, std::move(found.checkpoint));
}

void add_resource_command(command_line& cli, CLI::App* group, const export_resource& resource) {
    CLI::App* command = group->add_subcommand(std::string(resource.name), std::string(resource.help));
    auto args = std::make_shared<export_args>();
    args->resource = &resource;
    args->filters.resize(resource.filters.size());
    const bool cursor = is_cursor_paged(resource);
    const int largest_page = cursor ? max_usage_limit : max_page_size;
    args->page_size = largest_page;

    if (!resource.path_param.empty()) add_positional(command, "ID", args->id, std::string(resource.id_help));
    command->add_option("--format", args->format, "jsonl (the rows as the server sent them; default) or csv (RFC 4180)")
        ->type_name("jsonl|csv");
    command
        ->add_option("--output", args->output,
                     "the file to write; it appears only once complete. - writes to standard output as the rows "
                     "arrive (progress and summary stay on stderr), without checkpoint: no --resume")
        ->required()
        ->type_name("FILE|-");
    for (std::size_t i = 0; i < resource.filters.size(); ++i)
        command->add_option(std::string(resource.filters[i].option), args->filters[i],
                            std::string(resource.filters[i].help));
    command
        ->add_option("--page-size", args->page_size,
                     "rows per request, 1-" + std::to_string(largest_page) + " (default " +
                         std::to_string(largest_page) + ")")
        ->check(CLI::Range(1, largest_page));
    if (!cursor)
        command->add_option("--window", args->window, "pages requested in parallel, 1-64 (default 4)")
            ->check(CLI::Range(1, 64));
    if (!cursor)
        command->add_flag("--strict", args->strict,
                          "fail with \"list changed\" when the list's size changes during the export, instead "
                          "of reconciling (for a consistent snapshot or nothing)");
    if (!cursor)
        command->add_flag("--overlap-reads", args->overlap_reads,
                          "make every read overlap a row already exported, from the first page: every row "
                          "present for the whole export once even when as many rows are deleted before the "
                          "export's position as are added after it, for about 14% more requests")
            ->excludes("--strict");
    command->add_flag("--csv-raw-formulas", args->csv_raw_formulas,
                      "CSV: write cells beginning with = + - @ tab or CR as they are, instead of with a ' "
                      "in front that keeps spreadsheets from running them as formulas");
    command->add_flag("--gzip", args->gzip,
                      "compress with gzip; the file is FILE.gz (FILE when its name already ends in .gz), "
                      "resumable as any other; with --output -, standard output is gzip too");
    CLI::Option* resume = command->add_flag("--resume", args->resume,
                                            "continue an interrupted export from its checkpoint (not with --output -)");
    CLI::Option* force = command->add_flag("--force", args->force,
                                           "start over, discarding an interrupted export; replace FILE when done");
    resume->excludes(force);
    command->add_option("--progress-interval", args->progress_interval,
                        "time between progress lines when stderr is not a terminal (default 10s)")
        ->type_name("DURATION");
    command
        ->add_option("--checkpoint-interval", args->checkpoint_interval,
                     "time between two checkpoints (fsync + atomic rename; default 1s); with --output -, "
                     "between two writes to standard output")
        ->type_name("DURATION");

    cli.add(command, [args](session s) {
        export_plan plan = make_plan(*args);
        return run_export(std::move(s), std::move(plan));
    });
}

}  // namespace

void add_export_command(command_line& cli) {
    CLI::App* group = add_group(cli.app(), "export",
                                "write every row of a list to a file, resumable after a crash (--resume)");
    group->footer(
        "Rows go to FILE.partial, and FILE.checkpoint records (after an fsync) how far it is complete.\n"
        "FILE appears only when the export is complete. After a crash or kill, run the same command with\n"
        "--resume: the file then holds every row exactly once. Progress goes to stderr: a bar on a terminal,\n"
        "a line every --progress-interval otherwise, and a summary line at the end.\n"
        "CSV columns follow the API's field order; lists and objects are written as JSON text, null as an\n"
        "empty cell; a cell a spreadsheet would run as a formula gets a ' in front (--csv-raw-formulas keeps\n"
        "it raw). JSON Lines keep every field the server sends. Files are created 0600, links refused.\n"
        "--gzip writes FILE.gz as gzip members, one per checkpoint, so a resume cuts back to a whole member\n"
        "and `gzip -dc` prints every row once. --output - streams the rows to standard output instead:\n"
        "no FILE.partial, no checkpoint, no --resume; a reader that stops early (| head) ends it with exit\n"
        "status 10 and no message.");
    for (const export_resource& resource : export_resources()) add_resource_command(cli, group, resource);
}

}  // namespace talentray::cli
