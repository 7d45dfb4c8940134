// talentray: the Talent-Ray API from the command line. Everything is in src/; see README.md.
#include "src/core_dumps.hpp"
#include "src/run.hpp"
#include "src/standard_streams.hpp"

#include <iostream>

int main(int argc, char** argv) {
    // Before anything can fail and print: stdin, stdout and stderr are open, SIGPIPE is ignored.
    talentray::cli::secure_standard_streams();
    // Before the key is read: a crash must not write it to disk.
    if (!talentray::cli::forbid_core_dumps())
        std::cerr << "talentray: warning: cannot disable core dumps; a crash may write the API key to disk\n";
    std::ios::sync_with_stdio(false);
    return talentray::cli::run(argc, argv);
}
