// `apictl new` as one call: load the template, decide the answers, plan, write atomically, run the hooks.
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "diagnostic.hpp"
#include "scaffold/generator.hpp"

namespace apictl::scaffold {

inline constexpr std::string_view default_template = "fastapi";

struct NewProjectOptions {
  std::filesystem::path target;
  std::string template_ref = std::string(default_template);  // a built-in name or a folder
  std::vector<std::pair<std::string, std::string>> given;    // --set NAME=VALUE
  bool use_defaults = false;
  ExistingFolder existing = ExistingFolder::refuse;
  bool run_hooks = true;
  std::istream* questions_in = nullptr;  // set only when stdin is a terminal
  std::ostream* questions_out = nullptr;
  std::function<bool()> cancelled;
  std::ostream* log = nullptr;  // hook progress; null for none
};

struct NewProjectResult {
  std::string template_name;
  std::string template_version;
  WriteReport written;
  std::string next_steps;
  std::size_t hooks_run = 0;
  std::optional<Diagnostic> hook_failure;  // the project exists; a post-generation step failed
};

Result<NewProjectResult> create_project(const NewProjectOptions& options);

}  // namespace apictl::scaffold
