// run_cli: runs apictl's command line in-process and captures its exit code, stdout and stderr.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "run.hpp"

namespace apictl::test {

struct CliOutcome {
  int code;
  std::string out;
  std::string err;
};

inline CliOutcome run_cli(std::vector<std::string> args) {
  std::ostringstream out;
  std::ostringstream err;
  int code = apictl::cli::run(args, out, err);
  return {code, out.str(), err.str()};
}

}  // namespace apictl::test
