#include <catch2/catch.hpp>

#include "doctor/checkup.hpp"
#include "doctor/command_needs.hpp"

using apictl::doctor::command_needs;
using apictl::doctor::PythonModule;

TEST_CASE("command_needs: the programs of each simple command, and python -m modules") {
  auto needs = command_needs("python3 -m venv .venv && .venv/bin/python -m pip install -r requirements-dev.txt");
  CHECK(needs.programs == std::vector<std::string>{"python3"});  // .venv/bin/python is the project's own
  CHECK(needs.python_modules == std::vector<PythonModule>{{"python3", "venv"}});

  needs = command_needs("cmake -S . -B build && cmake --build build && ctest --test-dir build --output-on-failure");
  CHECK(needs.programs == std::vector<std::string>{"cmake", "ctest"});
  CHECK(needs.python_modules.empty());

  needs = command_needs("PYTHONPATH=src python3 -m uvicorn app.main:app --port {port}");
  CHECK(needs.programs == std::vector<std::string>{"python3"});
  CHECK(needs.python_modules == std::vector<PythonModule>{{"python3", "uvicorn"}});
}

TEST_CASE("command_needs: separators, quotes and pipes") {
  auto needs = command_needs("make build; npm test|tee 'log file' || echo \"failed: x && y\"");
  CHECK(needs.programs == std::vector<std::string>{"make", "npm", "tee", "echo"});
  CHECK(command_needs("").programs.empty());
  CHECK(command_needs("build/app --port {port}").programs.empty());
  CHECK(command_needs("python3 -m").python_modules.empty());  // no module named: nothing to import
}

TEST_CASE("debian packages for fix hints") {
  CHECK(apictl::doctor::debian_package_for_program("cmake") == "cmake");
  CHECK(apictl::doctor::debian_package_for_program("ninja") == "ninja-build");
  CHECK(apictl::doctor::debian_package_for_program("unheard-of").empty());
  CHECK(apictl::doctor::debian_package_for_python_module("uvicorn") == "python3-uvicorn");
  CHECK(apictl::doctor::debian_package_for_python_module("yaml") == "python3-yaml");
  CHECK(apictl::doctor::debian_package_for_python_module("pydantic_settings.sources") == "python3-pydantic-settings");
}
