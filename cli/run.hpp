// The whole command line as one function, so tests can drive it in-process with their own streams.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace apictl::cli {

// args excludes the program name. Returns the process exit code (0, 1 or 2).
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace apictl::cli
