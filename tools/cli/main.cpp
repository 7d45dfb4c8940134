// talentray: the Talent-Ray API from the command line. Everything is in src/; see README.md.
#include "src/run.hpp"

#include <iostream>

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    return talentray::cli::run(argc, argv);
}
