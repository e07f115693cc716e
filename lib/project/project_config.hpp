// apictl.toml: finding the project file (walking up like git) and reading it strictly.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "diagnostic.hpp"
#include "lint/lint.hpp"

namespace apictl::project {

inline constexpr std::string_view project_file_name = "apictl.toml";

struct ProjectConfig {
  std::filesystem::path file;  // the apictl.toml that was read
  std::filesystem::path root;  // its folder
  std::string name;
  std::string template_name;
  std::string template_version;
  std::optional<std::filesystem::path> contract;  // [contract] path, relative to root
  lint::LintOptions lint;                         // [contract.lint]
  bool lint_preset_set = false;                   // so a --preset flag can tell config from default
};

// Reads and validates one apictl.toml. Unknown tables and keys, wrong types and unknown rule ids are
// errors with line:column and a hint.
Result<ProjectConfig> load_project_config(const std::filesystem::path& file);

// Looks for apictl.toml in `start` and its parents; nullopt when there is none.
Result<std::optional<ProjectConfig>> find_project_config(const std::filesystem::path& start);

}  // namespace apictl::project
