// What a [dev] command line needs from the machine: the programs it starts, and the Python modules it runs
// with `python -m`. Read from the text alone (apictl never runs a shell to find out).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace apictl::doctor {

struct PythonModule {
  std::string interpreter;  // "python3"
  std::string module;       // "uvicorn"
  bool operator==(const PythonModule&) const = default;
};

struct CommandNeeds {
  std::vector<std::string> programs;  // in order of first use, each once
  std::vector<PythonModule> python_modules;
};

// Splits `command_line` into simple commands (at &&, ||, ;, |) and takes the first word of each that is not a
// VAR=value assignment. Programs given by a path with a '/' are the project's own (`.venv/bin/python`,
// `build/app`): the project's setup or build makes them, so they are not needed from the machine.
CommandNeeds command_needs(std::string_view command_line);

}  // namespace apictl::doctor
