// apictl's entry point: everything happens in run().
#include <iostream>

#include "run.hpp"

int main(int argc, char** argv) {
  // apictl writes through iostreams only; unsynced, std::cout buffers instead of calling putc per character.
  std::ios::sync_with_stdio(false);
  return apictl::cli::run(std::vector<std::string>(argv + 1, argv + argc), std::cout, std::cerr);
}
