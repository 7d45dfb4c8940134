// bench_client_curl: the bench_request_cost workload through libcurl's multi interface, the way
// a C++ service without this SDK would usually do it: one multi handle, one easy handle per
// connection slot, curl_multi_perform + curl_multi_poll, HTTP/1.1 keep-alive through the multi
// handle's connection cache (at most --connections connections), and each body parsed and
// decoded exactly as the other clients do.
//
// The open loop waits for the next due send on a timerfd passed to curl_multi_poll, so sends
// are not late by curl's millisecond timeout granularity.
#include "response_decoding.hpp"
#include "load_plan.hpp"
#include "run_report.hpp"
#include "tls_description.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <exception>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <sys/timerfd.h>
#include <unistd.h>

namespace bench = talentray::bench;

namespace {

struct transfer {
    CURL* easy = nullptr;
    std::size_t worker = 0;
    std::size_t j = 0;       // the request in flight
    std::size_t next_j = 0;  // open loop: the worker's next request
    bench::bench_clock::time_point scheduled{};
    bool want_tls = false;
    std::string body;
    std::string tls;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* t = static_cast<transfer*>(user);
    if (t->want_tls) {
        // The connection's SSL object is only guaranteed while the transfer runs.
        const curl_tlssessioninfo* info = nullptr;
        if (curl_easy_getinfo(t->easy, CURLINFO_TLS_SSL_PTR, &info) == CURLE_OK && info &&
            info->backend == CURLSSLBACKEND_OPENSSL)
            t->tls = bench::negotiated_tls(static_cast<const SSL*>(info->internals));
        t->want_tls = false;
    }
    t->body.append(data, size * count);
    return size * count;
}

void check(CURLcode code, const char* what) {
    if (code != CURLE_OK) throw std::runtime_error(std::string(what) + ": " + curl_easy_strerror(code));
}

class curl_runner {
public:
    curl_runner(const bench::load_plan& plan, bench::run_report& report) : plan_(plan), report_(report) {
        multi_ = curl_multi_init();
        const long c = static_cast<long>(plan.connections);
        curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, c);
        curl_multi_setopt(multi_, CURLMOPT_MAX_TOTAL_CONNECTIONS, c);
        curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, c);
        curl_multi_setopt(multi_, CURLMOPT_PIPELINING, CURLPIPE_NOTHING);
        headers_ = curl_slist_append(headers_, ("Authorization: Bearer " + plan.api_key).c_str());
        headers_ = curl_slist_append(headers_, "Accept: application/json");
        base_ = plan.base_url();
        transfers_.resize(plan.connections);
        for (std::size_t w = 0; w < plan.connections; ++w) {
            transfer& t = transfers_[w];
            t.worker = w;
            t.easy = curl_easy_init();
            t.body.reserve(64 * 1024);
            check(curl_easy_setopt(t.easy, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1), "http version");
            check(curl_easy_setopt(t.easy, CURLOPT_CAINFO, plan.ca_file.c_str()), "CA file");
            check(curl_easy_setopt(t.easy, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_3) | static_cast<long>(CURL_SSLVERSION_MAX_TLSv1_3)),
                  "TLS version");
            check(curl_easy_setopt(t.easy, CURLOPT_TLS13_CIPHERS, plan.tls13_ciphersuite.c_str()), "TLS 1.3 suite");
            check(curl_easy_setopt(t.easy, CURLOPT_HTTPHEADER, headers_), "headers");
            check(curl_easy_setopt(t.easy, CURLOPT_USERAGENT, "talentray-bench/curl"), "user agent");
            check(curl_easy_setopt(t.easy, CURLOPT_NOSIGNAL, 1L), "nosignal");
            check(curl_easy_setopt(t.easy, CURLOPT_WRITEFUNCTION, on_body), "write function");
            check(curl_easy_setopt(t.easy, CURLOPT_WRITEDATA, &t), "write data");
            check(curl_easy_setopt(t.easy, CURLOPT_PRIVATE, &t), "private");
        }
        timer_fd_ = ::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    }

    ~curl_runner() {
        for (transfer& t : transfers_) {
            curl_multi_remove_handle(multi_, t.easy);
            curl_easy_cleanup(t.easy);
        }
        curl_multi_cleanup(multi_);
        curl_slist_free_all(headers_);
        if (timer_fd_ >= 0) ::close(timer_fd_);
    }

    /// One request per connection slot, all at once: each opens its own connection.
    void warm_up() {
        warming_ = true;
        const auto now = bench::bench_clock::now();
        for (std::size_t w = 0; w < plan_.connections; ++w) start(transfers_[w], w, now);
        transfers_[0].want_tls = true;
        drive(plan_.connections);
        warming_ = false;
    }

    void steady(bench::bench_clock::time_point origin) {
        origin_ = origin;
        completed_ = 0;
        std::size_t count = std::min(plan_.connections, plan_.requests);
        for (std::size_t w = 0; w < count; ++w) {
            if (plan_.open_loop()) {
                transfers_[w].next_j = w;  // worker w sends j = w, w + C, ... at their due times
                pending_.push_back(w);
            } else
                start(transfers_[w], next_++, bench::bench_clock::now());
        }
        drive(plan_.requests);
    }

    std::string tls() const { return transfers_[0].tls; }

