// talentray: the Talent-Ray API from the command line. Everything is in src/; see README.md.
#include "src/run.hpp"
#include "src/standard_streams.hpp"

#include <iostream>

int main(int argc, char** argv) {
    talentray::cli::secure_standard_streams();
    std::ios::sync_with_stdio(false);
    return talentray::cli::run(argc, argv);
}
