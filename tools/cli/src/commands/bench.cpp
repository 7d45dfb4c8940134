// talentray bench run|probe|export-estimate: measuring what a key gets from the API.
#include "../bench/estimate_command.hpp"
#include "../bench/probe_command.hpp"
#include "../bench/run_command.hpp"
#include "../command_line.hpp"
#include "../confirmation.hpp"
#include "command_kit.hpp"
#include "../option_values.hpp"
#include "commands.hpp"

#include <memory>

namespace talentray::cli {
namespace {

struct run_args {
    std::vector<std::string> operations;
    std::string rate = "80%";
    std::string duration = "1m";
    bool no_scheduler = false;
    bool allow_writes = false;
    bool yes = false;
    std::optional<std::string> organization;
    std::optional<std::string> json_file;
    std::optional<std::string> report_file;
};

bench::run_request make_run_request(const run_args& args) {
    bench::run_request request;
    if (args.operations.empty()) throw usage_error("bench run: give at least one --op, e.g. --op candidates.list");
    for (const std::string& name : args.operations)
        request.mix.push_back(bench::parse_operation(name, "--op", args.allow_writes));
    for (const bench::mix_entry& entry : request.mix)
        if ((entry.on_created || entry.op == talentray::operation::create_potential_candidate) && !args.organization)
            throw usage_error("--op: '" + entry.name +
                              (entry.on_created ? "' acts on leads the run creates first" : "' creates leads") +
                              "; give the organization they go in with --organization ORG_ID");
    request.organization = args.organization;
    request.rate = bench::parse_rate_argument(args.rate, "--rate");
    request.rate_text = args.rate;
    request.duration = parse_duration(args.duration, "--duration");
    request.scheduler = !args.no_scheduler;
    request.json_file = args.json_file;
    request.report_file = args.report_file;
    return request;
}

void add_run(command_line& cli, CLI::App* group) {
    CLI::App* run = group->add_subcommand(
        "run", "send a mix of read operations at a fixed rate (open loop) and print latency and rate figures");
    auto args = std::make_shared<run_args>();
    run->add_option("--op", args->operations, "an operation of the mix, repeatable: " + bench::benchable_operation_names())
        ->type_name("NAME");
    run->add_option("--rate", args->rate, "8/s, 480/min, 3000/h, or a share of the key's limit such as 80% (default 80%)")
        ->type_name("RATE");
    run->add_option("--duration", args->duration, "how long to send, e.g. 30s, 2m (default 1m)")->type_name("DURATION");
    run->add_flag("--no-scheduler", args->no_scheduler,
                  "send at the rate without the SDK's rate budget and without retries, to see the server push back");
    run->add_flag("--allow-writes", args->allow_writes,
                  "also admit write operations (" + bench::benchable_write_names() +
                      "), with generated data named bench-RUN-N");
    run->add_flag("-y,--yes", args->yes,
                  "go ahead with writes that delete or overwrite data without asking (needed when stdin or "
                  "stderr is not a terminal)");
    run->add_option("--organization", args->organization, "the organization the run's leads are created in")
        ->type_name("ORG_ID");
    run->add_option("--json", args->json_file, "write every figure and the per-second series to FILE")->type_name("FILE");
    run->add_option("--report", args->report_file, "write a self-contained HTML page with plots to FILE")
        ->type_name("FILE.html");
    const command_line* line = &cli;
    cli.add(run, [args, line](session s) {
        bench::run_request request = make_run_request(*args);
        // Asked before any request starts, as for 'sourcing delete' and 'keys revoke'.
        std::string destructive;
        for (const bench::mix_entry& entry : request.mix)
            if (bench::is_destructive(entry)) destructive += (destructive.empty() ? "" : ", ") + entry.name;
        if (!destructive.empty())
            confirm_destructive("bench run", "Run writes that delete or overwrite data (" + destructive + ")", args->yes);
        client_options options = make_client_options(line->globals(), *s.err);
        return bench::run_bench(std::move(s), std::move(options), std::move(request));
    });
}

void add_probe(command_line& cli, CLI::App* group) {
    CLI::App* probe = group->add_subcommand(
        "probe", "find the key's limit and window (or a token bucket's burst and refill rate): requests until the "
                 "first 429, then a few timed ones");
    auto request = std::make_shared<bench::probe_request>();
    probe->add_option("--max-requests", request->max_requests, "stop without a 429 after this many (default 2000)")
        ->check(CLI::Range(std::uint64_t{2}, std::uint64_t{1'000'000}));
    probe->add_option("--json", request->json_file, "write the findings to FILE")->type_name("FILE");
    const command_line* line = &cli;
    cli.add(probe, [request, line](session s) {
        client_options options = make_client_options(line->globals(), *s.err);
        return bench::probe_key(std::move(s), std::move(options), *request);
    });
}

struct estimate_args {
    std::string resource;
    std::optional<std::string> rate;
    std::optional<std::string> probe_file;
    std::optional<std::string> json_file;
};

void add_estimate(command_line& cli, CLI::App* group) {
    CLI::App* estimate = group->add_subcommand(
        "export-estimate", "how long exporting a list will take: one request for its length, then the pages at the rate");
    auto args = std::make_shared<estimate_args>();
    add_positional(estimate, "LIST", args->resource, "candidates, roles, tests or sourcing");
    CLI::Option* rate = estimate->add_option("--rate", args->rate, "the rate to assume: 8/s, 480/min or 80% of the key's limit "
                                                                   "(default: the key's limit)")
                            ->type_name("RATE");
    estimate->add_option("--from-probe", args->probe_file, "the rate a 'bench probe --json FILE' measured")
        ->type_name("FILE")
        ->excludes(rate);
    estimate->add_option("--json", args->json_file, "write the estimate to FILE")->type_name("FILE");
    const command_line* line = &cli;
    cli.add(estimate, [args, line](session s) {
        bench::estimate_request request;
        request.resource = args->resource;
        if (args->rate) request.rate = bench::parse_rate_argument(*args->rate, "--rate");
        request.probe_file = args->probe_file;
        request.json_file = args->json_file;
        client_options options = make_client_options(line->globals(), *s.err);
        return bench::estimate_export_time(std::move(s), std::move(options), std::move(request));
    });
}

}  // namespace

void add_bench_commands(command_line& cli) {
    CLI::App* group = add_group(cli.app(), "bench", "benchmark the key against its rate limit: run, probe, export-estimate");
    add_run(cli, group);
    add_probe(cli, group);
    add_estimate(cli, group);
}

}  // namespace talentray::cli