private:
    void start(transfer& t, std::size_t j, bench::bench_clock::time_point scheduled) {
        t.j = j;
        t.scheduled = scheduled;
        t.body.clear();
        const std::string url = base_ + bench::request_target(plan_, j);
        check(curl_easy_setopt(t.easy, CURLOPT_URL, url.c_str()), "URL");
        curl_multi_add_handle(multi_, t.easy);
    }

    void finish(CURLMsg* message) {
        transfer* t = nullptr;
        curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &t);
        curl_multi_remove_handle(multi_, t->easy);
        ++completed_;
        try {
            check(message->data.result, "transfer");
            long status = 0;
            curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
            if (status != 200) throw std::runtime_error("status " + std::to_string(status));
            const std::size_t rows = bench::decode_response(plan_.workload, t->body);
            const auto done = bench::bench_clock::now();
            if (warming_)
                report_.connection_ready(done - t->scheduled);
            else
                report_.record(done - t->scheduled, rows);
        } catch (const std::exception& e) {
            report_.record_failure(std::string(warming_ ? "warm-up: " : "") + e.what());
        }
        if (warming_) return;
        if (plan_.open_loop()) {
            if (t->j + plan_.connections < plan_.requests) {
                t->next_j = t->j + plan_.connections;
                pending_.push_back(t->worker);
            }
        } else if (next_ < plan_.requests) {
            start(*t, next_++, bench::bench_clock::now());
        }
    }

    /// Starts the pending open-loop sends that are due; returns the earliest one still ahead.
    std::optional<bench::bench_clock::time_point> start_due() {
        std::optional<bench::bench_clock::time_point> earliest;
        const auto now = bench::bench_clock::now();
        for (std::size_t i = 0; i < pending_.size();) {
            transfer& t = transfers_[pending_[i]];
            const std::size_t j = t.next_j;
            const auto due = bench::due_time(plan_, origin_, j);
            if (due <= now) {
                start(t, j, due);
                pending_[i] = pending_.back();
                pending_.pop_back();
                continue;
            }
            if (!earliest || due < *earliest) earliest = due;
            ++i;
        }
        return earliest;
    }

    /// Arms (or disarms) the timerfd for the next due send; a syscall only when that changes.
    void arm_timer(std::optional<bench::bench_clock::time_point> at) {
        if (at == armed_for_) return;
        armed_for_ = at;
        itimerspec spec{};
        if (at) {
            const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(at->time_since_epoch()).count();
            spec.it_value.tv_sec = ns / 1'000'000'000;
            spec.it_value.tv_nsec = std::max<long>(1, ns % 1'000'000'000);
        }
        ::timerfd_settime(timer_fd_, TFD_TIMER_ABSTIME, &spec, nullptr);
    }

    void drive(std::size_t until_completed) {
        while (completed_ < until_completed) {
            if (plan_.open_loop() && !warming_) start_due();
            int running = 0;
            curl_multi_perform(multi_, &running);
            int queued = 0;
            while (CURLMsg* message = curl_multi_info_read(multi_, &queued))
                if (message->msg == CURLMSG_DONE) finish(message);
            if (completed_ >= until_completed) break;
            if (!plan_.open_loop() || warming_) {
                curl_multi_poll(multi_, nullptr, 0, 1000, nullptr);
                continue;
            }
            arm_timer(start_due());
            curl_waitfd timer{timer_fd_, CURL_WAIT_POLLIN, 0};
            curl_multi_poll(multi_, &timer, 1, 1000, nullptr);
            if (timer.revents & CURL_WAIT_POLLIN) {
                std::uint64_t expirations = 0;
                (void)::read(timer_fd_, &expirations, sizeof expirations);
                armed_for_.reset();  // a fired timer is disarmed
            }
        }
    }

    const bench::load_plan& plan_;
    bench::run_report& report_;
    CURLM* multi_ = nullptr;
    curl_slist* headers_ = nullptr;
    std::string base_;
    std::vector<transfer> transfers_;
    std::vector<std::size_t> pending_;  // open loop: workers waiting for their next due time
    bench::bench_clock::time_point origin_{};
    std::size_t next_ = 0;
    std::size_t completed_ = 0;
    bool warming_ = false;
    int timer_fd_ = -1;
    std::optional<bench::bench_clock::time_point> armed_for_;  // what the timerfd is set to
};

}  // namespace

int main(int argc, char** argv) {
    const bench::load_plan plan = bench::parse_plan(argc, argv, "curl");
    bench::run_report report{plan, "curl"};
    curl_global_init(CURL_GLOBAL_DEFAULT);
    try {
        curl_runner runner{plan, report};
        report.start_warmup();
        runner.warm_up();
        runner.steady(report.start_steady());
        report.finish_steady();
        report.set_tls(runner.tls());
    } catch (const std::exception& e) {
        report.record_failure(e.what());
    }
    curl_global_cleanup();
    report.print(std::cout);
    return report.failed() ? 1 : 0;
}
