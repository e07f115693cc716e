// The step kinds' shared interface: a step is read from its `[[steps]]` table, and computes its effect on
// the work tree in memory; only `run` steps act on the disk, between journaled writes.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"
#include "migrate/code_rewrite.hpp"
#include "migrate/field_reader.hpp"
#include "migrate/work_tree.hpp"

namespace apictl::migrate {

// An item a person has to check: from a `manual` step, or a place a rewrite could not change safely.
struct ChecklistItem {
  std::string text;
  std::string file;  // "" when it names no file
  int line = 0;
  int column = 0;
};

// A shell command a `run` step executes in the project root, and the one that reverses it ("" if none).
struct ShellStep {
  std::string command;
  std::string undo;
};

// `when = { imports = "pydantic_settings", language = "python", files = ["**/*.py"] }`: the step runs only
// when some matching file imports the module by then.
struct StepCondition {
  Language language = Language::python;
  std::vector<std::string> files;
  std::string module;
};

struct StepContext {
  WorkTree& tree;
  std::vector<ChecklistItem>& checklist;
};

class Step {
 public:
  virtual ~Step() = default;
  virtual std::string_view kind() const = 0;
  // One line for `plan`: what the step will do, e.g. "pin pydantic to >=2,<3".
  virtual std::string describe() const = 0;
  // Makes the step's changes in the work tree; returns what it did ("3 edits in 2 files").
  virtual Result<std::string> apply(StepContext& context) const = 0;
  // A `run` step's command; nullptr for steps that only change files.
  virtual const ShellStep* shell() const { return nullptr; }

  SourcePosition where;               // the step's table
  std::optional<StepCondition> when;  // set by the migration reader for every kind
};

using StepPointer = std::shared_ptr<const Step>;

// One row of the step-kind registry (steps/step_kinds.cpp); adding a kind is adding a file and a row.
struct StepKind {
  std::string_view name;
  std::string_view summary;                                         // for docs and errors
  std::span<const std::string_view> keys;                           // the keys its table may have besides kind and when
  Result<std::shared_ptr<Step>> (*read)(const FieldReader& table);  // the table is checked against `keys`
};

std::span<const StepKind> step_kinds();
const StepKind* find_step_kind(std::string_view name);

// Which files of `globs` the tree holds now, sorted; "" globs never match.
std::vector<std::string> matching_files(WorkTree& tree, std::span<const std::string> globs);

Result<Language> parse_language(const FieldReader& table, std::string_view key);
std::string_view language_name(Language language);

}  // namespace apictl::migrate
