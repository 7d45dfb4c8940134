// Apply to a public job: show the role as the organization's career portal presents it, then
// ask for the applicant's sign-up link. The career portal is public: no API key is needed, and
// none is sent even if TALENTRAY_API_KEY is set.
//
//   apply_to_public_job acme role_eng_be [locale, e.g. de]
#include <talentray/api/career_portal.hpp>
#include <talentray/client.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <exception>
#include <iostream>
#include <string>

namespace asio = boost::asio;
namespace tr = talentray;

namespace {

void describe(const tr::public_job& job) {
    const tr::portal_role& role = job.role;
    std::cout << role.name << " at " << job.org.name << '\n';
    if (role.location) std::cout << "  location:  " << *role.location << '\n';
    if (role.work_type) std::cout << "  work type: " << *role.work_type << '\n';
    // Salaries are only published when the portal chooses to show them.
    if (role.salary_min && role.salary_max)
        std::cout << "  salary:    " << *role.salary_min << "-" << *role.salary_max << ' '
                  << role.salary_currency.value_or("") << " per " << role.salary_period.value_or("period") << '\n';
}

asio::awaitable<void> apply(tr::career_portal_api portal, std::string org_slug, std::string role_id,
                            std::optional<std::string> locale) {
    const tr::public_job job = co_await portal.job(org_slug, role_id);
    describe(job);

    tr::apply_request application;
    application.role_id = role_id;
    application.locale = std::move(locale);
    // Applying twice is harmless: the server hands out the same link again.
    const tr::invite invite = co_await portal.apply(org_slug, application);
    std::cout << "continue the application at " << invite.invite_url << '\n';
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: " << argv[0] << " <portal slug> <role id> [locale]\n";
        return 2;
    }
    try {
        asio::io_context io;
        const tr::client api{io.get_executor(), tr::client_options::from_env()};
        std::optional<std::string> locale;
        if (argc > 3) locale = argv[3];
        std::exception_ptr failure;
        asio::co_spawn(io, apply(api.career_portal(), argv[1], argv[2], std::move(locale)),
                       [&failure](std::exception_ptr e) { failure = e; });
        io.run();
        if (failure) std::rethrow_exception(failure);
        return 0;
    } catch (const tr::error& e) {
        // `not_found` when the portal is not enabled or the role no longer takes applications.
        std::cerr << "could not apply: " << e.what() << '\n';
        return 1;
    }
}
