// apictl doctor: what a project needs from this machine — its apictl.toml and contract readable, git, every
// program and Python module its [dev] steps run, a C++ compiler for CMake builds, the dev port free — each
// found or not, with how to fix what is missing.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace apictl::doctor {

struct Check {
  enum class Status { ok, warning, failed };
  std::string name;  // "python3 -m uvicorn"
  Status status = Status::ok;
  std::string detail;  // what was found
  std::string fix;     // what to do, for a warning or a failure
};

struct CheckupOptions {
  int port = 8000;  // the port `apictl dev` will listen on
};

// Every check, in a stable order: the project, its contract, git, each [dev] step's needs, the port.
// Outside a project only the machine's checks run (and a warning says so).
std::vector<Check> checkup(const std::filesystem::path& start, const CheckupOptions& options);

// A Debian package that provides a program or a Python module, for fix hints ("" when not known).
std::string debian_package_for_program(const std::string& program);
std::string debian_package_for_python_module(const std::string& module);

}  // namespace apictl::doctor
