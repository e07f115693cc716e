// apictl.toml: finding the project file (walking up like git) and reading it strictly.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "diagnostic.hpp"
#include "diff/policy.hpp"
#include "lint/lint.hpp"

namespace apictl::project {

inline constexpr std::string_view project_file_name = "apictl.toml";

// A recorded answer of the template the project came from (the same variant as scaffold::Value).
using AnswerValue = std::variant<std::string, std::int64_t, bool>;

// [dev]: how the project is set up, built, run and tested; commands are shell command lines.
struct DevConfig {
  std::string setup;    // one-time install step
  std::string build;    // incremental build, for compiled templates
  std::string command;  // starts the app; {port} is replaced by the port to listen on
  std::string test;     // runs the project's own tests
  std::string health;   // the path answering 200 once the app is up
  std::vector<std::string> watch;
  std::vector<std::string> ignore;
};

// [slo]: the budgets `apictl slo check` holds the latest measurements to (unset: no budget), and what lead
// time looks at.
struct SloConfig {
  std::optional<double> ttfr_seconds;               // time to first request, seconds
  std::optional<double> lead_time_p50_days;         // endpoint lead time, median, days
  std::optional<double> lead_time_p90_days;         // endpoint lead time, 90th percentile, days
  std::optional<double> defects;                    // contract defects found by `contract test`
  std::vector<std::string> test_globs{"tests/**"};  // where an operation's test is looked for
  int lead_time_operations = 20;                    // lead time is over the N operations introduced last
};

struct ProjectConfig {
  std::filesystem::path file;  // the apictl.toml that was read
  std::filesystem::path root;  // its folder
  std::string name;
  std::string template_name;
  std::string template_version;
  std::optional<std::filesystem::path> contract;             // [contract] path, relative to root
  lint::LintOptions lint;                                    // [contract.lint]
  bool lint_preset_set = false;                              // so a --preset flag can tell config from default
  std::optional<std::string> baseline;                       // [contract] baseline: the default BASE of `contract diff`
  diff::DiffPolicy diff;                                     // [contract.diff]
  DevConfig dev;                                             // [dev]
  SloConfig slo;                                             // [slo]
  std::vector<std::pair<std::string, AnswerValue>> answers;  // [answers], in file order
};

// Reads and validates one apictl.toml. Unknown tables and keys, wrong types and unknown rule ids are
// errors with line:column and a hint.
Result<ProjectConfig> load_project_config(const std::filesystem::path& file);

// The same for text already in memory (a file being generated); `file` names it in messages.
Result<ProjectConfig> parse_project_config(std::string_view text, const std::filesystem::path& file);

// [contract] baseline as an argument for contract::resolve_spec from the current directory: its path (alone,
// or the path of REV:path) is relative to apictl.toml's folder, like [contract] path. nullopt when unset.
std::optional<std::string> baseline_argument(const ProjectConfig& config);

// Looks for apictl.toml in `start` and its parents; nullopt when there is none.
Result<std::optional<ProjectConfig>> find_project_config(const std::filesystem::path& start);

}  // namespace apictl::project
