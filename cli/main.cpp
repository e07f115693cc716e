// apictl's entry point: everything happens in run().
#include <iostream>

#include "run.hpp"

int main(int argc, char** argv) {
  return apictl::cli::run(std::vector<std::string>(argv + 1, argv + argc), std::cout, std::cerr);
}
