// talentray me
#include "../command_line.hpp"
#include "commands.hpp"

#include <talentray/client.hpp>
#include <talentray/model/me.hpp>

namespace talentray::cli {
namespace {

boost::asio::awaitable<void> print_me(session s) {
    const talentray::me who = co_await s.client->me();
    print_object(s, encode(who));
}

}  // namespace

void add_me_command(command_line& cli) {
    CLI::App* me = cli.app().add_subcommand("me", "the key's user and scopes (needs no scope)");
    cli.add(me, talentray::operation::get_me, [](session s) { return print_me(std::move(s)); });
}

}  // namespace talentray::cli
