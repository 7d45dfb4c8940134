// A program built against the installed package: it must compile with the public headers
// alone, link, and behave (options are validated, errors carry diagnostics).
#include <talentray/client.hpp>

#include <boost/asio/io_context.hpp>

#include <iostream>

int main() {
    boost::asio::io_context io;
    talentray::client_options options;
    options.base_url = "http://api.example.com";  // plain http to a remote host: refused
    try {
        talentray::client c{io.get_executor(), options};
        std::cerr << "plain http was accepted\n";
        return 1;
    } catch (const talentray::error& e) {
        if (e.code() != talentray::errc::insecure_url_refused) {
            std::cerr << "unexpected error: " << e.what() << "\n";
            return 1;
        }
    }
    options.base_url = "acme";
    talentray::client c{io.get_executor(), options};
    if (c.origin() != "https://acme.talent-ray.com:443") {
        std::cerr << "unexpected origin " << c.origin() << "\n";
        return 1;
    }
    std::cout << "consumer ok\n";
}
