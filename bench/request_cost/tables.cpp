#include "tables.hpp"

#include <cstdio>
#include <map>
#include <set>
#include <string>

namespace talentray::bench {

namespace {

std::string fixed(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string ratio(double value, double reference) {
    if (reference <= 0) return "–";
    return fixed(value / reference, 2) + "×";
}

std::string ms(double microseconds) { return fixed(microseconds / 1000.0, 2); }

std::string label(const std::string& client) {
    if (client == "sdk") return "talentray SDK";
    if (client == "curl") return "libcurl multi";
    if (client == "beast") return "Beast floor";
    return client;
}

std::string workload_label(const std::string& workload) {
    return workload == "candidate" ? "GET candidate" : "GET 100-row page";
}

const client_run* find(const std::vector<client_run>& runs, const client_run& like, const std::string& client) {
    for (const auto& r : runs)
        if (r.client == client && r.workload == like.workload && r.connections == like.connections &&
            r.open_loop == like.open_loop)
            return &r;
    return nullptr;
}

std::string failures_note(const client_run& r) {
    if (r.failures == 0) return "";
    return " (" + std::to_string(r.failures) + " failed: " + r.first_failure + ")";
}

}  // namespace

void print_steady_table(std::ostream& out, const std::vector<client_run>& runs) {
    out << "| workload | C | client | requests/s | client CPU s / 1,000 req | CPU vs libcurl | peak RSS (MiB) | "
           "server CPU |\n"
        << "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |\n";
    for (const auto& r : runs) {
        if (r.open_loop) continue;
        const client_run* curl = find(runs, r, "curl");
        out << "| " << workload_label(r.workload) << " | " << r.connections << " | " << label(r.client) << " | "
            << fixed(r.requests_per_second(), 0) << " | " << fixed(r.cpu_per_1000(), 3) << " | "
            << (curl ? ratio(r.cpu_per_1000(), curl->cpu_per_1000()) : "–") << " | "
            << fixed(static_cast<double>(r.peak_rss_kib) / 1024.0, 1) << " | " << fixed(r.server_cpu_percent, 0)
            << " %" << failures_note(r) << " |\n";
    }
}

void print_latency_table(std::ostream& out, const std::vector<client_run>& runs) {
    out << "| workload | C | scheduled rate (req/s) | client | p50 (ms) | p99 (ms) | p99.9 (ms) | p99 vs Beast | "
           "client CPU s / 1,000 req | server CPU |\n"
        << "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n";
    for (const auto& r : runs) {
        if (!r.open_loop) continue;
        const client_run* floor = find(runs, r, "beast");
        out << "| " << workload_label(r.workload) << " | " << r.connections << " | " << fixed(r.rate, 0) << " | "
            << label(r.client) << " | " << ms(r.p50_us) << " | " << ms(r.p99_us) << " | " << ms(r.p999_us) << " | "
            << (floor ? ratio(r.p99_us, floor->p99_us) : "–") << " | " << fixed(r.cpu_per_1000(), 3) << " | "
            << fixed(r.server_cpu_percent, 0) << " %" << failures_note(r) << " |\n";
    }
}

void print_handshake_table(std::ostream& out, const std::vector<client_run>& runs) {
    out << "| workload | C | client | first request on a cold connection, mean (ms) | max (ms) | "
           "client CPU per connection (ms) | steady p50, closed loop (ms) |\n"
        << "| --- | ---: | --- | ---: | ---: | ---: | ---: |\n";
    for (const auto& r : runs) {
        if (r.open_loop) continue;
        out << "| " << workload_label(r.workload) << " | " << r.connections << " | " << label(r.client) << " | "
            << fixed(r.handshake_mean_ms, 2) << " | " << fixed(r.handshake_max_ms, 2) << " | "
            << fixed(r.warmup_cpu_s * 1000.0 / static_cast<double>(r.connections), 2) << " | " << ms(r.p50_us)
            << " |\n";
    }
}

void print_tls_lines(std::ostream& out, const std::vector<client_run>& runs) {
    std::map<std::string, std::set<std::string>> seen;
    for (const auto& r : runs) seen[r.client].insert(r.tls);
    for (const auto& [client, descriptions] : seen) {
        out << "* " << label(client) << ":";
        for (const auto& d : descriptions) out << " `" << d << "`";
        out << "\n";
    }
}

}  // namespace talentray::bench
